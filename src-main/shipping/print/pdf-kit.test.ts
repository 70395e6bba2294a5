import { describe, expect, it } from 'vitest';
import { clip, estWidth } from './pdf-kit';

describe('text fitting on printed sheets', () => {
  it('counts Chinese characters as one em and Latin as about half', () => {
    expect(estWidth('拣货单', 10)).toBe(30);
    expect(estWidth('SKU-1', 10)).toBeCloseTo(28);
  });

  it('cuts text that does not fit with an ellipsis and leaves text that fits alone', () => {
    expect(clip('纯棉T恤', 100, 10)).toBe('纯棉T恤');
    const cut = clip('超长的商品标题会被截断以免压到数量一栏', 60, 10);
    expect(cut.endsWith('…')).toBe(true);
    expect(estWidth(cut, 10)).toBeLessThanOrEqual(60);
  });
});

import { describe, expect, it } from 'vitest';
import { contract } from '../../src-shared/contract';
import { invalidInput } from './validation';

/** What a person reads when a call's input is refused: the field and the choices in words, numbers grouped. */
function refusal(call: keyof typeof contract, input: unknown, locale: 'zh-CN' | 'en' = 'zh-CN'): string {
  const r = contract[call].input.safeParse(input);
  if (r.success) throw new Error(`${call} accepted ${JSON.stringify(input)}`);
  return invalidInput(r.error, input, locale).message;
}

describe('validation messages', () => {
  it('name the choices of a fixed list in words, not their codes (zh-CN and en)', () => {
    const zh = refusal('exports.finance', { month: '2026-10', basis: 'shipped' });
    expect(zh).toBe('对账口径：只能是 按付款时间 / 按完成时间（值 "shipped"）');
    expect(refusal('exports.finance', { month: '2026-10', basis: 'shipped' }, 'en')).toBe('basis: must be one of by paid time / by completion time (value "shipped")');
    expect(refusal('orders.setUrgency', { orderIds: ['a'], urgency: 'purple' })).toBe('紧急度：只能是 紧急 / 关注 / 正常（值 "purple"）');
    expect(refusal('exports.finance', { month: '2026-10', format: 'pdf' })).toBe('文件格式：只能是 CSV 文件 / Excel 文件（xlsx）（值 "pdf"）');
  });

  it('groups the digits of a bound and says it in the unit of what was given', () => {
    const many = Array.from({ length: 5001 }, (_, i) => `o${i}`);
    expect(refusal('orders.setUrgency', { orderIds: many, urgency: 'red' })).toMatch(/^订单：最多 5,000 项（值 /);
    expect(refusal('orders.addNote', { orderIds: ['a'], body: 'x'.repeat(2001) })).toMatch(/^备注内容：最多 2,000 个字符/);
  });

  it("shows the caller's half of a contract's own message, without field keys or formats", () => {
    expect(refusal('exports.finance', { month: '2026-13' })).toBe('月份：应为“年-月”，如 2026-10（值 "2026-13"）');
    expect(refusal('exports.finance', { month: '2026-13' }, 'en')).toBe('month: must be YYYY-MM, e.g. 2026-10 (value "2026-13")');
    expect(refusal('orders.page', { startRow: 0, endRow: 5000 })).toMatch(/一次最多读取 1,000 行/);
  });
});

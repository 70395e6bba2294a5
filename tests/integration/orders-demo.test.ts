import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { createLogger } from '../../src-main/log';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp | null = null;
afterEach(() => app?.dispose());

describe('demo workspace on first run', () => {
  it('opens with the five demo users and generated orders, reporting progress; reopening generates nothing more', async () => {
    const progress: string[] = [];
    app = await tempApp({ demoOrders: 500, onProgress: (m) => progress.push(m) });
    // It says what it is about to do before the long part, then how far it got, then that it is done.
    expect(progress[0]).toBe('新的演示工作区：正在生成 500 条演示订单… / new demo workspace: generating 500 demo orders …');
    expect(progress[1]).toMatch(/6 个店铺、3 个仓库、\d+ 个 SKU/);
    expect(progress).toContain('演示订单 500 / 500');
    expect(progress.at(-1)).toMatch(/^演示订单已生成：500 条，用时 [\d.]+ 秒/);
    const token = await app.login('service');
    const page = await app.call('orders.page', { startRow: 0, endRow: 10 }, token);
    expect(page.total).toBe(500);
    const facets = await app.call('orders.facets', {}, token);
    expect(facets.channels).toHaveLength(6);
    expect(facets.warehouses.map((w) => w.name).sort()).toEqual(['嘉兴前置仓', '宁波保税仓', '杭州主仓'].sort());

    // Second start on the same folder: the workspace is not new, nothing is generated again.
    app.close();
    const again = await openApp({ dataDir: app.dataDir, demo: true, demoOrders: 500, log: createLogger(app.dataDir, { console: false }), channels: { autostart: false }, onProgress: (m) => progress.push(`again ${m}`) });
    try {
      expect(progress.some((m) => m.startsWith('again'))).toBe(false);
      expect(again.services.db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(500);
    } finally {
      again.close();
      rmSync(app.dataDir, { recursive: true, force: true });
      app = null;
    }
  });

  it('demoOrders 0 gives the users only', async () => {
    app = await tempApp({ demoOrders: 0 });
    expect(app.services.db.sqlite.prepare('SELECT count(*) FROM orders').pluck().get()).toBe(0);
    expect(app.services.db.sqlite.prepare('SELECT count(*) FROM channels').pluck().get()).toBe(0);
    expect(await app.login('warehouse')).toBeTruthy();
  });
});

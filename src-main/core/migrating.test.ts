import { describe, expect, it } from 'vitest';
import { MIGRATING_WAIT_MS, MigrationWatch } from './migrating';

describe('MigrationWatch: how a call waits for a starting core', () => {
  it('gives what the open settled to; while a migration runs, its words after MIGRATING_WAIT_MS; gives up after its limit', async () => {
    const watch = new MigrationWatch();
    expect(await watch.wait(() => Promise.resolve(true), 'zh-CN')).toEqual({ opened: true });

    watch.report({ phase: 'migrate', step: 1, steps: 2, tag: '0026_order_children_by_order' });
    const t = Date.now();
    const told = await watch.wait(() => new Promise<boolean>(() => undefined), 'zh-CN');
    expect(Date.now() - t).toBeGreaterThanOrEqual(MIGRATING_WAIT_MS);
    expect(told).toEqual({ words: expect.stringMatching(/^正在升级本地数据（第 1\/2 步，已用 \d+ 秒/) });
    expect(await watch.wait(() => null, 'en')).toEqual({ words: expect.stringMatching(/^Updating the local data \(step 1 of 2/) });

    watch.done();
    expect(await watch.wait(() => null, 'zh-CN', 300)).toEqual({ gaveUp: true }); // no migration: only the limit ends the wait
  });
});

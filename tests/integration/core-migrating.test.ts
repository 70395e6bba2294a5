import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * The first start after an update that migrates a large workspace (0026 rebuilds the timeline:
 * about a minute at 1 M orders). The host listens at once; a call waits a moment, then is told
 * where the migration stands, in words; once it ends, calls are answered as usual.
 */
const EVENTS = 200_000;
let core: TempCore | null = null;
afterAll(async () => core?.dispose());

describe('while an update migrates the workspace', () => {
  it('a call is told, in words, that the data is being updated and how far it is; after it, the workspace answers with every row', async () => {
    // A workspace as the last version left it: a shop's orders and a long timeline.
    const before = await tempCore({ writer: { demoOrders: 20 } });
    await until(() => before.call('setup.status', {}, null), (s) => s.seeding === null, 120_000, 200);
    await before.dispose(true);
    const file = join(before.dataDir, 'orderhub.db');
    const db = new Database(file);
    const orderId = db.prepare('SELECT id FROM orders LIMIT 1').pluck().get() as string;
    db.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
       INSERT INTO order_events (id, order_id, at, type, actor_name, detail_json) SELECT printf('ev-%07d', i), ?, i, 'note', '测试', '{"body":"到了"}' FROM n`,
    ).run(EVENTS, orderId);
    const timeline = () => db.prepare('SELECT count(*) FROM order_events WHERE order_id = ?').pluck().get(orderId) as number;
    const events = timeline();
    // The update: this version's last migration is not applied yet.
    db.prepare(`DELETE FROM _migrations WHERE tag LIKE '0026%'`).run();
    db.close();

    // The rebuild of 1 M orders' timeline takes about a minute; here the writer is held 6 s in it
    // (fault injection), whatever this machine's speed, so a call is asked while it runs.
    process.env.ORDERHUB_FAULT_MIGRATE_MS = '6000';
    core = await tempCore({ dataDir: before.dataDir }, { listenWhileStarting: true });
    delete process.env.ORDERHUB_FAULT_MIGRATE_MS;
    const asked = await core.post('setup.status', {}, null);
    expect(asked.status).toBe(503);
    expect(asked.body).toMatchObject({ error: { code: 'unavailable', message: expect.stringMatching(/^正在升级本地数据.*请不要关闭 OrderHub。$/) } });
    expect(asked.ms).toBeLessThan(4_000); // told after ~2 s, not held for the migration
    const health = (await (await fetch(`${core.url}/healthz`)).json()) as { core: { migrating: { phase: string } | null } };
    expect(health.core.migrating).toMatchObject({ phase: expect.stringMatching(/^(backup|migrate)$/) });

    await core.started;
    expect(core.front.status().migrating).toBeNull();
    expect((await core.call('setup.status', {}, null)).demo).toBe(true);
    await core.login('owner');
    const after = new Database(file, { readonly: true });
    expect(after.prepare(`SELECT tag FROM _migrations WHERE tag LIKE '0026%'`).pluck().get()).toMatch(/^0026/);
    expect(after.prepare('SELECT count(*) FROM order_events WHERE order_id = ?').pluck().get(orderId)).toBe(events);
    after.close();
  }, 240_000);
});

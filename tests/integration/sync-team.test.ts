import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { replicaRows, rowsHash } from '../helpers/replica-hash';
import { tempApp, type TempApp } from '../helpers/temp-app';
import type { LocalEvents } from '../../src-main/kernel/events';
import { pollGate } from '../../src-main/sync/poller-gate';

/**
 * Two PCs and the cloud (PGlite, in this process): the first PC uploads its replica, the second
 * takes the team's, changes travel both ways within seconds, a change the user's current role
 * may not make is refused and undone, and another workspace sees nothing of this one.
 */
describe('team sync through the cloud', () => {
  let cloud: TestCloud;
  let pc1: TempApp;
  let pc2: TempApp;
  let ws: { workspaceId: string; code: string };
  let owner1: string;

  const settle = async () => {
    for (let i = 0; i < 3; i++) {
      await pc1.services.sync.syncNow();
      await pc2.services.sync.syncNow();
    }
  };

  beforeAll(async () => {
    cloud = await startTestCloud('pglite');
    ws = await cloud.newWorkspace('华东仓配');
    pc1 = await tempApp({ demo: true, demoOrders: 30, sync: { pollMs: 60_000, debounceMs: 20 } });
    pc2 = await tempApp({ demo: false, ownerPassword: 'pc2-own-owner-pw', sync: { pollMs: 60_000, debounceMs: 20 } });
    owner1 = await pc1.login('owner');
  }, 120_000);

  afterAll(async () => {
    pc1?.dispose();
    pc2?.dispose();
    await cloud?.close();
  });

  it('the first PC enrols with the code and uploads every synced row; the outbox is compacted after', async () => {
    const status = await pc1.call('sync.enroll', { url: cloud.url, code: ws.code, name: '前台电脑' }, owner1);
    expect(status).toMatchObject({ enrolled: true, workspaceName: '华东仓配' });
    await pc1.services.sync.syncNow();
    const s = await pc1.call('sync.status', {}, owner1);
    expect(s).toMatchObject({ online: true, queued: 0, conflicts: 0 });
    expect(s.lastPushAt).toBeGreaterThan(0);
    expect(rowsHash(await cloud.rows(ws.workspaceId))).toBe(rowsHash(replicaRows(pc1.services.db.sqlite)));
    expect((await cloud.rows(ws.workspaceId)).get('orders')?.size).toBe(30);
  });

  it('a used code is refused; the owner makes a new one and a second PC joins and takes the team\'s data', async () => {
    const pc2Owner = await pc2.login('owner', 'pc2-own-owner-pw');
    const reused = await pc2.raw('sync.enroll', { url: cloud.url, code: ws.code }, pc2Owner);
    expect(reused).toMatchObject({ error: { code: 'invalid_input', field: 'code' } });
    const { code } = await pc1.call('sync.enrollCode', {}, owner1);
    await pc2.call('sync.enroll', { url: cloud.url, code, name: '仓库电脑' }, pc2Owner);
    expect(readdirSync(pc2.dataDir).some((f) => f.startsWith('orderhub.db.before-join-'))).toBe(true); // its own data, kept aside
    await settle();
    expect(rowsHash(replicaRows(pc2.services.db.sqlite))).toBe(rowsHash(replicaRows(pc1.services.db.sqlite)));
    // The team's accounts now sign in on the second PC; its own first-run owner is gone.
    expect(await pc2.login('ops')).toBeTruthy();
    expect(await pc2.raw('auth.login', { username: 'owner', password: 'pc2-own-owner-pw' }, null)).toMatchObject({ error: { code: 'unauthenticated' } });
  });

  it('a PC whose disk cannot hold the copy of its own data is refused with words, and stays as it was', async () => {
    const pc3 = await tempApp({ demo: false, ownerPassword: 'pc3-own-owner-pw', freeDiskBytes: () => 1024 * 1024, sync: { pollMs: 60_000 } });
    try {
      const pc3Owner = await pc3.login('owner', 'pc3-own-owner-pw');
      const { code } = await pc1.call('sync.enrollCode', {}, owner1);
      const refused = await pc3.raw('sync.enroll', { url: cloud.url, code, name: '门店电脑' }, pc3Owner);
      expect(refused).toMatchObject({
        error: { code: 'conflict', message: expect.stringMatching(/^磁盘空间不足，无法加入团队：加入前要先把这台电脑的数据备份一份，需要约 \d+ MB 可用空间，.* 所在磁盘只剩 1 MB。请清理磁盘后向团队管理员要一个新的加入码再加入；这台电脑的数据没有任何改动。$/) },
      });
      // Not half in the team: no token or workspace kept, no copy, and its own owner still signs in.
      expect(await pc3.call('sync.status', {}, pc3Owner)).toMatchObject({ enrolled: false });
      expect(['sync.url', 'sync.workspaceId', 'sync.cursor'].map((k) => pc3.services.sync.store.get(k))).toEqual([null, null, null]);
      expect(readdirSync(pc3.dataDir).some((f) => f.includes('before-join'))).toBe(false);
      expect(await pc3.login('owner', 'pc3-own-owner-pw')).toBeTruthy();
    } finally {
      pc3.dispose();
    }
  });

  it('a change on one PC shows in the other PC\'s grid within 2 s (event stream poke, no manual sync)', async () => {
    const ops1 = await pc1.login('ops');
    const ops2 = await pc2.login('ops');
    const first = (await pc2.call('orders.page', { startRow: 0, endRow: 5 }, ops2)).rows[0]!;
    // What pc2's open screens are told (they have no polling timers): the order, and that sync moved on.
    const heard: { name: string; ids?: string[] }[] = [];
    const off = (pc2.events as LocalEvents).on((name, payload) => heard.push({ name, ...(name === 'orders.changed' ? { ids: (payload as { ids: string[] }).ids } : {}) }));
    const started = Date.now();
    await pc1.call('orders.setUrgency', { orderIds: [first.id], urgency: first.urgency === 'red' ? 'yellow' : 'red' }, ops1);
    const want = first.urgency === 'red' ? 'yellow' : 'red';
    let seen = '';
    while (Date.now() - started < 5_000) {
      // What the other PC's grid shows: its orders.page block.
      seen = (await pc2.call('orders.page', { startRow: 0, endRow: 5 }, ops2)).rows.find((r) => r.id === first.id)?.urgency ?? '';
      if (seen === want) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    const ms = Date.now() - started;
    expect(seen).toBe(want);
    expect(ms).toBeLessThan(2_000);
    await new Promise((r) => setTimeout(r, 100)); // the round that applied it ends just after the commit
    off();
    expect(heard.some((e) => e.name === 'orders.changed' && e.ids?.includes(first.id))).toBe(true);
    expect(heard.some((e) => e.name === 'sync.changed')).toBe(true);
    // Audited on the receiving PC as a remote change, and not sent back out.
    const audit = pc2.services.db.sqlite.prepare(`SELECT action, call, actor_name AS who FROM audit_log WHERE entity = 'orders' AND entity_id = ? ORDER BY seq DESC LIMIT 1`).get(first.id);
    expect(audit).toMatchObject({ action: 'remote_update', call: 'orders.setUrgency', who: 'ops' });
    expect(pc2.services.db.writes.syncLog.size()).toBe(0);
  });

  it('a PC offline with a stale role: its change is refused by the cloud, reported and undone', async () => {
    await pc2.services.sync.stop();
    const users = await pc1.call('users.list', {}, owner1);
    const ops = users.find((u) => u.username === 'ops')!;
    await pc1.call('users.update', { id: ops.id, role: 'service' }, owner1);
    await pc1.services.sync.syncNow();
    // On PC2 (offline, still thinks ops is an ops lead) ops sets an urgency.
    const ops2 = await pc2.login('ops');
    const order = (await pc2.call('orders.page', { startRow: 1, endRow: 2 }, ops2)).rows[0]!;
    const before = order.urgency;
    await pc2.call('orders.setUrgency', { orderIds: [order.id], urgency: before === 'red' ? 'yellow' : 'red' }, ops2);
    pc2.services.sync.start();
    await settle();
    const status = pc2.services.sync.status();
    expect(status.conflicts).toBeGreaterThan(0);
    const log = pc2.services.sync.log(50);
    expect(log.find((e) => e.kind === 'refused' && e.params?.table === 'orders')).toMatchObject({ code: 'sync.forbidden', params: { permission: 'orders.tag', role: 'service', table: 'orders' } });
    expect(pc2.services.db.sqlite.prepare('SELECT urgency FROM orders WHERE id = ?').pluck().get(order.id)).toBe(before);
    // Its timeline entry (also refused: the event was written by the same call) is gone too.
    expect(log.find((e) => e.kind === 'refused' && e.params?.table === 'order_events')).toBeTruthy();
    await settle();
    const h1 = rowsHash(replicaRows(pc1.services.db.sqlite));
    expect(rowsHash(replicaRows(pc2.services.db.sqlite))).toBe(h1);
    expect(rowsHash(await cloud.rows(ws.workspaceId))).toBe(h1);
  });

  it('one PC polls each shop; another takes over only after the poller has been silent for the failover time', async () => {
    await settle();
    const ch = pc1.services.channels.store.list()[0]!;
    const id1 = pc1.services.sync.deviceId;
    const id2 = pc2.services.sync.deviceId;
    expect(pc2.services.channels.store.get(ch.id)?.pollerDeviceId).toBe(id1); // the first PC kept its shops
    const gate1 = pollGate(pc1.services.db, pc1.services.sync);
    const gate2 = pollGate(pc2.services.db, pc2.services.sync);
    await pc1.call('channels.setPoller', { id: ch.id, deviceId: id1, failoverMinutes: 2 }, owner1);
    pc1.services.db.writes.run({ actor: { id: null, name: 'poller' }, call: 'channels.poll' }, (tx) =>
      tx.insert('channel_health', { channelId: ch.id, state: 'active', failures: 0, polledBy: id1, heartbeatAt: Date.now(), updatedAt: Date.now() }));
    await settle();
    expect([gate1(pc1.services.channels.store.get(ch.id)!), gate2(pc2.services.channels.store.get(ch.id)!)]).toEqual([true, false]);
    // PC 1 goes quiet: its last heartbeat is ten minutes old on every PC.
    pc1.services.db.writes.run({ actor: { id: null, name: 'poller' }, call: 'channels.poll' }, (tx) =>
      tx.update('channel_health', ch.id, { heartbeatAt: Date.now() - 10 * 60_000 }));
    await settle();
    expect(gate2(pc2.services.channels.store.get(ch.id)!)).toBe(true); // PC 2 takes over …
    await settle();
    expect(pc1.services.channels.store.get(ch.id)?.pollerDeviceId).toBe(id2); // … and PC 1 learns it
    expect([gate1(pc1.services.channels.store.get(ch.id)!), gate2(pc2.services.channels.store.get(ch.id)!)]).toEqual([false, true]);
    const audit = pc2.services.db.sqlite.prepare(`SELECT call, reason FROM audit_log WHERE entity = 'channels' AND entity_id = ? ORDER BY seq DESC LIMIT 1`).get(ch.id) as { call: string; reason: string };
    expect(audit.call).toBe('sync.failover');
    // The shop's shared health shows on the PC that does not poll it.
    const view = (await pc1.call('channels.list', {}, owner1)).find((c) => c.id === ch.id)!;
    expect(view.poller).toMatchObject({ deviceId: id2, thisPc: false });
  });

  it('a PC one schema version behind keeps syncing: a newer PC\'s extra field is kept by the cloud and by the older PC', async () => {
    const { code } = await pc1.call('sync.enrollCode', {}, owner1);
    const newer = await (await fetch(`${cloud.url}/v1/enroll`, {
      method: 'POST', body: JSON.stringify({ protocol: 1, code, name: 'newer', deviceId: 'newerpc', lastMutationId: 0, schemaVersion: 99 }),
    })).json() as { token: string };
    const ownerId = pc1.services.db.sqlite.prepare(`SELECT id FROM users WHERE username = 'owner'`).pluck().get() as string;
    const order = pc2.services.db.sqlite.prepare('SELECT id, urgency FROM orders LIMIT 1 OFFSET 3').get() as { id: string; urgency: string };
    const want = order.urgency === 'red' ? 'green' : 'red';
    const res = await fetch(`${cloud.url}/v1/push`, {
      method: 'POST', headers: { authorization: `Bearer ${newer.token}` },
      body: JSON.stringify({ protocol: 1, schemaVersion: 99, mutations: [{ id: 1, table: 'orders', row: order.id, op: 'update', hlc: `${String(Date.now()).padStart(15, '0')}-00000-newerpc`, values: { urgency: want, delivery_window: 'am' }, call: 'orders.setUrgency', actor: ownerId }] }),
    });
    expect(((await res.json()) as { results: { status: string }[] }).results[0]!.status).toBe('applied');
    await settle();
    expect(pc2.services.db.sqlite.prepare('SELECT urgency FROM orders WHERE id = ?').pluck().get(order.id)).toBe(want);
    expect(pc2.services.db.sqlite.prepare(`SELECT value_json FROM sync_unknown WHERE entity_id = ? AND field = 'delivery_window'`).pluck().get(order.id)).toBe('"am"');
    expect((await cloud.rows(ws.workspaceId)).get('orders')!.get(order.id)).toMatchObject({ urgency: want, delivery_window: 'am' });
    expect(pc2.services.sync.status()).toMatchObject({ online: true, queued: 0 });
  });

  it('people sign in to the cloud with their desktop account; a wrong password is refused', async () => {
    const token = pc2.services.sync.store.token()!;
    const login = (password: string) => fetch(`${cloud.url}/v1/auth/login`, {
      method: 'POST', headers: { authorization: `Bearer ${token}` }, body: JSON.stringify({ protocol: 1, username: 'finance', password }),
    });
    const ok = await login('orderhub-demo');
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ username: 'finance', role: 'finance' });
    const bad = await login('not-the-password');
    expect(bad.status).toBe(401);
  });

  it('another workspace\'s device can neither read nor write this workspace\'s rows', async () => {
    const other = await cloud.newWorkspace('别家');
    const res = await fetch(`${cloud.url}/v1/enroll`, {
      method: 'POST', body: JSON.stringify({ protocol: 1, code: other.code, name: 'intruder', deviceId: 'intruder1', lastMutationId: 0, schemaVersion: 1 }),
    });
    const { token } = (await res.json()) as { token: string };
    const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    const pulled = (await (await fetch(`${cloud.url}/v1/pull?cursor=0`, { headers: auth })).json()) as { changes: unknown[] };
    expect(pulled.changes).toEqual([]);
    const victim = [...(await cloud.rows(ws.workspaceId)).get('orders')!.keys()][0]!;
    const push = await fetch(`${cloud.url}/v1/push`, {
      method: 'POST', headers: auth,
      body: JSON.stringify({ protocol: 1, schemaVersion: 1, mutations: [{ id: 1, table: 'orders', row: victim, op: 'update', hlc: '999999999999999-00000-x', values: { urgency: 'red' }, call: 'orders.setUrgency', actor: null }] }),
    });
    expect(((await push.json()) as { results: { status: string }[] }).results[0]!.status).toBe('refused');
    const before = (await cloud.rows(ws.workspaceId)).get('orders')!.get(victim);
    expect(before?.urgency).not.toBe('hacked');
    // In SQL: the tenant role sees only its workspace, and cannot insert into another.
    const seen = await cloud.store.tenant(other.workspaceId, (q) => q.query<{ n: string }>('SELECT count(*) AS n FROM rows'));
    expect(Number(seen.rows[0]!.n)).toBe(0);
    await expect(cloud.store.tenant(other.workspaceId, (q) =>
      q.query(`INSERT INTO rows (workspace_id, tbl, row_id, data, stamps, seq) VALUES ($1, 'orders', 'x', '{}', '{}', 1)`, [ws.workspaceId]),
    )).rejects.toThrow(/row-level security/);
    const upd = await cloud.store.tenant(other.workspaceId, (q) => q.query(`UPDATE rows SET data = '{}' WHERE tbl = 'orders'`));
    expect((upd as unknown as { affectedRows?: number; rowCount?: number }).affectedRows ?? (upd as unknown as { rowCount: number }).rowCount).toBe(0);
  });
});

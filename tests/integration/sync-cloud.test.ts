import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { get } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCloud } from '../../src-cloud/server';
import { push } from '../../src-cloud/push';
import { enroll, pull } from '../../src-cloud/workspace';
import { CloudError } from '../../src-cloud/errors';
import type { Mutation } from '../../src-shared/sync/protocol';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

const HOUR = 3_600_000;
const NOW = 1_800_000_000_000;
const stamp = (wall: number, node: string, counter = 0) => `${String(wall).padStart(15, '0')}-${String(counter).padStart(5, '0')}-${node}`;

/** The cloud's push contract, called directly (no HTTP), on PGlite. */
describe('cloud push: exactly once, in order, last writer wins within the skew bound, tombstones final', () => {
  let cloud: TestCloud;
  let a: { workspaceId: string; deviceId: string };
  let b: { workspaceId: string; deviceId: string };
  let n = 0;
  const m = (device: string, over: Partial<Mutation>): Mutation => ({
    id: 0, table: 'warehouses', row: 'w1', op: 'update', hlc: stamp(NOW, device), values: { name: 'x' }, call: 'channels.poll', actor: null, ...over,
  });
  const rowOf = async (id: string) => (await cloud.rows(a.workspaceId)).get('warehouses')?.get(id);

  beforeAll(async () => {
    cloud = await startTestCloud('pglite');
    const ws = await cloud.newWorkspace('t');
    const ea = await enroll(cloud.store, { protocol: 1, code: ws.code, name: 'a', deviceId: 'a', lastMutationId: 0, schemaVersion: 1 });
    a = { workspaceId: ea.workspaceId, deviceId: 'a' };
    b = { workspaceId: ea.workspaceId, deviceId: 'b' };
    await cloud.store.query(`INSERT INTO devices (workspace_id, id, name, token_hash, first, enrolled_at) VALUES ($1, 'b', 'b', 'x', false, 0)`, [ea.workspaceId]);
    // The first PC seeds a warehouse (as its snapshot would).
    await push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: ++n, op: 'insert', call: 'sync.snapshot', values: { id: 'w1', code: 'HZ', name: '杭州仓' } })] }, NOW);
  }, 60_000);
  afterAll(async () => cloud?.close());

  it('the same batch pushed twice is applied once; the second answer repeats the first', async () => {
    const batch = { protocol: 1 as const, schemaVersion: 1, mutations: [m('a', { id: ++n, values: { city: '杭州' }, call: 'channels.poll' })] };
    batch.mutations[0]!.table = 'warehouses';
    const first = await push(cloud.store, a, { ...batch, mutations: [{ ...batch.mutations[0]!, call: 'sync.snapshot' }] }, NOW);
    const again = await push(cloud.store, a, { ...batch, mutations: [{ ...batch.mutations[0]!, call: 'sync.snapshot' }] }, NOW);
    expect(again).toEqual(first);
    const log = await cloud.store.tenant(a.workspaceId, (q) => q.query<{ n: string }>(`SELECT count(*) AS n FROM mutations WHERE device_id = 'a' AND mutation_id = $1`, [n]));
    expect(Number(log.rows[0]!.n)).toBe(1);
  });

  it('a mutation id that skips one is refused as a gap; nothing of the batch is applied', async () => {
    await expect(push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: n + 2, call: 'sync.snapshot' })] }, NOW)).rejects.toBeInstanceOf(CloudError);
  });

  it('a PC whose clock runs an hour ahead does not win against a later edit once past the skew bound', async () => {
    await push(cloud.store, b, { protocol: 1, schemaVersion: 1, mutations: [m('b', { id: 1, hlc: stamp(NOW + HOUR, 'b'), values: { name: '快钟' }, call: 'imports.source' })] }, NOW);
    expect((await rowOf('w1'))?.name).toBe('快钟');
    // Six minutes later (real time) PC a renames it: its stamp is past the bound the fast stamp was held to.
    await push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: ++n, hlc: stamp(NOW + 6 * 60_000, 'a'), values: { name: '准钟' }, call: 'sync.snapshot' })] }, NOW + 6 * 60_000);
    expect((await rowOf('w1'))?.name).toBe('准钟');
  });

  it('a delete is final: a later update of the row changes nothing and pulls carry the tombstone', async () => {
    await push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: ++n, op: 'delete', values: null, hlc: stamp(NOW + 7 * 60_000, 'a'), call: 'sync.snapshot' })] }, NOW + 7 * 60_000);
    await push(cloud.store, b, { protocol: 1, schemaVersion: 1, mutations: [m('b', { id: 2, hlc: stamp(NOW + 8 * 60_000, 'b'), values: { name: '复活' }, call: 'imports.source' })] }, NOW + 8 * 60_000);
    expect(await rowOf('w1')).toBeUndefined();
    const changes = (await pull(cloud.store, b, 0)).changes.filter((c) => c.row === 'w1');
    expect(changes[changes.length - 1]).toMatchObject({ op: 'delete', values: null });
  });

  it('a refused mutation is logged with its reason and comes back with the row to restore', async () => {
    await push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: ++n, op: 'insert', row: 'w2', values: { id: 'w2', code: 'SH', name: '上海仓' }, call: 'sync.snapshot' })] }, NOW);
    const res = await push(cloud.store, a, { protocol: 1, schemaVersion: 1, mutations: [m('a', { id: ++n, row: 'w2', values: { name: '改' }, call: 'orders.setUrgency', actor: null })] }, NOW);
    expect(res.results[0]).toMatchObject({ status: 'refused', reason: { code: 'sync.not_a_system_call' }, restore: { exists: true, values: { name: '上海仓' } } });
    expect(res.lastMutationId).toBe(n); // refused is still processed: the PC's log moves on
  });

  it('serves HTTPS with a certificate given (the same service, TLS in front)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const https = await startCloud({ store: cloud.store, tls: { key: readFileSync(join(dir, 'key.pem')), cert } });
    try {
      expect(https.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const body = await new Promise<string>((resolve, reject) =>
        get(`${https.url}/healthz`, { ca: cert }, (res) => {
          let text = '';
          res.on('data', (c: Buffer) => (text += c.toString()));
          res.on('end', () => resolve(text));
        }).on('error', reject),
      );
      expect(JSON.parse(body)).toEqual({ ok: true, protocol: 1 });
    } finally {
      await https.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

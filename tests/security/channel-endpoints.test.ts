import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHttpHost } from '../../src-main/host/http-server';
import type { ChannelView } from '../../src-shared/contract/channels';
import { startTaobaoSim, type TaobaoSim } from '../sim/taobao';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Issue #8 item 20, replayed against the real HTTP host: an ops lead (channels.manage) pointed
 * the owner's shop at a host of their own and pressed "test connection", and the owner's token
 * went there. A "collector" server on 127.0.0.1 stands for that host and records everything it
 * receives; it must receive nothing. Nothing here reaches beyond 127.0.0.1: the official-host
 * cases are refused before any call is made.
 */
let app: TempApp;
let host: Awaited<ReturnType<typeof startHttpHost>>;
let sim: TaobaoSim;
let collector: Server;
let collectorUrl: string;
const received: { url: string; body: string }[] = [];
let owner: string;
let ops: string;

async function call<T = unknown>(name: string, input: unknown, token: string): Promise<{ status: number; data?: T; error?: { code: string; message: string; field?: string } }> {
  const res = await fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(input),
  });
  return { status: res.status, ...((await res.json()) as object) };
}
const must = async <T>(name: string, input: unknown, token: string): Promise<T> => {
  const r = await call<T>(name, input, token);
  if (!r.data) throw new Error(`${name}: ${JSON.stringify(r.error)}`);
  return r.data;
};
const secretsOf = async (id: string) => (await must<ChannelView[]>('channels.list', {}, owner)).find((c) => c.id === id)!.secretsSet;

beforeAll(async () => {
  app = await tempApp({ channels: { autostart: false } });
  host = await startHttpHost({ api: app.api, version: 'test', rendererDir: app.dataDir });
  sim = await startTaobaoSim({ seed: 3 });
  collector = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push({ url: req.url ?? '', body });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((ok) => collector.listen(0, '127.0.0.1', ok));
  collectorUrl = `http://127.0.0.1:${(collector.address() as AddressInfo).port}/router/rest`;
  owner = await app.login('owner');
  ops = await app.login('ops');
});
afterAll(async () => {
  await host?.close();
  await sim?.stop();
  await new Promise((ok) => collector?.close(ok));
  app?.dispose();
});

describe('a shop\'s secrets go only where the owner allows', () => {
  it('custom endpoints are off by default: a non-official host is refused on create and on update, naming the field', async () => {
    expect(await must('channels.endpoints', {}, ops)).toMatchObject({ customEndpoints: false, official: { taobao: expect.arrayContaining(['https://eco.taobao.com']) } });
    // The owner's shop on Taobao's own gateway (the default endpoint).
    const shop = await must<ChannelView>('channels.create', { kind: 'taobao', name: '老板的旗舰店', config: { ...sim.credentials, endpoint: '' } }, owner);
    expect(shop.secretsSet).toEqual(['app_secret', 'session']);

    const moved = await call('channels.update', { id: shop.id, config: { endpoint: collectorUrl } }, ops);
    expect(moved.status).toBe(400);
    expect(moved.error).toMatchObject({ code: 'invalid_input', field: 'config.endpoint' });
    expect(moved.error!.message).toContain('http://127.0.0.1');
    const lookalikes = ['https://eco.taobao.com.attacker.example/router/rest', 'https://user:pw@eco.taobao.com/router/rest', 'https://eco.taobao.com:8443/router/rest'];
    for (const endpoint of lookalikes) {
      expect((await call('channels.update', { id: shop.id, config: { endpoint } }, ops)).error, endpoint).toMatchObject({ field: 'config.endpoint' });
    }
    const created = await call('channels.create', { kind: 'taobao', name: '运营的店', config: { ...sim.credentials, endpoint: collectorUrl } }, ops);
    expect(created.error).toMatchObject({ code: 'invalid_input', field: 'config.endpoint' });
    // Nothing moved, the secrets are intact, and the collector heard nothing.
    const after = (await must<ChannelView[]>('channels.list', {}, owner)).find((c) => c.id === shop.id)!;
    expect(after.config.endpoint).toBe('');
    expect(after.secretsSet).toEqual(['app_secret', 'session']);
    expect(received).toEqual([]);
  });

  it('only the owner turns custom endpoints on, and the switch is audited', async () => {
    const refused = await call('workspace.setCustomEndpoints', { enabled: true }, ops);
    expect(refused.status).toBe(403);
    expect((await must<{ customEndpoints: boolean }>('channels.endpoints', {}, owner)).customEndpoints).toBe(false);
    expect(await must('workspace.setCustomEndpoints', { enabled: true }, owner)).toEqual({ enabled: true });
    const audit = await must<{ rows: { actorName: string; entity: string; entityId: string; after: unknown }[] }>('audit.list', { entity: 'settings', entityId: 'channels.customEndpoints' }, owner);
    expect(audit.rows[0]).toMatchObject({ actorName: 'owner', entity: 'settings', entityId: 'channels.customEndpoints' });
    expect(JSON.stringify(audit.rows[0]!.after)).toContain('\\"enabled\\":true');
  });

  it('with custom endpoints on, moving a shop to another host drops its secrets: the test call sends nothing anywhere', async () => {
    const shop = await must<ChannelView>('channels.create', { kind: 'taobao', name: '沙箱店', config: { ...sim.credentials, endpoint: sim.url } }, owner);
    expect(await must('channels.test', { id: shop.id }, owner)).toMatchObject({ ok: true });
    const simCalls = sim.requests.length;

    // The probe: ops points the owner's shop elsewhere and presses "test connection".
    const moved = await must<ChannelView>('channels.update', { id: shop.id, config: { endpoint: collectorUrl } }, ops);
    expect(moved.secretsSet).toEqual([]);
    const test = await must<{ ok: boolean; error?: string }>('channels.test', { id: shop.id }, ops);
    expect(test.ok).toBe(false);
    expect(test.error).toContain('app_secret');
    expect(received).toEqual([]); // the token never left
    expect(sim.requests.length).toBe(simCalls);
    // A poll stops for re-authorisation instead of calling anyone.
    const poll = await must<{ state: string; error?: string }>('channels.pollNow', { id: shop.id }, ops);
    expect(poll.state).toBe('reauth');
    expect(received).toEqual([]);

    // Secrets given together with a new endpoint are the only ones kept (nothing old is merged in).
    const back = await must<ChannelView>('channels.update', { id: shop.id, config: { endpoint: sim.url, session: sim.credentials.session } }, owner);
    expect(back.secretsSet).toEqual(['session']);
    const full = await must<ChannelView>('channels.update', { id: shop.id, config: { app_secret: sim.credentials.app_secret } }, owner);
    expect(full.secretsSet).toEqual(['app_secret', 'session']);
    expect(await must('channels.test', { id: shop.id }, owner)).toMatchObject({ ok: true });
    // The same endpoint written differently is not a move: the secrets stay.
    await must('channels.update', { id: shop.id, config: { endpoint: `${sim.url}/` } }, owner);
    expect(await secretsOf(shop.id)).toEqual(['app_secret', 'session']);
    await must('channels.update', { id: shop.id, config: { endpoint: sim.url } }, owner);
    expect(await secretsOf(shop.id)).toEqual(['app_secret', 'session']);
  });

  it('turning custom endpoints off stops shops that point elsewhere before anything is sent', async () => {
    const shop = (await must<ChannelView[]>('channels.list', {}, owner)).find((c) => c.name === '沙箱店')!;
    await must('workspace.setCustomEndpoints', { enabled: false }, owner);
    const before = sim.requests.length;
    const test = await must<{ ok: boolean; error?: string }>('channels.test', { id: shop.id }, owner);
    expect(test.ok).toBe(false);
    expect(test.error).toMatch(/未向平台发送任何请求.*不是平台官方地址/);
    const poll = await must<{ state: string; error?: string }>('channels.pollNow', { id: shop.id }, owner);
    expect(poll.state).toBe('reauth');
    expect(poll.error).toContain('自定义接口地址');
    expect(sim.requests.length).toBe(before);
    // On again: the shop works at once, with the secrets it kept.
    await must('workspace.setCustomEndpoints', { enabled: true }, owner);
    const again = await must<{ state: string; error?: string }>('channels.pollNow', { id: shop.id }, owner);
    expect(again, again.error).toMatchObject({ state: 'active' });
    expect(sim.requests.length).toBeGreaterThan(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES } from '../../src-shared/contract';
import { startHttpHost } from '../../src-main/host/http-server';
import { parseHostArgs } from '../../src-main/host/args';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let host: Awaited<ReturnType<typeof startHttpHost>>;
beforeAll(async () => {
  app = await tempApp();
  host = await startHttpHost({ api: app.api, version: '9.9.9', rendererDir: app.dataDir });
});
afterAll(async () => {
  await host.close();
  app.dispose();
});

const post = (name: string, body: unknown, token?: string, lang?: string) =>
  fetch(`${host.url}/api/${name}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(lang ? { 'X-OrderHub-Locale': lang } : {}) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('the headless HTTP host', () => {
  it('listens on 127.0.0.1 only and answers /healthz', async () => {
    expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const addr = host.server.address();
    expect(typeof addr === 'object' && addr?.address).toBe('127.0.0.1');
    expect(await (await fetch(`${host.url}/healthz`)).json()).toEqual({ ok: true, version: '9.9.9' });
  });

  it('GET /api lists every call with its access rule and input JSON schema', async () => {
    const body = (await (await fetch(`${host.url}/api`)).json()) as { calls: { name: string; access: string; input: { type: string } }[] };
    expect(body.calls.map((c) => c.name).sort()).toEqual([...CALL_NAMES].sort());
    const create = body.calls.find((c) => c.name === 'users.create')!;
    expect(create.access).toBe('users.manage');
    expect(create.input).toMatchObject({ type: 'object', required: expect.arrayContaining(['username', 'password', 'role']) });
  });

  it('HTTP status follows the error code', async () => {
    const login = await post('auth.login', { username: 'owner', password: 'orderhub-demo' });
    expect(login.status).toBe(200);
    const { data } = (await login.json()) as { data: { token: string } };
    const service = ((await (await post('auth.login', { username: 'service', password: 'orderhub-demo' })).json()) as { data: { token: string } }).data.token;

    expect((await post('users.list', {}, data.token)).status).toBe(200);
    expect((await post('users.create', { username: '' }, data.token)).status).toBe(400);
    expect((await post('users.list', {})).status).toBe(401);
    expect((await post('users.list', {}, 'expired-or-forged')).status).toBe(401);
    expect((await post('users.list', {}, service)).status).toBe(403);
    expect((await post('no.such', {}, data.token)).status).toBe(404);
    expect((await post('users.create', { username: 'owner', displayName: '重复', role: 'service', password: 'long-enough' }, data.token)).status).toBe(409);
    expect((await post('users.list', '{not json', data.token)).status).toBe(400);
  });

  it('answers in English when the UI asks for it', async () => {
    const r = (await (await post('auth.login', { username: 'owner', password: 'wrong-password' }, undefined, 'en')).json()) as { error: { message: string } };
    expect(r.error.message).toMatch(/^wrong username or password/);
  });

  it('does not serve files outside the renderer folder', async () => {
    const r = await fetch(`${host.url}/..%2F..%2Fetc%2Fpasswd`);
    expect(await r.text()).not.toContain('root:');
  });
});

describe('host arguments', () => {
  it('parses --data-dir, --port and --demo [N]', () => {
    expect(parseHostArgs(['--data-dir', '/d', '--port', '8080', '--demo', '500'])).toEqual({ dataDir: '/d', port: 8080, demo: true, demoOrders: 500 });
    expect(parseHostArgs(['--demo'])).toEqual({ demo: true });
    expect(() => parseHostArgs(['--port', 'x'])).toThrow(/--port/);
    expect(() => parseHostArgs(['--bogus'])).toThrow(/unknown argument/);
  });
});

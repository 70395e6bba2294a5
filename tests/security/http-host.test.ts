import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_LIMIT } from '../../src-main/host/request-guard';
import { call, login, rawRequest, send, startHost, type Host } from './host';

/** Issue #8, the headless HTTP host (items 11, 12), replayed against the real host. */

let host: Host;
let owner: string;
beforeAll(async () => {
  host = await startHost(['--demo', '0', '--allow-host', 'office-pc.lan']);
  owner = await login(host, 'owner');
});
afterAll(() => host.dispose());

const auditText = async () => JSON.stringify((await call(host, 'audit.list', { limit: 500 }, { token: owner })).json.data.rows);

describe('#8.11 the host answers only its own Host and Origin, and only JSON', () => {
  it('a DNS-rebound name (any Host but its own) reads nothing, even with a valid session', async () => {
    for (const path of ['/api', '/healthz', '/']) {
      const r = await send(host, path, { headers: { host: `attacker.example:${host.port}` } });
      expect(r.status, path).toBe(403);
    }
    const r = await call(host, 'users.list', {}, { token: owner, headers: { host: `attacker.example:${host.port}` } });
    expect(r.status).toBe(403);
    expect(r.text).not.toContain('owner');
    expect((await call(host, 'users.list', {}, { token: owner, headers: { host: `127.0.0.1:${host.port + 1}` } })).status).toBe(403);
  });

  it('its own names answer: 127.0.0.1, localhost and [::1] with its port, and a name the owner configured', async () => {
    for (const h of [`127.0.0.1:${host.port}`, `localhost:${host.port}`, `[::1]:${host.port}`, `office-pc.lan:${host.port}`, 'office-pc.lan']) {
      expect((await call(host, 'users.list', {}, { token: owner, headers: { host: h } })).status, h).toBe(200);
    }
    const viaName = await call(host, 'users.list', {}, { token: owner, headers: { host: `office-pc.lan:${host.port}`, origin: `http://office-pc.lan:${host.port}` } });
    expect(viaName.status).toBe(200);
  });

  it('a page on another site cannot drive it: a foreign Origin, a null Origin or a cross-site fetch is refused', async () => {
    for (const origin of ['http://evil.example', `http://localhost:${host.port + 1}`, 'null', `https://127.0.0.1:${host.port}.evil.example`]) {
      const r = await call(host, 'auth.login', { username: 'owner', password: 'orderhub-demo' }, { headers: { origin } });
      expect(r.status, origin).toBe(403);
      expect(r.text).not.toContain('token');
    }
    const sameOrigin = await call(host, 'auth.login', { username: 'owner', password: 'orderhub-demo' }, { headers: { origin: `http://127.0.0.1:${host.port}` } });
    expect(sameOrigin.status).toBe(200);
    expect((await call(host, 'auth.me', {}, { token: owner, headers: { 'sec-fetch-site': 'cross-site' } })).status).toBe(403);
  });

  it('a text/plain POST (the form a website may send without asking) is refused and changes nothing', async () => {
    const fresh = await startHost([], { env: { ORDERHUB_OWNER_PASSWORD: '' } });
    try {
      const body = JSON.stringify({ username: 'intruder', displayName: '入侵者', password: 'intruder-pass-1' });
      for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', '']) {
        const r = await send(fresh, '/api/setup.createOwner', { method: 'POST', headers: type ? { 'content-type': type } : {}, body });
        expect(r.status, type).toBe(415);
      }
      expect((await call(fresh, 'setup.status', {})).json.data.needsOwner).toBe(true);
    } finally {
      await fresh.dispose();
    }
  });

  it('the event stream GET /api/events follows the same Host and Origin rules', async () => {
    expect((await send(host, '/api/events', { token: owner, headers: { host: `attacker.example:${host.port}` } })).status).toBe(403);
    expect((await send(host, '/api/events', { token: owner, headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });
});

describe('#8.12 bodies are capped before sign-in, and bad requests get 400, never 500', () => {
  it('a 10 MB user name is refused before anything reads it and never reaches the audit log', async () => {
    const huge = 'A'.repeat(10 * 1024 * 1024);
    const r = await call(host, 'auth.login', { username: huge, password: 'x' });
    expect(r.status).toBe(413);
    expect(await auditText()).not.toContain('A'.repeat(1000));
  });

  it('ordinary calls take at most 1 MB; a body that claims more is refused unread', async () => {
    const justOver = JSON.stringify({ username: 'owner', password: 'p'.repeat(BODY_LIMIT) });
    expect((await call(host, 'auth.login', justOver)).status).toBe(413);
    const claimed = await rawRequest(host, `POST /api/auth.login HTTP/1.1\nHost: 127.0.0.1:${host.port}\nContent-Type: application/json\nContent-Length: ${200 * 1024 * 1024}\nConnection: close`);
    expect(claimed.status).toBe(413);
  });

  it('an upload is read only for a session that may import; with one it gets its own, larger cap', async () => {
    const file = Buffer.alloc(3 * 1024 * 1024, 'a').toString('base64');
    const body = { fileName: 'big.csv', contentBase64: file };
    expect((await call(host, 'imports.preview', body)).status).toBe(401);
    const warehouse = await login(host, 'warehouse');
    expect((await call(host, 'imports.preview', body, { token: warehouse })).status).toBe(401);
    const r = await call(host, 'imports.preview', body, { token: owner });
    expect(r.status).toBe(400); // read, then refused for what it is (a sheet of one letter), not for its size
    expect(r.json.error.field).toBe('contentBase64');
  });

  it('sign-in fields have length limits, and a refused password is never echoed', async () => {
    const longName = await call(host, 'auth.login', { username: 'u'.repeat(65), password: 'x' });
    expect(longName.status).toBe(400);
    expect(longName.json.error.field).toBe('username');
    const longPassword = await call(host, 'auth.login', { username: 'owner', password: `secret-${'p'.repeat(300)}` });
    expect(longPassword.status).toBe(400);
    expect(longPassword.json.error.field).toBe('password');
    expect(longPassword.text).not.toContain('secret-');
  });

  it('malformed URLs get 400', async () => {
    for (const path of ['/api/%E0%A4%A', '/%', '/api/auth.login%00', '//evil.example/api']) {
      const r = await rawRequest(host, `POST ${path} HTTP/1.1\nHost: 127.0.0.1:${host.port}\nContent-Type: application/json\nContent-Length: 2\nConnection: close`, '{}');
      expect(r.status, path).toBe(400);
    }
    expect((await rawRequest(host, `GET /assets/%C0%AF%C0%AF HTTP/1.1\nHost: 127.0.0.1:${host.port}\nConnection: close`)).status).toBe(400);
  });

  it('deeply nested JSON gets 400 before it is parsed', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const r = await call(host, 'auth.login', deep);
    expect(r.status).toBe(400);
    const nested = JSON.stringify({ username: 'owner', password: 'x', extra: JSON.parse(`${'{"a":'.repeat(70)}1${'}'.repeat(70)}`) });
    expect((await call(host, 'auth.login', nested)).status).toBe(400);
    expect((await call(host, 'auth.login', '{"username": "owner", "password": ')).status).toBe(400);
    // An upload's body is parsed by the worker that runs the call, not by the front: the same refusals.
    const cut = await call(host, 'imports.preview', '{"fileName": "a.csv", "contentBase64": "YSxi', { token: owner });
    expect(cut.status).toBe(400);
    expect(cut.json.error.message).toContain('JSON');
    expect((await call(host, 'imports.preview', deep, { token: owner })).status).toBe(400);
    const csv = Buffer.from('订单号,收件人\nA-1,张三\n').toString('base64');
    const fine = await call(host, 'imports.preview', { fileName: 'a.csv', contentBase64: csv }, { token: owner });
    expect(fine.status).toBe(200);
    expect(fine.json.data.rows).toEqual([['A-1', '张三']]);
  });

  it('after all of the above the host still answers', async () => {
    expect((await send(host, '/healthz')).status).toBe(200);
    expect(host.output()).not.toMatch(/internal error|RangeError|URIError/);
  });
});

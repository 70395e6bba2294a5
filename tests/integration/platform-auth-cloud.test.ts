import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FlowKey } from '../../src-main/channels/auth/flow-key';
import type { FlowResultResponse, FlowStartResponse } from '../../src-shared/sync/platform-auth';
import { startTestCloud, type TestCloud } from '../helpers/cloud';

/**
 * The cloud's platform-auth endpoints over HTTP (src-cloud/routes/platform-auth.ts): a flow is bound
 * to the device that started it, the code is stored only sealed for that flow's key, it reaches no
 * other device or workspace, and nothing stays once the device acknowledges.
 */
let cloud: TestCloud;
let deviceA: string;
let deviceB: string; // another workspace's PC

async function enrolled(name: string): Promise<string> {
  const ws = await cloud.newWorkspace(name);
  const res = await fetch(`${cloud.url}/v1/enroll`, {
    method: 'POST', headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ protocol: 1, code: ws.code, name, deviceId: `pc-${randomUUID().slice(0, 8)}`, lastMutationId: 0, schemaVersion: 1 }),
  });
  return ((await res.json()) as { token: string }).token;
}

async function api<T>(device: string, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await fetch(`${cloud.url}${path}`, {
    method, headers: { 'content-type': 'application/json', authorization: `Bearer ${device}` }, ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: res.status, body: (await res.json()) as T };
}

const start = (device: string, key: FlowKey, channelId = 'ch-1') =>
  api<FlowStartResponse>(device, 'POST', '/v1/platform-auth/flows', { protocol: 1, channelId, kind: 'taobao', publicKey: key.publicKey });

async function browserReturns(query: Record<string, string>): Promise<{ status: number; html: string }> {
  const res = await fetch(`${cloud.url}/v1/platform-auth/callback?${new URLSearchParams(query)}`);
  return { status: res.status, html: await res.text() };
}

beforeAll(async () => {
  cloud = await startTestCloud('pglite');
  deviceA = await enrolled('华东店');
  deviceB = await enrolled('华南店');
}, 60_000);
afterAll(async () => cloud?.close());

describe('the platforms’ authorisation callback in the cloud', () => {
  it('binds a state to the device, keeps the code only sealed for the flow’s key, and forgets it once acknowledged', async () => {
    const key = new FlowKey();
    const { status, body: flow } = await start(deviceA, key);
    expect(status).toBe(200);
    expect(flow.redirectUri).toBe(`${cloud.url}/v1/platform-auth/callback`);
    expect(flow.state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await api<FlowResultResponse>(deviceA, 'GET', `/v1/platform-auth/flow?id=${flow.flowId}`)).body).toEqual({ status: 'pending' });

    const page = await browserReturns({ code: 'TB-CODE-42', state: flow.state });
    expect(page.status).toBe(200);
    expect(page.html).toContain('授权已送达 OrderHub');
    // What the database holds: a sealed box, no code, no state.
    const rows = (await cloud.store.query<Record<string, unknown>>('SELECT * FROM platform_auth_flows')).rows;
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('TB-CODE-42');
    expect(JSON.stringify(rows)).not.toContain(flow.state);

    // Another workspace's PC cannot see it; the device that started it opens it.
    expect((await api(deviceB, 'GET', `/v1/platform-auth/flow?id=${flow.flowId}`)).status).toBe(404);
    const got = await api<FlowResultResponse>(deviceA, 'GET', `/v1/platform-auth/flow?id=${flow.flowId}`);
    expect(got.body.status).toBe('arrived');
    expect(JSON.parse(key.open(got.body.sealed!, flow.flowId))).toMatchObject({ code: 'TB-CODE-42', params: {} });
    expect(() => new FlowKey().open(got.body.sealed!, flow.flowId)).toThrow();

    // The same return again (a reload) changes nothing.
    expect((await browserReturns({ code: 'OTHER', state: flow.state })).html).toContain('此授权已经收到');
    expect((await api(deviceB, 'POST', '/v1/platform-auth/flow/ack', { id: flow.flowId })).body).toEqual({ deleted: false });
    expect((await api(deviceA, 'POST', '/v1/platform-auth/flow/ack', { id: flow.flowId })).body).toEqual({ deleted: true });
    expect((await cloud.store.query('SELECT 1 FROM platform_auth_flows')).rows).toHaveLength(0);
    expect((await api(deviceA, 'GET', `/v1/platform-auth/flow?id=${flow.flowId}`)).status).toBe(404);
  });

  it('a seller who declines, an unknown or expired state, and markup in the query: fixed words, nothing echoed', async () => {
    const key = new FlowKey();
    const { body: flow } = await start(deviceA, key, 'ch-2');
    const declined = await browserReturns({ error: 'access_denied', error_description: 'the seller declined', state: flow.state });
    expect(declined.html).toContain('未授权');
    expect((await api<FlowResultResponse>(deviceA, 'GET', `/v1/platform-auth/flow?id=${flow.flowId}`)).body).toEqual({
      status: 'refused', refusal: { error: 'access_denied', description: 'the seller declined' },
    });
    const unknown = await browserReturns({ code: '<script>alert(1)</script>', state: 'nope' });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('授权链接已失效');
    expect(unknown.html).not.toContain('<script>');
    expect((await browserReturns({ code: 'x' })).html).toContain('授权信息不完整');

    const { body: late } = await start(deviceA, new FlowKey(), 'ch-3');
    await cloud.store.query('UPDATE platform_auth_flows SET expires_at = 0 WHERE id = $1', [late.flowId]);
    expect((await browserReturns({ code: 'c', state: late.state })).status).toBe(400);
    expect((await api<FlowResultResponse>(deviceA, 'GET', `/v1/platform-auth/flow?id=${late.flowId}`)).body).toEqual({ status: 'expired' });
  });

  it('only an enrolled device starts a flow, with a real X25519 key', async () => {
    expect((await start('not-a-device', new FlowKey())).status).toBe(401);
    const bad = await api<{ error: { field: string } }>(deviceA, 'POST', '/v1/platform-auth/flows', { protocol: 1, channelId: 'c', kind: 'taobao', publicKey: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('publicKey');
    const kind = await api(deviceA, 'POST', '/v1/platform-auth/flows', { protocol: 1, channelId: 'c', kind: 'youzan', publicKey: new FlowKey().publicKey });
    expect(kind.status).toBe(400);
  });
});

import { randomUUID } from 'node:crypto';
import {
  FLOW_TTL_MS, type CallbackPayload, type FlowResultResponse, type FlowStart, type FlowStartResponse, type SealedBox,
} from '../src-shared/sync/platform-auth';
import { CloudError } from './errors';
import type { Store } from './db/store';
import type { DeviceAuth } from './push';
import { sealFor } from './seal';
import { newToken, sha256 } from './tokens';

/** A device may have this many flows waiting at once (a stuck browser tab, not a flood). */
const MAX_OPEN_FLOWS = 20;
export const CALLBACK_PATH = '/v1/platform-auth/callback';

/**
 * The platforms' authorisation callback (src-shared/sync/platform-auth.ts has the whole story).
 * The cloud binds a `state` to (workspace, device, shop), seals the code it receives for the
 * flow's own key, and hands the sealed box to that device only. It never holds an app secret
 * or a token, and deletes the flow once the device has it (or when it expires).
 */
export async function startFlow(store: Store, device: DeviceAuth, req: FlowStart, publicUrl: string, now = Date.now()): Promise<FlowStartResponse> {
  await sweep(store, now);
  const id = randomUUID();
  const state = newToken();
  const expiresAt = now + FLOW_TTL_MS;
  await store.tenant(device.workspaceId, async (q) => {
    const open = Number((await q.query<{ n: string }>('SELECT count(*) AS n FROM platform_auth_flows WHERE device_id = $1', [device.deviceId])).rows[0]?.n ?? 0);
    if (open >= MAX_OPEN_FLOWS) throw new CloudError(429, 'platform_auth.too_many', `this PC already has ${open} authorisations waiting; finish or let them expire first`);
    await q.query(
      `INSERT INTO platform_auth_flows (workspace_id, id, device_id, channel_id, kind, state_hash, public_key, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [device.workspaceId, id, device.deviceId, req.channelId, req.kind, sha256(state), req.publicKey, now, expiresAt],
    );
  });
  return { flowId: id, state, redirectUri: `${publicUrl.replace(/\/+$/, '')}${CALLBACK_PATH}`, expiresAt };
}

export type CallbackOutcome = 'arrived' | 'refused' | 'already' | 'unknown' | 'incomplete';

/**
 * The browser's return from the platform. Unauthenticated by nature: the state is the only key,
 * looked up by its hash outside any one workspace (it names the workspace itself).
 */
export async function receiveCallback(store: Store, query: Record<string, string>, now = Date.now()): Promise<{ outcome: CallbackOutcome; kind?: string }> {
  const { state, code, error, error_description: description, ...rest } = query;
  if (!state) return { outcome: 'incomplete' };
  return store.tx(async (q) => {
    const flow = (await q.query<{ id: string; kind: string; public_key: string; expires_at: string; sealed: SealedBox | null; refusal: unknown }>(
      'SELECT id, kind, public_key, expires_at, sealed, refusal FROM platform_auth_flows WHERE state_hash = $1 FOR UPDATE', [sha256(state)],
    )).rows[0];
    if (!flow || Number(flow.expires_at) < now) return { outcome: 'unknown' as const };
    if (flow.sealed || flow.refusal) return { outcome: 'already' as const, kind: flow.kind };
    if (error || !code) {
      const refusal = { error: (error ?? 'no_code').slice(0, 100), description: (description ?? '').slice(0, 300) };
      await q.query('UPDATE platform_auth_flows SET refusal = $2, completed_at = $3 WHERE id = $1', [flow.id, JSON.stringify(refusal), now]);
      return { outcome: error ? ('refused' as const) : ('incomplete' as const), kind: flow.kind };
    }
    const params: Record<string, string> = {};
    for (const [k, v] of Object.entries(rest)) if (k.length <= 64 && v.length <= 500 && Object.keys(params).length < 20) params[k] = v;
    const payload: CallbackPayload = { code, params, receivedAt: now };
    const sealed = sealFor(flow.public_key, flow.id, JSON.stringify(payload));
    await q.query('UPDATE platform_auth_flows SET sealed = $2, completed_at = $3 WHERE id = $1', [flow.id, JSON.stringify(sealed), now]);
    return { outcome: 'arrived' as const, kind: flow.kind };
  });
}

/** The flow as its own device sees it; another device (even of the same workspace) gets a 404. */
export async function flowResult(store: Store, device: DeviceAuth, flowId: string, now = Date.now()): Promise<FlowResultResponse> {
  const flow = await store.tenant(device.workspaceId, async (q) =>
    (await q.query<{ expires_at: string; sealed: SealedBox | null; refusal: { error: string; description: string } | null }>(
      'SELECT expires_at, sealed, refusal FROM platform_auth_flows WHERE id = $1 AND device_id = $2', [flowId, device.deviceId],
    )).rows[0],
  );
  if (!flow) throw new CloudError(404, 'platform_auth.unknown_flow', 'no such authorisation for this PC (finished, expired or never started)', 'id');
  if (flow.sealed) return { status: 'arrived', sealed: flow.sealed };
  if (flow.refusal) return { status: 'refused', refusal: flow.refusal };
  return { status: Number(flow.expires_at) < now ? 'expired' : 'pending' };
}

/** The device has the code: nothing of the flow stays in the cloud. */
export async function ackFlow(store: Store, device: DeviceAuth, flowId: string): Promise<{ deleted: boolean }> {
  const n = await store.tenant(device.workspaceId, async (q) =>
    (await q.query('DELETE FROM platform_auth_flows WHERE id = $1 AND device_id = $2 RETURNING id', [flowId, device.deviceId])).rows.length,
  );
  return { deleted: n > 0 };
}

/** Expired flows go, sealed or not (a code is worthless after 10 minutes anyway). */
async function sweep(store: Store, now: number): Promise<void> {
  await store.query('DELETE FROM platform_auth_flows WHERE expires_at < $1', [now - 60_000]);
}

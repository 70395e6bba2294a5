import { z } from 'zod';

/**
 * The platforms' authorisation callback, hosted by the team cloud (issue #15 item 11, issue #14 §2).
 * Taobao, Pinduoduo, JD and Douyin tool apps send the browser back to a registered public URL with
 * a one-time `code`; a desktop PC has no such URL, so the cloud holds it.
 *
 * 1. The PC starts a flow (`POST /v1/platform-auth/flows`, as its enrolled device) with a fresh
 *    X25519 public key made for this flow alone; the cloud binds a random `state` to the workspace,
 *    the device and the shop, and answers with the callback URL to put in the authorise link.
 * 2. The platform redirects the browser to `GET /v1/platform-auth/callback?code&state`. The cloud
 *    seals the code for the flow's key at once (ephemeral X25519 → HKDF-SHA256 → AES-256-GCM,
 *    the flow id as associated data) and stores only the sealed box.
 * 3. The PC fetches the sealed box over its enrolled connection, opens it with the private key
 *    that never left it, exchanges the code for tokens itself (with the app secret that also never
 *    leaves it), and acknowledges: the cloud deletes the flow. The cloud never sees a secret or a
 *    token; an unacknowledged flow is deleted when it expires.
 */
export const PLATFORM_AUTH_PROTOCOL = 1;

/** A flow lives this long: the platforms' codes live 10 minutes. */
export const FLOW_TTL_MS = 10 * 60_000;

export const CALLBACK_KINDS = ['taobao', 'pdd', 'jd', 'douyin'] as const;
export type CallbackKind = (typeof CALLBACK_KINDS)[number];

/** HKDF info; the flow id follows it, so a box opens only for the flow it was sealed for. */
export const SEAL_INFO = 'orderhub platform-auth v1 ';

const b64url = z.string().regex(/^[A-Za-z0-9_-]+$/).max(200);

export const flowStartSchema = z.object({
  protocol: z.literal(PLATFORM_AUTH_PROTOCOL),
  channelId: z.string().min(1).max(64),
  kind: z.enum(CALLBACK_KINDS),
  /** The flow's X25519 public key, raw 32 bytes, base64url. */
  publicKey: b64url.refine((s) => s.length === 43, 'publicKey must be a raw X25519 key (32 bytes, base64url)'),
});
export type FlowStart = z.infer<typeof flowStartSchema>;

export interface FlowStartResponse {
  flowId: string;
  /** Goes into the authorise URL as `state`; the platform sends it back with the code. */
  state: string;
  /** The cloud's callback, exactly as it must be registered with the platform. */
  redirectUri: string;
  expiresAt: number;
}

/** Everything base64url. `epk` is the cloud's ephemeral X25519 public key (raw 32 bytes). */
export interface SealedBox {
  epk: string;
  iv: string;
  ct: string;
  tag: string;
}

/** What the box holds: the code and any other query parameters the platform added. */
export interface CallbackPayload {
  code: string;
  params: Record<string, string>;
  receivedAt: number;
}

export type FlowStatus = 'pending' | 'arrived' | 'refused' | 'expired';

export interface FlowResultResponse {
  status: FlowStatus;
  sealed?: SealedBox;
  /** When the platform sent the browser back with an error instead of a code (e.g. the seller said no). */
  refusal?: { error: string; description: string };
}

export const flowIdSchema = z.object({ id: z.string().uuid() });

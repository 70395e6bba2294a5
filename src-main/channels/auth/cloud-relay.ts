import { PLATFORM_AUTH_PROTOCOL, type CallbackKind, type FlowResultResponse, type FlowStartResponse } from '../../../src-shared/sync/platform-auth';

/** The team cloud as this PC reaches it: its URL and this PC's device token; null before the PC joins a team. */
export type CloudLink = () => { url: string; token: string } | null;

export class RelayError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the cloud could not be reached. */
    readonly status: number,
  ) {
    super(message);
  }
}

/** This PC's side of the cloud's platform-auth endpoints (src-cloud/routes/platform-auth.ts). */
export class CloudRelay {
  constructor(
    private readonly link: CloudLink,
    private readonly fetchFn: typeof fetch = fetch,
  ) {}

  get available(): boolean {
    return this.link() !== null;
  }

  start(channelId: string, kind: CallbackKind, publicKey: string): Promise<FlowStartResponse> {
    return this.request('POST', '/v1/platform-auth/flows', { protocol: PLATFORM_AUTH_PROTOCOL, channelId, kind, publicKey });
  }

  result(flowId: string): Promise<FlowResultResponse> {
    return this.request('GET', `/v1/platform-auth/flow?id=${encodeURIComponent(flowId)}`);
  }

  ack(flowId: string): Promise<{ deleted: boolean }> {
    return this.request('POST', '/v1/platform-auth/flow/ack', { id: flowId });
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    const link = this.link();
    if (!link) throw new RelayError('platform_auth.no_team', 'this PC is not in a team', 0);
    let res: Response;
    try {
      res = await this.fetchFn(`${link.url.replace(/\/+$/, '')}${path}`, {
        method,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${link.token}` },
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(20_000),
      });
    } catch (e) {
      throw new RelayError('platform_auth.offline', e instanceof Error ? e.message : String(e), 0);
    }
    const parsed = (await res.json().catch(() => ({}))) as T & { error?: { code?: string; message?: string } };
    if (!res.ok) throw new RelayError(parsed.error?.code ?? 'platform_auth.http', parsed.error?.message ?? `HTTP ${res.status}`, res.status);
    return parsed;
  }
}

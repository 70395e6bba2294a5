import type { EnrollCodeResponse, EnrollRequest, EnrollResponse, PullResponse, PushRequest, PushResponse } from '../../src-shared/sync/protocol';

/** A refusal or failure from the cloud (or the network), with a reason code. */
export class CloudRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    /** HTTP status; 0 when the cloud could not be reached. */
    readonly status: number,
  ) {
    super(message);
  }

  /** Worth retrying later: the network, a timeout, a restarting service. */
  get transient(): boolean {
    return this.status === 0 || this.status >= 500 || this.status === 429;
  }
}

export interface CloudApiOptions {
  url: string;
  token?: string | null;
  fetch?: typeof fetch;
  timeoutMs?: number;
}

/** The desktop's side of the sync protocol (src-shared/sync/protocol.ts) over HTTP(S). */
export class CloudApi {
  private readonly base: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly o: CloudApiOptions) {
    this.base = o.url.replace(/\/+$/, '');
    this.fetch = o.fetch ?? fetch;
  }

  enroll(req: EnrollRequest): Promise<EnrollResponse> {
    return this.request('POST', '/v1/enroll', req);
  }

  enrollCode(actor: string): Promise<EnrollCodeResponse> {
    return this.request('POST', '/v1/enroll-codes', { protocol: 1, actor });
  }

  push(req: PushRequest): Promise<PushResponse> {
    return this.request('POST', '/v1/push', req);
  }

  pull(cursor: number, limit = 2000): Promise<PullResponse> {
    return this.request('GET', `/v1/pull?cursor=${cursor}&limit=${limit}`);
  }

  devices(): Promise<{ id: string; name: string; lastSeenAt: number | null }[]> {
    return this.request('GET', '/v1/devices');
  }

  /**
   * Opens the event stream and calls onPoke for each poke until the signal aborts or the stream
   * ends (then it rejects or resolves; the caller reconnects).
   */
  async events(onOpen: () => void, onPoke: (seq: number) => void, signal: AbortSignal): Promise<void> {
    let res: Response;
    try {
      res = await this.fetch(`${this.base}/v1/events`, { headers: this.headers(), signal });
    } catch (e) {
      throw new CloudRequestError('sync.offline', errorWords(e), 0);
    }
    if (!res.ok || !res.body) throw new CloudRequestError('sync.events_refused', `event stream refused (${res.status})`, res.status);
    onOpen();
    const decoder = new TextDecoder();
    let buf = '';
    for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
      buf += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const data = block.split('\n').find((l) => l.startsWith('data:'));
        if (block.includes('event: poke') && data) onPoke(Number((JSON.parse(data.slice(5)) as { seq: number }).seq));
      }
    }
  }

  private headers(): Record<string, string> {
    return { 'content-type': 'application/json', ...(this.o.token ? { authorization: `Bearer ${this.o.token}` } : {}) };
  }

  private async request<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
    let res: Response;
    try {
      res = await this.fetch(`${this.base}${path}`, {
        method,
        headers: this.headers(),
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
        signal: AbortSignal.timeout(this.o.timeoutMs ?? 30_000),
      });
    } catch (e) {
      throw new CloudRequestError('sync.offline', errorWords(e), 0);
    }
    let parsed: unknown;
    try {
      parsed = await res.json();
    } catch (e) {
      throw new CloudRequestError('sync.bad_response', `the cloud's answer was cut off or not JSON (${res.status}): ${errorWords(e)}`, res.ok ? 0 : res.status);
    }
    if (!res.ok) {
      const err = (parsed as { error?: { code?: string; message?: string } }).error;
      throw new CloudRequestError(err?.code ?? 'sync.http', err?.message ?? `HTTP ${res.status}`, res.status);
    }
    return parsed as T;
  }
}

function errorWords(e: unknown): string {
  if (e instanceof Error) return (e.cause instanceof Error ? `${e.message}: ${e.cause.message}` : e.message);
  return String(e);
}

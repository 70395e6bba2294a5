import { ConnectorError, type ConnectorContext } from '../connector';

export interface HttpAnswer {
  status: number;
  text: string;
  headers: Headers;
}

/** Default time a platform may take to answer one page before the call counts as failed. */
export const DEFAULT_TIMEOUT_MS = 30_000;

/**
 * One HTTP exchange with a platform. Network failures and timeouts become 'transient';
 * the HTTP status is returned as is, because some platforms put their error JSON in a
 * 200 and others do not: the connector reads the body first, then `failForHttpStatus`.
 */
export async function httpExchange(
  ctx: ConnectorContext,
  platform: string,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
  timeoutMs = DEFAULT_TIMEOUT_MS,
): Promise<HttpAnswer> {
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
  try {
    const res = await ctx.fetch(url, { ...init, signal });
    const text = await res.text();
    return { status: res.status, text, headers: res.headers };
  } catch (e) {
    if (ctx.signal?.aborted) throw e; // the caller cancelled: not the platform's fault
    const err = e as Error;
    const what = timeout.aborted ? `no answer within ${timeoutMs} ms` : `${err.name}: ${err.message}`;
    throw new ConnectorError('transient', `${platform}: ${what} (${new URL(url).host})`);
  }
}

/** Milliseconds from a Retry-After header (seconds or an HTTP date), if any. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Throws the ConnectorError for a non-2xx answer that carried no platform error body. */
export function failForHttpStatus(platform: string, answer: HttpAnswer, now: number): void {
  const { status } = answer;
  if (status >= 200 && status < 300) return;
  const detail = { httpStatus: status };
  const snippet = answer.text.slice(0, 120);
  if (status === 429) {
    throw new ConnectorError('rate_limited', `${platform}: HTTP 429 too many requests`, {
      ...detail,
      retryAfterMs: retryAfterMs(answer.headers, now) ?? 1000,
    });
  }
  if (status === 401 || status === 403) throw new ConnectorError('auth', `${platform}: HTTP ${status} ${snippet}`, detail);
  if (status >= 500 || status === 408) throw new ConnectorError('transient', `${platform}: HTTP ${status} ${snippet}`, detail);
  throw new ConnectorError('invalid_request', `${platform}: HTTP ${status} ${snippet}`, detail);
}

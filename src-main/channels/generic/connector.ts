import { ConnectorError, emptyCredential, type Connector, type ConnectorContext, type FetchedOrder, type FetchWindow, type PageResult } from '../connector';
import { failForHttpStatus, httpExchange, type HttpAnswer } from '../wire/http';
import { jsonText, parsePlatformJson, showValue } from '../wire/json';
import { FieldError } from '../wire/fields';
import { assertWindow } from '../wire/window';
import { normaliseGenericOrder, plain } from './normalize';
import { genericPage } from './schema';

const DAY = 24 * 3600_000;
const PAGE_SIZE = 100;

/**
 * Polls any endpoint that speaks OrderHub's own intake format (README.md in this folder):
 * a WeChat mini-program, a self-built mall. Bearer token; windows [updated_from, updated_to)
 * in UTC ISO; cursor paging; amounts named _fen or _yuan; times with offsets.
 */
export const genericConnector: Connector = {
  kind: 'generic',
  /** status_map: optional JSON object from the shop's own status words to OrderHub's. */
  credentialFields: ['token', 'status_map'],
  secretFields: ['token'],
  limits: { maxWindowMs: DAY, endLagMs: 5_000, overlapMs: 2 * 60_000, pageSize: PAGE_SIZE },

  async testConnection(ctx) {
    const to = ctx.now() - this.limits.endLagMs;
    await page(ctx, { from: to - 60_000, to }, null, 1);
    return {};
  },

  async fetchPage(ctx, window, token): Promise<PageResult> {
    assertWindow('Generic intake', this.limits, window, ctx.now());
    const statusMap = readStatusMap(ctx.credentials.status_map);
    const body = await page(ctx, window, token, PAGE_SIZE);
    const items = body.orders.map((o) => fetchedGeneric(o, statusMap));
    return { items, next: body.next_cursor, platformTotal: body.total };
  },

  /**
   * The channel's status_map (plain config) is applied when the caller passes the settings;
   * without them only OrderHub's standard words and the dictionary map the status.
   */
  normalize(raw, settings) {
    let tree: unknown;
    try {
      tree = parsePlatformJson(raw, 'Generic intake');
    } catch (e) {
      return { ok: false, field: '(payload)', value: showValue(raw), reason: (e as Error).message };
    }
    const mapText = settings?.status_map === undefined ? undefined : String(settings.status_map);
    let statusMap: Record<string, string>;
    try {
      statusMap = readStatusMap(mapText);
    } catch (e) {
      return { ok: false, field: 'status_map', value: showValue(mapText), reason: (e as Error).message };
    }
    return fetchedGeneric(tree, statusMap).result;
  },
};

function fetchedGeneric(payload: unknown, statusMap: Record<string, string>): FetchedOrder {
  const raw = jsonText(payload);
  const idValue = payload && typeof payload === 'object' ? (payload as Record<string, unknown>).id : undefined;
  const id = typeof idValue === 'string' && idValue.trim() ? idValue.trim() : null;
  try {
    return { platformOrderId: id, raw, result: { ok: true, order: normaliseGenericOrder(payload, statusMap) } };
  } catch (e) {
    if (e instanceof FieldError) return { platformOrderId: id, raw, result: { ok: false, field: e.field, value: e.value, reason: e.reason } };
    return { platformOrderId: id, raw, result: { ok: false, field: '(order)', value: id ?? '', reason: (e as Error).message } };
  }
}

function readStatusMap(text: string | undefined): Record<string, string> {
  if (!text || !text.trim()) return {};
  try {
    const v = JSON.parse(text) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string')) return v as Record<string, string>;
  } catch {
    /* reported below */
  }
  throw new ConnectorError('invalid_request', `Generic intake: status_map must be a JSON object of words to statuses, got ${text.slice(0, 80)}`);
}

async function page(ctx: ConnectorContext, window: FetchWindow, cursor: string | null, limit: number) {
  const token = ctx.credentials.token;
  if (!token) throw emptyCredential('generic', 'token');
  if (!ctx.endpoint) throw new ConnectorError('invalid_request', 'Generic intake: endpoint is not set');
  const url = new URL(ctx.endpoint);
  url.searchParams.set('updated_from', new Date(window.from).toISOString());
  url.searchParams.set('updated_to', new Date(window.to).toISOString());
  url.searchParams.set('limit', String(limit));
  if (cursor !== null) url.searchParams.set('cursor', cursor);
  const answer = await httpExchange(ctx, 'Generic intake', url.toString(), {
    method: 'GET',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (answer.status !== 200) throwHttp(answer, ctx.now());
  const tree = parsePlatformJson(answer.text, 'Generic intake');
  const parsed = genericPage.safeParse(plain(tree));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new ConnectorError('transient', `Generic intake: the page does not follow the intake format: ${issue.path.join('.') || '(page)'}: ${issue.message}`);
  }
  // The orders themselves stay lossless: their raw text is kept exactly as sent.
  return { ...parsed.data, orders: (tree as { orders: unknown[] }).orders };
}

function throwHttp(answer: HttpAnswer, now: number): never {
  let message = answer.text.slice(0, 160);
  try {
    const body = plain(parsePlatformJson(answer.text, 'Generic intake')) as { error?: { code?: unknown; message?: unknown } };
    if (body?.error) message = `${String(body.error.code ?? '')}: ${String(body.error.message ?? '')}`;
  } catch {
    /* keep the raw start */
  }
  if (answer.status === 429) {
    const secs = Number(answer.headers.get('retry-after'));
    throw new ConnectorError('rate_limited', `Generic intake: HTTP 429 ${message}`, {
      httpStatus: 429,
      retryAfterMs: Number.isFinite(secs) && secs >= 0 ? Math.ceil(secs * 1000) : 1000,
    });
  }
  failForHttpStatus('Generic intake', { ...answer, text: showValue(message) }, now);
  throw new ConnectorError('invalid_request', `Generic intake: HTTP ${answer.status} ${message}`, { httpStatus: answer.status });
}

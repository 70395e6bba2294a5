import type { NormalizedOrder } from '../ingest/normalized-order';
import type { FetchedOrder } from './connector';
import { FieldError, FieldReader } from './wire/fields';
import { isObject, jsonText, parsePlatformJson, showValue } from './wire/json';

/**
 * Wraps the normalisation of ONE order of a page: a FieldError (or any surprise) fails only
 * that order, as `{ok:false, field, value, reason}` with its verbatim payload, so the rest of
 * the page proceeds and the bad one can be quarantined and re-processed later.
 */
export function toFetchedOrder(
  payload: unknown,
  idOf: (r: FieldReader) => string | null,
  normalise: (r: FieldReader) => NormalizedOrder,
): FetchedOrder {
  const raw = jsonText(payload);
  if (!isObject(payload)) {
    return { platformOrderId: null, raw, result: { ok: false, field: '(order)', value: showValue(payload), reason: 'expected an order object' } };
  }
  const reader = new FieldReader(payload);
  let id: string | null = null;
  try {
    id = idOf(reader);
  } catch {
    id = null; // the normaliser below names the bad id field
  }
  try {
    return { platformOrderId: id, raw, result: { ok: true, order: normalise(reader) } };
  } catch (e) {
    if (e instanceof FieldError) return { platformOrderId: id, raw, result: { ok: false, field: e.field, value: e.value, reason: e.reason } };
    return { platformOrderId: id, raw, result: { ok: false, field: '(order)', value: id ?? '', reason: (e as Error).message ?? String(e) } };
  }
}

/**
 * `Connector.normalize`: one stored payload (quarantine or order_raw, exactly what
 * `FetchedOrder.raw` was) parsed losslessly again and run through the same per-order wrapper
 * fetchPage uses, so a re-read and a fetch can never disagree. Never throws: text that is not
 * JSON any more comes back as {ok:false, field:'(payload)'}.
 */
export function normalizeStored(
  raw: string,
  platform: string,
  idOf: (r: FieldReader) => string | null,
  normalise: (r: FieldReader) => NormalizedOrder,
): FetchedOrder['result'] {
  let node: unknown;
  try {
    node = parsePlatformJson(raw, platform);
  } catch (e) {
    return { ok: false, field: '(payload)', value: showValue(raw), reason: (e as Error).message };
  }
  return toFetchedOrder(node, idOf, normalise).result;
}

/** Several lines with the same platform key (a gift of the same SKU) get #2, #3 … so each stays distinct. */
export function uniqueLineIds<T extends { platformLineId?: string | null }>(lines: T[]): T[] {
  const seen = new Map<string, number>();
  for (const line of lines) {
    if (!line.platformLineId) continue;
    const n = (seen.get(line.platformLineId) ?? 0) + 1;
    seen.set(line.platformLineId, n);
    if (n > 1) line.platformLineId = `${line.platformLineId}#${n}`;
  }
  return lines;
}

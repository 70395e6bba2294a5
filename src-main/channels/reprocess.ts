import { gunzipSync } from 'node:zlib';
import type { Database, WriteContext } from '../db';
import type { IngestPipeline } from '../ingest/pipeline';
import { validateOrder } from '../ingest/steps/validate';
import type { ChannelRecord } from './channel-store';
import type { Connector, FetchedOrder } from './connector';

/**
 * A connector that can re-read one stored payload with its current code and status
 * dictionary (no network). Connectors expose it as `normalize(raw)`.
 */
export interface Renormalizer {
  normalize(raw: string): FetchedOrder['result'];
}

export function canRenormalize(c: Connector | undefined): c is Connector & Renormalizer {
  return !!c && typeof (c as Partial<Renormalizer>).normalize === 'function';
}

/**
 * After a dictionary or code fix: quarantined payloads go through the pipeline again, and
 * orders held for an unmapped status are re-read from their latest raw version.
 */
export function reprocessChannel(db: Database, pipeline: IngestPipeline, ch: ChannelRecord, conn: Renormalizer, ctx: WriteContext, now = Date.now()) {
  const open = pipeline.quarantine.open(ch.id);
  const items: FetchedOrder[] = open.map((q) => ({ platformOrderId: q.platformOrderId, raw: q.payload, result: safe(conn, q.payload) }));
  const rawRows = db.sqlite.prepare(
    `SELECT r.payload_gz AS gz FROM orders o JOIN order_raw r ON r.order_id = o.id
     WHERE o.channel_id = ? AND o.hold = 'unmapped_status'
       AND r.version = (SELECT MAX(version) FROM order_raw WHERE order_id = o.id)`,
  ).all(ch.id) as { gz: Buffer }[];
  for (const r of rawRows) {
    const raw = gunzipSync(r.gz).toString('utf8');
    const result = safe(conn, raw);
    items.push({ platformOrderId: result.ok ? result.order.platformOrderId : null, raw, result });
  }
  // The same payload again is 'unchanged' for the upsert; an unmapped status now mapped is an update.
  const summary = pipeline.ingestPage(ch, items, {
    ctx, source: 'reprocess', now,
    inTx: () => {
      for (const [i, q] of open.entries()) {
        const r = items[i]!.result;
        if (r.ok && !validateOrder(r.order, now)) pipeline.quarantine.resolve(q.id, now);
      }
    },
  });
  const remaining = pipeline.quarantine.open(ch.id).length;
  return { tried: items.length, ingested: open.length - remaining, stillQuarantined: remaining, remapped: rawRows.length ? summary.updated : 0 };
}

function safe(conn: Renormalizer, raw: string): FetchedOrder['result'] {
  try {
    return conn.normalize(raw);
  } catch (e) {
    return { ok: false, field: 'payload', value: raw.slice(0, 200), reason: e instanceof Error ? e.message : String(e) };
  }
}


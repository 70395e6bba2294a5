import type { Database, WriteContext } from '../db';
import type { IngestPipeline } from '../ingest/pipeline';
import { validateOrder } from '../ingest/steps/validate';
import type { ChannelRecord } from './channel-store';
import { reloadStatusDictionaries } from './status-dictionary';
import type { ChannelSettings, Connector, FetchedOrder } from './connector';
import type { StatusOverrides } from './status-overrides';

/**
 * After a dictionary or code fix: quarantined payloads go through the pipeline again, and
 * orders held for an unmapped status are re-read from their latest raw version, each through
 * `connector.normalize` (no network) with the dictionaries read afresh from disk.
 */
export function reprocessChannel(db: Database, pipeline: IngestPipeline, ch: ChannelRecord, conn: Connector, ctx: WriteContext, overrides: StatusOverrides, now = Date.now()) {
  reloadStatusDictionaries();
  const renormalize = (raw: string) => safe(conn, raw, ch.config);
  const open = pipeline.quarantine.open(ch.id);
  const items: FetchedOrder[] = open.map((q) => ({ platformOrderId: q.platformOrderId, raw: q.payload, result: renormalize(q.payload) }));
  const rawRows = db.sqlite.prepare(
    `SELECT r.payload_gz AS gz, r.block_id AS blockId, r.block_offset AS at, r.block_length AS len FROM orders o JOIN order_raw r ON r.order_id = o.id
     WHERE o.channel_id = ?
       AND EXISTS (SELECT 1 FROM order_holds h WHERE h.order_id = o.id AND h.type = 'unmapped_status' AND h.released_at IS NULL)
       AND r.version = (SELECT MAX(version) FROM order_raw WHERE order_id = o.id)`,
  ).all(ch.id) as { gz: Buffer; blockId: number | null; at: number | null; len: number | null }[];
  for (const r of rawRows) {
    const raw = pipeline.upserter.raw.decode(r);
    const result = renormalize(raw);
    items.push({ platformOrderId: result.ok ? result.order.platformOrderId : null, raw, result });
  }
  // The same payload again is 'unchanged' for the upsert; an unmapped status now mapped is an update.
  const summary = pipeline.ingestPage(ch, overrides.apply(ch.kind, items), {
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

/** normalize never throws by contract; a broken connector still must not stop the others. */
function safe(conn: Connector, raw: string, settings: ChannelSettings): FetchedOrder['result'] {
  try {
    return conn.normalize(raw, settings);
  } catch (e) {
    return { ok: false, field: 'payload', value: raw.slice(0, 200), reason: e instanceof Error ? e.message : String(e) };
  }
}


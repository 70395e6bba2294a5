import { deflateRawSync, gunzipSync, inflateRawSync } from 'node:zlib';
import type { Statement } from 'better-sqlite3';
import type { Sqlite } from '../db';

/** A shared dictionary this size (the last bytes of sample payloads) costs little per payload and halves what gzip keeps. */
const DICT_BYTES = 8 * 1024;
/** Payloads of a kind gathered before its dictionary is made (stored with plain gzip meanwhile). */
const SAMPLES = 24;

/**
 * The verbatim platform payloads behind each order (table order_raw, local only), for audit
 * and re-processing. A version whose payload equals the one before is not stored again (the
 * stored one still reads back for it). Payloads are deflated with a dictionary learned from
 * the first payloads of their kind (one per source: 'poll:taobao', 'file:<template>'…), so the
 * field names and shapes every payload of a kind repeats cost a few bytes instead of hundreds.
 */
export class RawStore {
  private readonly insert: Statement;
  private readonly latestRow: Statement;
  private readonly dictRow: Statement;
  private readonly newestDict: Statement;
  private readonly saveDict: Statement;
  private readonly samples = new Map<string, string[]>();

  constructor(sqlite: Sqlite) {
    this.insert = sqlite.prepare('INSERT INTO order_raw (order_id, version, source, fetched_at, payload_gz, dict_id) VALUES (?, ?, ?, ?, ?, ?)');
    this.latestRow = sqlite.prepare('SELECT source, payload_gz AS payload, dict_id AS dictId FROM order_raw WHERE order_id = ? ORDER BY version DESC, id DESC LIMIT 1');
    this.dictRow = sqlite.prepare('SELECT dict FROM order_raw_dicts WHERE id = ?').pluck();
    // Read each time, never cached: a dictionary made in a transaction that rolled back is gone (and its id may come again).
    this.newestDict = sqlite.prepare('SELECT id, dict FROM order_raw_dicts WHERE family = ? ORDER BY id DESC LIMIT 1');
    this.saveDict = sqlite.prepare('INSERT INTO order_raw_dicts (family, created_at, dict) VALUES (?, ?, ?)');
  }

  /** Keeps this version's payload, inside the caller's write transaction; false when it equals the stored one before it. */
  put(orderId: string, version: number, source: string, payload: string, now: number, previous?: string | null): boolean {
    if (version > 1) {
      const prev = previous === undefined ? this.latest(orderId)?.payload : previous;
      if (prev === payload) return false;
    }
    const d = this.dictFor(source, payload, now);
    const bytes = d ? deflateRawSync(payload, { dictionary: d.dict }) : deflateRawSync(payload);
    this.insert.run(orderId, version, source, now, bytes, d?.id ?? 0);
    return true;
  }

  /** The newest stored payload of an order. */
  latest(orderId: string): { source: string; payload: string } | null {
    const r = this.latestRow.get(orderId) as { source: string; payload: Buffer; dictId: number | null } | undefined;
    return r ? { source: r.source, payload: this.decode(r.payload, r.dictId) } : null;
  }

  /** A stored payload as text: null dict = gzip (rows from before dictionaries), 0 = deflate, n = deflate with dictionary n. */
  decode(bytes: Buffer, dictId: number | null): string {
    if (dictId === null) return gunzipSync(bytes).toString('utf8');
    if (dictId === 0) return inflateRawSync(bytes).toString('utf8');
    return inflateRawSync(bytes, { dictionary: this.dictRow.get(dictId) as Buffer }).toString('utf8');
  }

  /** The dictionary for this kind of payload, learning one from its first payloads. */
  private dictFor(family: string, payload: string, now: number): { id: number; dict: Buffer } | null {
    const found = this.newestDict.get(family) as { id: number; dict: Buffer } | undefined;
    if (found) return found;
    const seen = this.samples.get(family) ?? [];
    seen.push(payload);
    this.samples.set(family, seen);
    if (seen.length < SAMPLES) return null;
    // The most typical text last: deflate finds nearer matches cheaper.
    const text = Buffer.from(seen.join('\n'), 'utf8');
    const dict = Buffer.from(text.subarray(Math.max(0, text.length - DICT_BYTES)));
    const id = Number(this.saveDict.run(family, now, dict).lastInsertRowid);
    this.samples.delete(family);
    return { id, dict };
  }
}

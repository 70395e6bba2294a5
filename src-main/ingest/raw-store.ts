import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import type { Statement } from 'better-sqlite3';
import type { Sqlite, WriteTx } from '../db';
import { compressBlock, decompressBlock } from './raw-codec';

/** A shared dictionary this size (the last bytes of sample payloads) costs little and makes the first payloads of a block cheap. */
const DICT_BYTES = 16 * 1024;
/** Payloads of a kind gathered before its dictionary is made. */
const SAMPLES = 24;
/** Decompressed blocks kept for reads (re-processing reads the payloads of one page together). */
const BLOCK_CACHE = 4;
const EMPTY = Buffer.alloc(0);

interface Pending {
  orderId: string;
  version: number;
  source: string;
  fetchedAt: number;
  payload: Buffer;
  hash: bigint;
}

/**
 * The verbatim platform payloads behind each order (table order_raw, local only), for audit
 * and re-processing. A version whose payload equals the one before is not stored again (its
 * hash says so; the stored one still reads back for it). Payloads written in one transaction
 * are compressed together, one stream per kind of payload (source: 'poll:taobao',
 * 'file:<template>'…) with a dictionary learned from that kind's first payloads: neighbouring
 * payloads repeat each other's field names and values, so a payload costs about a tenth of
 * its gzip, and a page of 100 costs one compression call instead of 100 (raw-codec.ts: Zstandard,
 * or deflate where the runtime lacks it).
 */
export class RawStore {
  private readonly insertRow: Statement;
  private readonly insertBlock: Statement;
  private readonly latestRow: Statement;
  private readonly blockRow: Statement;
  private readonly dictRow: Statement;
  private readonly newestDict: Statement;
  private readonly saveDict: Statement;
  private readonly samples = new Map<string, string[]>();
  private pending: Pending[] = [];
  private pendingTx: WriteTx | null = null;
  private readonly blocks = new Map<number, Buffer>();

  constructor(sqlite: Sqlite) {
    this.insertRow = sqlite.prepare(
      `INSERT INTO order_raw (order_id, version, source, fetched_at, payload_gz, block_id, block_offset, block_length, payload_hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.insertBlock = sqlite.prepare('INSERT INTO order_raw_blocks (dict_id, data) VALUES (?, ?)');
    this.latestRow = sqlite.prepare(
      `SELECT source, payload_gz AS gz, block_id AS blockId, block_offset AS at, block_length AS len, payload_hash AS hash
       FROM order_raw WHERE order_id = ? ORDER BY version DESC, id DESC LIMIT 1`,
    ).safeIntegers(true);
    this.blockRow = sqlite.prepare('SELECT dict_id AS dictId, data FROM order_raw_blocks WHERE id = ?');
    this.dictRow = sqlite.prepare('SELECT dict FROM order_raw_dicts WHERE id = ?').pluck();
    // Read each time, never cached: a dictionary made in a transaction that rolled back is gone (and its id may come again).
    this.newestDict = sqlite.prepare('SELECT id, dict FROM order_raw_dicts WHERE family = ? ORDER BY id DESC LIMIT 1');
    this.saveDict = sqlite.prepare('INSERT INTO order_raw_dicts (family, created_at, dict) VALUES (?, ?, ?)');
  }

  /**
   * Keeps this version's payload; written (compressed with the others of the transaction) just
   * before it commits. False when it equals the payload stored before it.
   */
  put(tx: WriteTx, orderId: string, version: number, source: string, payload: string, now: number): boolean {
    if (this.pendingTx !== tx) {
      // A transaction that never reached its commit (rolled back) leaves nothing behind.
      this.pending = [];
      this.pendingTx = tx;
      tx.beforeCommit(() => this.flush(tx));
    }
    const bytes = Buffer.from(payload, 'utf8');
    const hash = hash64(bytes);
    if (version > 1) {
      const mine = this.pending.findLast((p) => p.orderId === orderId);
      const prev = mine ? mine.hash : (this.latestRow.get(orderId) as { hash: bigint | null } | undefined)?.hash;
      if (prev === hash) return false;
    }
    this.pending.push({ orderId, version, source, fetchedAt: now, payload: bytes, hash });
    return true;
  }

  /** The newest stored payload of an order. */
  latest(orderId: string): { source: string; payload: string } | null {
    const r = this.latestRow.get(orderId) as { source: string; gz: Buffer; blockId: bigint | null; at: bigint | null; len: bigint | null } | undefined;
    if (!r) return null;
    return { source: r.source, payload: this.decode({ gz: r.gz, blockId: num(r.blockId), at: num(r.at), len: num(r.len) }) };
  }

  /** A stored payload as text, from its block, or its own gzip (rows from before blocks). */
  decode(r: { gz: Buffer | null; blockId: number | null; at: number | null; len: number | null }): string {
    if (r.blockId === null) return gunzipSync(r.gz!).toString('utf8');
    return this.block(r.blockId).subarray(r.at!, r.at! + r.len!).toString('utf8');
  }

  private flush(tx: WriteTx): void {
    if (this.pendingTx !== tx) return;
    const byFamily = new Map<string, Pending[]>();
    for (const p of this.pending) {
      const list = byFamily.get(p.source) ?? [];
      list.push(p);
      byFamily.set(p.source, list);
    }
    this.pending = [];
    this.pendingTx = null;
    // Block ids of a transaction that rolled back can come again: never trust an older cached block past a write.
    this.blocks.clear();
    for (const [family, list] of byFamily) {
      const dict = this.dictFor(family, list, list[0]!.fetchedAt);
      const whole = Buffer.concat(list.map((p) => p.payload));
      const data = compressBlock(whole, dict?.dict ?? null);
      const blockId = Number(this.insertBlock.run(dict?.id ?? 0, data).lastInsertRowid);
      let at = 0;
      for (const p of list) {
        this.insertRow.run(p.orderId, p.version, p.source, p.fetchedAt, EMPTY, blockId, at, p.payload.length, p.hash);
        at += p.payload.length;
      }
    }
  }

  private block(id: number): Buffer {
    let b = this.blocks.get(id);
    if (!b) {
      const r = this.blockRow.get(id) as { dictId: number; data: Buffer };
      b = decompressBlock(r.data, r.dictId ? (this.dictRow.get(r.dictId) as Buffer) : null);
      this.blocks.set(id, b);
      if (this.blocks.size > BLOCK_CACHE) this.blocks.delete(this.blocks.keys().next().value!);
    }
    return b;
  }

  /** The dictionary for this kind of payload, learning one from its first payloads. */
  private dictFor(family: string, list: Pending[], now: number): { id: number; dict: Buffer } | null {
    const found = this.newestDict.get(family) as { id: number; dict: Buffer } | undefined;
    if (found) return found;
    const seen = this.samples.get(family) ?? [];
    for (const p of list) if (seen.length < SAMPLES) seen.push(p.payload.toString('utf8'));
    this.samples.set(family, seen);
    if (seen.length < SAMPLES) return null;
    // The most typical text last: the compressor finds nearer matches cheaper.
    const text = Buffer.from(seen.join('\n'), 'utf8');
    const dict = Buffer.from(text.subarray(Math.max(0, text.length - DICT_BYTES)));
    const id = Number(this.saveDict.run(family, now, dict).lastInsertRowid);
    this.samples.delete(family);
    return { id, dict };
  }
}

function hash64(b: Buffer): bigint {
  return createHash('sha1').update(b).digest().readBigInt64BE(0);
}

function num(v: bigint | null): number | null {
  return v === null ? null : Number(v);
}

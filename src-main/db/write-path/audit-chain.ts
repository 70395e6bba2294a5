import { createHash, createHmac } from 'node:crypto';
import { toWellFormed } from '../../../src-shared/unicode';
import type { Sqlite } from '../connection';

export const GENESIS_HASH = '0'.repeat(64);
/**
 * Records written with the workspace's chain key carry this prefix on their hash. Older
 * records (plain SHA-256, before the key existed) keep their plain hex hash and still verify.
 */
export const KEYED = 'k1:';

/** The fields a record's hash covers, in a fixed order (canonical content). */
export interface AuditContent {
  at: number;
  actorId: string | null;
  actorName: string | null;
  call: string;
  entity: string;
  entityId: string | null;
  action: string;
  beforeJson: string | null;
  afterJson: string | null;
  reason: string | null;
}

/**
 * The content as SQLite will store it: a lone surrogate in a string (which SQLite's UTF-8
 * would turn into U+FFFD) is replaced first, so the hash covers exactly what is stored.
 * (JSON text is already safe: JSON.stringify escapes lone surrogates.)
 */
export function storable(c: AuditContent): AuditContent {
  const w = (s: string | null) => (s === null ? s : toWellFormed(s));
  return {
    at: c.at, actorId: w(c.actorId), actorName: w(c.actorName), call: w(c.call)!, entity: w(c.entity)!, entityId: w(c.entityId),
    action: w(c.action)!, beforeJson: w(c.beforeJson), afterJson: w(c.afterJson), reason: w(c.reason),
  };
}

function canonical(c: AuditContent): string {
  return JSON.stringify([c.at, c.actorId, c.actorName, c.call, c.entity, c.entityId, c.action, c.beforeJson, c.afterJson, c.reason]);
}

/** Plain SHA-256 link (records from before the chain key): anyone holding the file can recompute it. */
export function auditHash(prevHash: string, c: AuditContent): string {
  return createHash('sha256').update(prevHash).update(canonical(c)).digest('hex');
}

/** Keyed link: HMAC-SHA256 with a key kept outside the database, so the file alone cannot re-forge it. */
export function keyedHash(key: Buffer, prevHash: string, c: AuditContent): string {
  return KEYED + createHmac('sha256', key).update(prevHash).update(canonical(c)).digest('hex');
}

export interface ChainHead {
  seq: number;
  hash: string;
}

/**
 * Appends records to the chain inside a write transaction. The transaction carries the
 * head in memory between its appends and saves it once at the end (`saveHead`), so a batch
 * costs one head lookup and one head write, not one per record.
 */
export class AuditAppender {
  private readonly insert;
  private readonly lastHash;
  private readonly saveHeadStmt;
  private readonly getMeta;
  private key: Buffer | null = null;
  private keyedFromSeq: number | null | undefined;

  constructor(private readonly sqlite: Sqlite) {
    this.insert = sqlite.prepare(`INSERT INTO audit_log
      (at, actor_id, actor_name, call, entity, entity_id, action, before_json, after_json, reason, prev_hash, hash)
      VALUES (@at, @actorId, @actorName, @call, @entity, @entityId, @action, @beforeJson, @afterJson, @reason, @prevHash, @hash)`);
    this.lastHash = sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck();
    // The head (last seq and hash) lets verify notice records cut off the end of the chain.
    this.saveHeadStmt = sqlite.prepare(
      `INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
    this.getMeta = sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
  }

  /** The seq from which records are keyed (null: the chain has never been keyed). */
  keyedFrom(): number | null {
    if (this.keyedFromSeq === undefined) {
      const v = this.getMeta.get('audit_keyed_from') as string | undefined;
      this.keyedFromSeq = v ? Number(v) : null;
    }
    return this.keyedFromSeq;
  }

  get keyed(): boolean {
    return this.key !== null;
  }

  /**
   * From now on records are keyed with `key`. On a database whose chain was never keyed (new,
   * or written by an older version) the switch itself is a record — the first keyed one — so
   * the older records stay verifiable by their plain hashes and are sealed by the key from there.
   */
  useKey(key: Buffer, write: (fn: () => void) => void): void {
    this.key = key;
    if (this.keyedFrom() !== null) return;
    write(() => {
      const head = this.append({
        at: Date.now(), actorId: null, actorName: 'system', call: 'audit.key', entity: 'audit', entityId: null, action: 'keyed',
        beforeJson: null, afterJson: JSON.stringify({ scheme: 'hmac-sha256', previousRecords: 'sha256' }), reason: null,
      }, null);
      this.sqlite.prepare(`INSERT INTO meta (key, value) VALUES ('audit_keyed_from', ?)`).run(String(head.seq));
      this.keyedFromSeq = head.seq;
      this.saveHead(head);
    });
  }

  /** Appends after `prev` (the head this transaction last wrote), or after the stored chain's last record. */
  append(content: AuditContent, prev: ChainHead | null): ChainHead {
    if (!this.key && this.keyedFrom() !== null) {
      // An unkeyed record after keyed ones would be indistinguishable from a forgery.
      throw new Error('the audit chain is keyed but this write path has no chain key');
    }
    const c = storable(content);
    const prevHash = prev?.hash ?? (this.lastHash.get() as string | undefined) ?? GENESIS_HASH;
    const hash = this.key ? keyedHash(this.key, prevHash, c) : auditHash(prevHash, c);
    const seq = Number(this.insert.run({ ...c, prevHash, hash }).lastInsertRowid);
    return { seq, hash };
  }

  saveHead(head: ChainHead): void {
    this.saveHeadStmt.run(`${head.seq}:${head.hash}`);
  }

  /** The chain's last record as stored (for the checkpoint written after each commit). */
  head(): ChainHead | null {
    return (this.sqlite.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as ChainHead | undefined) ?? null;
  }

  /** @internal verify reads the key it was given */
  chainKey(): Buffer | null {
    return this.key;
  }
}

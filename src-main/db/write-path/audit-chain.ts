import { createHash } from 'node:crypto';
import type { Sqlite } from '../connection';

export const GENESIS_HASH = '0'.repeat(64);

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

export function auditHash(prevHash: string, c: AuditContent): string {
  const canonical = JSON.stringify([
    c.at, c.actorId, c.actorName, c.call, c.entity, c.entityId, c.action, c.beforeJson, c.afterJson, c.reason,
  ]);
  return createHash('sha256').update(prevHash).update(canonical).digest('hex');
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

  constructor(sqlite: Sqlite) {
    this.insert = sqlite.prepare(`INSERT INTO audit_log
      (at, actor_id, actor_name, call, entity, entity_id, action, before_json, after_json, reason, prev_hash, hash)
      VALUES (@at, @actorId, @actorName, @call, @entity, @entityId, @action, @beforeJson, @afterJson, @reason, @prevHash, @hash)`);
    this.lastHash = sqlite.prepare('SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1').pluck();
    // The head (last seq and hash) lets verify notice records cut off the end of the chain.
    this.saveHeadStmt = sqlite.prepare(
      `INSERT INTO meta (key, value) VALUES ('audit_head', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
    );
  }

  /** Appends after `prev` (the head this transaction last wrote), or after the stored chain's last record. */
  append(c: AuditContent, prev: ChainHead | null): ChainHead {
    const prevHash = prev?.hash ?? (this.lastHash.get() as string | undefined) ?? GENESIS_HASH;
    const hash = auditHash(prevHash, c);
    const seq = Number(this.insert.run({ ...c, prevHash, hash }).lastInsertRowid);
    return { seq, hash };
  }

  saveHead(head: ChainHead): void {
    this.saveHeadStmt.run(`${head.seq}:${head.hash}`);
  }
}

export interface ChainHead {
  seq: number;
  hash: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  brokenAt?: { seq: number; problem: string };
}

interface Row extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/** Walks the chain in seq order and reports the first link that does not hold. */
export function verifyChain(sqlite: Sqlite): ChainCheck {
  const rows = sqlite
    .prepare(`SELECT seq, at, actor_id AS actorId, actor_name AS actorName, call, entity, entity_id AS entityId,
      action, before_json AS beforeJson, after_json AS afterJson, reason, prev_hash AS prevHash, hash
      FROM audit_log ORDER BY seq`)
    .iterate() as IterableIterator<Row>;
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  for (const r of rows) {
    if (r.seq !== prevSeq + 1) return fail(checked, r.seq, `记录 ${prevSeq + 1}–${r.seq - 1} 缺失 (records missing before this one)`);
    if (r.prevHash !== prev) return fail(checked, r.seq, '与上一条记录的链接不符 (link to previous record broken: deleted or reordered)');
    if (auditHash(r.prevHash, r) !== r.hash) return fail(checked, r.seq, '记录内容被修改 (content does not match its hash: edited)');
    prev = r.hash;
    prevSeq = r.seq;
    checked += 1;
  }
  const head = sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck().get() as string | undefined;
  if (head && head !== `${prevSeq}:${prev}`) {
    const headSeq = Number(head.split(':')[0]);
    return fail(checked, headSeq, '链尾记录缺失或被替换 (records cut from the end of the chain)');
  }
  return { ok: true, checked };
}

function fail(checked: number, seq: number, problem: string): ChainCheck {
  return { ok: false, checked, brokenAt: { seq, problem } };
}

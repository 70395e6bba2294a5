import type { Sqlite } from '../connection';
import { auditHash, GENESIS_HASH, KEYED, keyedHash, type AuditContent } from './audit-chain';
import type { CheckpointFile } from './audit-checkpoint';

/** What a broken range is, as a code the UI words (and a bilingual text for logs and the API). */
export type BreakCode = 'missing' | 'link' | 'edited' | 'unkeyed' | 'no_key' | 'truncated' | 'rewritten' | 'checkpoint';

export interface ChainBreak {
  fromSeq: number;
  toSeq: number;
  code: BreakCode;
  problem: string;
}

export interface ChainCheck {
  ok: boolean;
  checked: number;
  /** Every range of records that does not hold, in order; the walk never stops at the first. */
  broken: ChainBreak[];
  /** The first broken record (broken[0]), for callers that show one. */
  brokenAt?: { seq: number; problem: string };
  /** From this record on the chain is keyed (HMAC with the key outside the database); null: never keyed. */
  keyedFrom: number | null;
  /** The signed checkpoint beside the database that the end of the chain was compared with. */
  checkpoint: { seq: number; at: number } | null;
}

const PROBLEMS: Record<BreakCode, string> = {
  missing: '记录缺失 (records missing)',
  link: '与上一条记录的链接不符 (link to previous record broken: deleted, inserted or reordered)',
  edited: '记录内容被修改 (content does not match its hash: edited)',
  unkeyed: '应有密钥签名却没有 (record should be keyed but is not: forged)',
  no_key: '缺少链密钥，无法核对 (the chain key is missing: cannot check)',
  truncated: '链尾记录被截掉 (records cut from the end of the chain)',
  rewritten: '链尾与库外检查点不符 (the end of the chain was rewritten after the checkpoint)',
  checkpoint: '库外检查点缺失或被改动 (the checkpoint beside the database is missing or altered)',
};

interface Row extends AuditContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * Walks the whole chain in seq order and reports every broken range, not only the first:
 * an early break (say, a bad record from years ago) never hides later tampering. Each record
 * is checked on its own (its hash over its own content and stored link) and against its
 * neighbour (its link equals the previous record's stored hash); the end is compared with the
 * head kept in the database and with the signed checkpoint kept outside it.
 */
export function verifyChain(sqlite: Sqlite, key: Buffer | null, checkpointFile: CheckpointFile | null): ChainCheck {
  const broken: ChainBreak[] = [];
  const add = (from: number, to: number, code: BreakCode) => {
    const last = broken[broken.length - 1];
    if (last && last.code === code && last.toSeq === from - 1) last.toSeq = to;
    else broken.push({ fromSeq: from, toSeq: to, code, problem: PROBLEMS[code] });
  };

  const read = checkpointFile?.read() ?? null;
  const cp = read?.state === 'ok' ? read.checkpoint : null;
  const metaKeyed = sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_keyed_from'`).pluck().get() as string | undefined;
  // The signed checkpoint is the authority on where keying began; the database's note is a fallback.
  let keyedFrom: number | null = cp?.keyedFrom ?? (metaKeyed ? Number(metaKeyed) : null);

  const rows = sqlite
    .prepare(`SELECT seq, at, actor_id AS actorId, actor_name AS actorName, call, entity, entity_id AS entityId,
      action, before_json AS beforeJson, after_json AS afterJson, reason, prev_hash AS prevHash, hash
      FROM audit_log ORDER BY seq`)
    .iterate() as IterableIterator<Row>;
  let prev = GENESIS_HASH;
  let prevSeq = 0;
  let checked = 0;
  let atCheckpoint: string | null = null;
  for (const r of rows) {
    const gap = r.seq > prevSeq + 1;
    if (gap) add(prevSeq + 1, r.seq - 1, 'missing');
    const isKeyed = r.hash.startsWith(KEYED);
    if (isKeyed && keyedFrom === null) keyedFrom = r.seq;
    let code: BreakCode | null = null;
    if (!isKeyed && keyedFrom !== null && r.seq >= keyedFrom) code = 'unkeyed';
    else if (isKeyed && !key) code = 'no_key';
    else if ((isKeyed ? keyedHash(key!, r.prevHash, r) : auditHash(r.prevHash, r)) !== r.hash) code = 'edited';
    else if (r.prevHash !== prev && !gap) code = 'link'; // after a gap the link cannot hold: the gap is the finding
    if (code) add(r.seq, r.seq, code);
    if (cp && r.seq === cp.seq) atCheckpoint = r.hash;
    prev = r.hash;
    prevSeq = r.seq;
    checked += 1;
  }

  const head = sqlite.prepare(`SELECT value FROM meta WHERE key = 'audit_head'`).pluck().get() as string | undefined;
  const headSeq = head ? Number(head.split(':')[0]) : 0;
  if (head && headSeq > prevSeq) add(prevSeq + 1, headSeq, 'truncated');
  else if (head && head !== `${prevSeq}:${prev}` && headSeq === prevSeq) add(prevSeq, prevSeq, 'rewritten');

  if (checkpointFile && read) {
    if (read.state !== 'ok') {
      // A keyed chain always has a checkpoint; without one, a cut-off end could not be seen.
      if (read.state !== 'missing' || keyedFrom !== null) add(Math.max(prevSeq, 1), Math.max(prevSeq, 1), 'checkpoint');
    } else if (cp!.seq > prevSeq) {
      if (!broken.some((b) => b.code === 'truncated')) add(prevSeq + 1, cp!.seq, 'truncated');
    } else if (atCheckpoint !== cp!.hash) add(cp!.seq, cp!.seq, 'rewritten');
  }

  const first = broken[0];
  return {
    ok: broken.length === 0,
    checked,
    broken,
    ...(first ? { brokenAt: { seq: first.fromSeq, problem: first.problem } } : {}),
    keyedFrom,
    checkpoint: cp ? { seq: cp.seq, at: cp.at } : null,
  };
}

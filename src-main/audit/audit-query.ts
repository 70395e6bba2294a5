import type { AuditEntry } from '../../src-shared/contract';
import type { Sqlite } from '../db';

export interface AuditFilter {
  actorId?: string | undefined;
  entity?: string | undefined;
  entityId?: string | undefined;
  action?: string | undefined;
  from?: number | undefined;
  to?: number | undefined;
  offset: number;
  limit: number;
}

/** Newest first; every condition is a fixed column with a bound parameter. */
export function listAudit(sqlite: Sqlite, f: AuditFilter): { rows: AuditEntry[]; total: number } {
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    where.push(sql);
    params.push(v);
  };
  if (f.actorId) add('actor_id = ?', f.actorId);
  if (f.entity) add('entity = ?', f.entity);
  if (f.entityId) add('entity_id = ?', f.entityId);
  if (f.action) add('action = ?', f.action);
  if (f.from !== undefined) add('at >= ?', f.from);
  if (f.to !== undefined) add('at < ?', f.to);
  const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
  const total = sqlite.prepare(`SELECT count(*) FROM audit_log ${clause}`).pluck().get(...params) as number;
  const raw = sqlite
    .prepare(`SELECT seq, at, actor_id, actor_name, call, entity, entity_id, action, before_json, after_json, reason
      FROM audit_log ${clause} ORDER BY seq DESC LIMIT ? OFFSET ?`)
    .all(...params, f.limit, f.offset) as Record<string, unknown>[];
  return {
    total,
    rows: raw.map((r) => ({
      seq: r.seq as number,
      at: r.at as number,
      actorId: r.actor_id as string | null,
      actorName: r.actor_name as string | null,
      call: r.call as string,
      entity: r.entity as string,
      entityId: r.entity_id as string | null,
      action: r.action as string,
      before: r.before_json ? JSON.parse(r.before_json as string) : null,
      after: r.after_json ? JSON.parse(r.after_json as string) : null,
      reason: r.reason as string | null,
    })),
  };
}

/**
 * A bulk record carries a hash for each of its rows (tens of thousands of characters); the list
 * shows how many rows it proves instead. audit.verify {rows: true} checks them.
 */
function shown(action: string, after: unknown): unknown {
  if (action !== 'bulk_insert' || !after || typeof after !== 'object' || !Array.isArray((after as { rowHashes?: unknown }).rowHashes)) return after;
  const { rowHashes, ...rest } = after as { rowHashes: { fields: string[]; rows: string }[] };
  return { ...rest, rowHashes: rowHashes.map((g) => ({ fields: g.fields, rows: g.rows ? g.rows.split(' ').length : 0 })) };
}

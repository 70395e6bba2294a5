import { EXCEPTION_TYPES, type ExceptionType } from '../../src-shared/exceptions';
import type { ExceptionCounts, ExceptionEventView, ExceptionPage, ExceptionView } from '../../src-shared/contract/exceptions';
import type { Role } from '../../src-shared/roles';
import type { Sqlite } from '../db';
import { EXCEPTION_COLUMNS, toRecord } from './store';

export interface ListFilter {
  type?: ExceptionType | undefined;
  state: 'open' | 'snoozed' | 'closed' | 'active' | 'all';
  ownerId?: string | undefined;
  mine: boolean;
  orderId?: string | undefined;
  detector?: string | undefined;
  severity?: string | undefined;
  channelId?: string | undefined;
  overdueOnly: boolean;
  openedFrom?: number | undefined;
  openedTo?: number | undefined;
  offset: number;
  limit: number;
}

const VIEW_FROM = `exceptions e LEFT JOIN orders o ON o.id = e.order_id LEFT JOIN channels c ON c.id = e.channel_id`;
const VIEW_COLUMNS = `${EXCEPTION_COLUMNS}, o.platform_order_id AS platformOrderId, o.status AS orderStatus, c.name AS shopName`;

/** The 异常 workspace's reads: SQL from fixed fragments, every value bound. */
export class ExceptionQueries {
  private readonly one;
  private readonly events;
  private readonly byType;
  private readonly mineCount;
  private readonly overdueByType;

  constructor(private readonly sqlite: Sqlite, private readonly subjectName: (kind: string, id: string) => string | null) {
    this.one = sqlite.prepare(`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} WHERE e.id = ?`);
    this.events = sqlite.prepare(
      `SELECT id, at, kind, actor_name AS actorName, code, params_json AS params FROM exception_events WHERE exception_id = ? ORDER BY at, id`,
    );
    // The counters the triggers keep (exception_counts): never a scan of exceptions.
    this.byType = sqlite.prepare(`SELECT state, type, sum(n) AS n FROM exception_counts GROUP BY state, type`);
    this.mineCount = sqlite.prepare(`SELECT coalesce(sum(n), 0) FROM exception_owner_counts WHERE state = 'open' AND owner_key IN (?, ?)`).pluck();
    this.overdueByType = sqlite.prepare(`SELECT type, count(*) AS n FROM exceptions WHERE state = 'open' AND type = ? AND due_at < ?`);
  }

  view(r: Record<string, unknown>, now: number): ExceptionView {
    const e = toRecord(r);
    const { silenced: _s, ...rest } = e;
    return {
      ...rest,
      platformOrderId: (r.platformOrderId as string | null) ?? null,
      orderStatus: (r.orderStatus as ExceptionView['orderStatus']) ?? null,
      shopName: (r.shopName as string | null) ?? null,
      subjectName: e.subjectKind === 'order' ? null : this.subjectName(e.subjectKind, e.subjectId),
      overdue: e.state !== 'closed' && e.dueAt < now,
      confirmed: e.confirmed.map((c) => ({ role: c.role, name: c.name, at: c.at, note: c.note })),
    };
  }

  get(id: string, now: number): ExceptionView | null {
    const r = this.one.get(id) as Record<string, unknown> | undefined;
    return r ? this.view(r, now) : null;
  }

  history(id: string): ExceptionEventView[] {
    return (this.events.all(id) as (Omit<ExceptionEventView, 'params'> & { params: string })[]).map((e) => ({ ...e, params: JSON.parse(e.params) as Record<string, unknown> }));
  }

  list(f: ListFilter, me: { id: string; role: Role }, now: number): ExceptionPage {
    const where: string[] = [];
    const args: unknown[] = [];
    if (f.state === 'active') where.push(`e.state <> 'closed'`);
    else if (f.state === 'all') where.push('1 = 1');
    else {
      where.push('e.state = ?');
      args.push(f.state);
    }
    const eq = (col: string, v: unknown) => {
      if (v === undefined) return;
      where.push(`${col} = ?`);
      args.push(v);
    };
    eq('e.type', f.type);
    eq('e.owner_user_id', f.ownerId);
    eq('e.order_id', f.orderId);
    eq('e.detector', f.detector);
    eq('e.severity', f.severity);
    eq('e.channel_id', f.channelId);
    if (f.mine) {
      where.push('(e.owner_user_id = ? OR (e.owner_user_id IS NULL AND e.owner_role = ?))');
      args.push(me.id, me.role);
    }
    if (f.openedFrom !== undefined) {
      where.push('e.opened_at >= ?');
      args.push(f.openedFrom);
    }
    if (f.openedTo !== undefined) {
      where.push('e.opened_at < ?');
      args.push(f.openedTo);
    }
    if (f.overdueOnly) {
      where.push('e.due_at < ?');
      args.push(now);
    }
    const w = `WHERE ${where.join(' AND ')}`;
    const total = this.sqlite.prepare(`SELECT count(*) FROM exceptions e ${w}`).pluck().get(...args) as number;
    // Overdue first (the most overdue at the top), then the most severe, then the oldest; closed: newest first.
    const order = f.state === 'closed'
      ? 'e.closed_at DESC, e.id DESC'
      : `(e.due_at < ?) DESC, CASE e.severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, e.due_at, e.id`;
    const orderArgs = f.state === 'closed' ? [] : [now];
    const rows = this.sqlite.prepare(`SELECT ${VIEW_COLUMNS} FROM ${VIEW_FROM} ${w} ORDER BY ${order} LIMIT ? OFFSET ?`)
      .all(...args, ...orderArgs, f.limit, f.offset) as Record<string, unknown>[];
    return { rows: rows.map((r) => this.view(r, now)), total };
  }

  counts(me: { id: string; role: Role }, now: number): ExceptionCounts {
    const rows = this.byType.all() as { state: string; type: ExceptionType; n: number }[];
    const n = (state: string, type?: ExceptionType) => rows.filter((r) => r.state === state && (!type || r.type === type)).reduce((s, r) => s + r.n, 0);
    return {
      byType: EXCEPTION_TYPES.map((type) => ({ type, open: n('open', type), overdue: n('open', type) ? (this.overdueByType.get(type, now) as { n: number }).n : 0 })),
      open: n('open'),
      snoozed: n('snoozed'),
      mine: this.mineCount.get(`u:${me.id}`, `r:${me.role}`) as number,
    };
  }
}

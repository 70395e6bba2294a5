import type { ErpPushCounts } from '../../../src-shared/contract/erp';
import type { ErpReason, PushOrdersMapping } from '../../../src-shared/erp';
import type { Database, WriteContext } from '../../db';
import { backoffMs } from '../../kernel/clock';
import { CANCELLED_STATUSES, type HubOrder, type HubSources } from '../hub-sources';
import type { JobHandle } from '../jobs';
import { ErpFailure, isUniqueViolation, type ErpSession } from '../odbc/session';
import type { ErpRejects } from '../rejects';
import { mapped, orderPayload, type OrderPayload } from './order-payload';

export interface PushDeps {
  db: Database;
  session: ErpSession;
  connectionId: string;
  job: JobHandle;
  ctx: WriteContext;
  rejects: ErpRejects;
  sources: HubSources;
  zone: string;
}

type Existing = { hash: string | null; status: string | null };
type Outcome =
  | { kind: 'inserted' | 'updated' | 'alreadyThere' | 'unchanged' | 'cancelled'; payload: OrderPayload | null; action: string }
  | { kind: 'rejected' | 'failed'; reason: ErpReason; field: string | null; value: string | null };

const BATCH = 200;
export const emptyPushCounts = (): ErpPushCounts => ({ inserted: 0, updated: 0, unchanged: 0, cancelled: 0, alreadyThere: 0, rejected: 0, failed: 0, locksWritten: 0, locksReleased: 0 });

/**
 * Pushes orders at 待发货 into the ERP, idempotently (shared/ERP.md §5): the external key is our
 * order id; before inserting, the hub reads which keys the ERP already has; each order is one short
 * transaction on one connection; a unique violation means another PC (or our own crashed run) got
 * there first and the content is compared, never inserted again. Our own record of what was pushed is
 * written after the ERP commit and may be lost in a crash: the next run finds the key in the ERP.
 */
export async function pushOrders(d: PushDeps, m: PushOrdersMapping): Promise<ErpPushCounts> {
  const counts = emptyPushCounts();
  const h = m.header;
  const hashCol = h.columns.payloadHash ?? null;
  const statusCol = h.columns.status ?? null;
  const existingSql = (n: number) =>
    `SELECT ${h.columns.extOrderNo} AS ext, ${hashCol ?? 'NULL'} AS hash, ${statusCol ?? 'NULL'} AS status FROM ${h.table} WHERE ${h.columns.extOrderNo} IN (${Array(n).fill('?').join(',')})`;
  const lookup = async (keys: string[]) => {
    const out = new Map<string, Existing>();
    if (!keys.length) return out;
    for (const r of await d.session.read(existingSql(keys.length), keys)) {
      out.set(String(r.ext ?? r.EXT), { hash: (r.hash ?? r.HASH ?? null) as string | null, status: (r.status ?? r.STATUS ?? null) as string | null });
    }
    return out;
  };

  const insert = async (p: OrderPayload) => {
    const head = mapped(p.header, h.columns);
    await d.session.execute(`INSERT INTO ${h.table} (${head.cols.join(', ')}) VALUES (${head.cols.map(() => '?').join(', ')})`, head.vals);
    for (const l of p.lines) {
      const line = mapped(l, m.lines.columns);
      await d.session.execute(`INSERT INTO ${m.lines.table} (${line.cols.join(', ')}) VALUES (${line.cols.map(() => '?').join(', ')})`, line.vals);
    }
  };
  const localState = d.db.sqlite.prepare('SELECT state FROM erp_pushes WHERE connection_id = ? AND order_id = ?').pluck();
  const editable = (e: Existing) => !statusCol || e.status === m.newStatus;
  const whereKey = (extra = '') => `WHERE ${h.columns.extOrderNo} = ?${extra && statusCol ? ` AND ${statusCol} = ?` : ''}`;

  async function pushOne(o: HubOrder, found: Existing | undefined): Promise<Outcome> {
    if (CANCELLED_STATUSES.includes(o.status)) {
      if (!found) return { kind: 'cancelled', payload: null, action: 'erp_cancel_unsent' };
      if (m.onCancel === 'void') {
        if (!statusCol) return { kind: 'rejected', reason: { code: 'no_mapping', params: { kind: 'orders.header.columns.status' } }, field: 'status', value: null };
        await d.session.execute(`UPDATE ${h.table} SET ${statusCol} = ? ${whereKey()}`, [m.cancelStatus, o.id]);
        return { kind: 'cancelled', payload: null, action: 'erp_void' };
      }
      if (!editable(found)) return { kind: 'rejected', reason: { code: 'erp_already_imported', params: { status: found.status } }, field: 'status', value: found.status };
      await d.session.transaction(async () => {
        await d.session.execute(`DELETE FROM ${m.lines.table} WHERE ${m.lines.columns.extOrderNo} = ?`, [o.id]);
        await d.session.execute(`DELETE FROM ${h.table} ${whereKey('status')}`, statusCol ? [o.id, m.newStatus] : [o.id]);
      });
      return { kind: 'cancelled', payload: null, action: 'erp_delete' };
    }
    const p = orderPayload(o, m, d.zone);
    if ('reason' in p) return { kind: 'rejected', reason: p.reason, field: p.field, value: p.value };
    for (let attempt = 0; ; attempt++) {
      if (found) {
        if (hashCol && found.hash === p.hash) {
          const mine = localState.get(d.connectionId, o.id) === 'pushed';
          return { kind: mine ? 'unchanged' : 'alreadyThere', payload: p, action: mine ? 'erp_unchanged' : 'erp_confirmed' };
        }
        if (!editable(found)) return { kind: 'rejected', reason: { code: 'erp_already_imported', params: { status: found.status } }, field: 'status', value: found.status };
        await d.session.transaction(async () => {
          const head = mapped(p.header, h.columns);
          const sets = head.cols.filter((c) => c !== h.columns.extOrderNo);
          const vals = head.vals.filter((_, i) => head.cols[i] !== h.columns.extOrderNo);
          await d.session.execute(`UPDATE ${h.table} SET ${sets.map((c) => `${c} = ?`).join(', ')} ${whereKey('status')}`, [...vals, o.id, ...(statusCol ? [m.newStatus] : [])]);
          const still = await d.session.read(`SELECT ${statusCol ?? 'NULL'} AS status FROM ${h.table} ${whereKey()}`, [o.id]);
          if (statusCol && String(still[0]?.status ?? '') !== m.newStatus) throw new ErpFailure({ code: 'erp_already_imported', params: { status: String(still[0]?.status ?? '') } });
          await d.session.execute(`DELETE FROM ${m.lines.table} WHERE ${m.lines.columns.extOrderNo} = ?`, [o.id]);
          for (const l of p.lines) {
            const line = mapped(l, m.lines.columns);
            await d.session.execute(`INSERT INTO ${m.lines.table} (${line.cols.join(', ')}) VALUES (${line.cols.map(() => '?').join(', ')})`, line.vals);
          }
        });
        return { kind: 'updated', payload: p, action: 'erp_update' };
      }
      try {
        await d.session.transaction(() => insert(p));
        return { kind: 'inserted', payload: p, action: 'erp_insert' };
      } catch (e) {
        // Someone committed this key between our look-up and our insert: compare, never insert twice.
        if (attempt === 0 && isUniqueViolation(e)) {
          found = (await lookup([o.id])).get(o.id);
          if (found) continue;
        }
        throw e;
      }
    }
  }

  const upsertPush = d.db.sqlite.prepare(
    `INSERT INTO erp_pushes (connection_id, order_id, ext_order_no, order_version, payload_hash, state, attempts, next_attempt_at, pushed_at, updated_at)
     VALUES (@c, @orderId, @ext, @version, @hash, @state, @attempts, @next, @pushedAt, @now)
     ON CONFLICT(connection_id, order_id) DO UPDATE SET order_version = @version, payload_hash = @hash, state = @state, attempts = @attempts,
       next_attempt_at = @next, pushed_at = coalesce(@pushedAt, pushed_at), updated_at = @now`,
  );
  const attemptsOf = d.db.sqlite.prepare('SELECT attempts FROM erp_pushes WHERE connection_id = ? AND order_id = ?').pluck();

  /** Our record of a batch, after the ERP commits: one SQLite transaction, one audit note per order. */
  const record = (done: { o: HubOrder; r: Outcome }[]) => {
    if (!done.length) return;
    d.db.writes.run(d.ctx, (tx) => {
      const now = Date.now();
      for (const { o, r } of done) {
        const attempts = ((attemptsOf.get(d.connectionId, o.id) as number | undefined) ?? 0) + 1;
        if (r.kind === 'rejected' || r.kind === 'failed') {
          const next = r.kind === 'failed' ? now + backoffMs(attempts, 30_000, 3600_000) : null;
          upsertPush.run({ c: d.connectionId, orderId: o.id, ext: o.id, version: o.version, hash: '', state: r.kind, attempts, next, pushedAt: null, now });
          d.rejects.record(d.connectionId, d.job.id, 'orders', { rowKey: o.id, field: r.field, value: r.value, reason: r.reason, raw: { orderId: o.id, platformOrderId: o.platformOrderId, status: o.status } }, now);
          continue;
        }
        const ok = r as Extract<Outcome, { action: string }>;
        const state = ok.kind === 'cancelled' ? 'cancelled' : 'pushed';
        upsertPush.run({ c: d.connectionId, orderId: o.id, ext: o.id, version: o.version, hash: ok.payload?.hash ?? '', state, attempts: 0, next: null, pushedAt: now, now });
        d.rejects.resolved(d.connectionId, 'orders', o.id, now);
        tx.note({ entity: 'erp_order', entityId: o.id, action: ok.action, after: { connectionId: d.connectionId, extOrderNo: o.id, payloadHash: ok.payload?.hash ?? null, lines: ok.payload?.lines.length ?? 0 } });
      }
    });
  };

  let previous = '';
  while (!d.job.signal.aborted) {
    const ids = d.sources.pendingOrderIds(d.connectionId, Date.now(), BATCH);
    const key = ids.join(',');
    if (!ids.length || key === previous) break;
    previous = key;
    const orders = d.sources.load(ids);
    const found = await lookup(orders.map((o) => o.id));
    const done: { o: HubOrder; r: Outcome }[] = [];
    try {
      for (const o of orders) {
        if (d.job.signal.aborted) break;
        let r: Outcome;
        try {
          r = await pushOne(o, found.get(o.id));
        } catch (e) {
          if (!(e instanceof ErpFailure) || e.reason.code === 'erp_unreachable' || e.reason.code === 'erp_read_only') throw e;
          // The ERP refused this order (a value, a constraint, an import that started): keep it aside, go on.
          r = e.reason.code === 'erp_already_imported'
            ? { kind: 'rejected', reason: e.reason, field: 'status', value: String(e.reason.params.status ?? '') }
            : { kind: 'failed', reason: e.reason, field: null, value: null };
        }
        counts[r.kind]++;
        done.push({ o, r });
        d.job.progress(Object.values(counts).reduce((a, b) => a + b, 0));
      }
    } finally {
      record(done);
    }
  }
  return counts;
}

import type { ErpPushCounts } from '../../../src-shared/contract/erp';
import type { ErpReason, PushLocksMapping } from '../../../src-shared/erp';
import { SHIPPED_STATUSES } from '../hub-sources';
import { isUniqueViolation, type Param } from '../odbc/session';
import { firstUnencodable } from '../text-charset';
import type { PushDeps } from './push-orders';

interface Lock {
  lockKey: string;
  orderId: string;
  sku: string;
  warehouse: string;
  batch: string | null;
  qty: number;
}

const BATCH = 100;

/**
 * Stock locks: one ERP row per reserved order line (lock key = order id # line no), ACTIVE while
 * the line holds stock; when it stops holding (shipped → CONSUMED, cancelled or moved back →
 * RELEASED) the row's status changes. Only differences from what this PC last wrote are sent; an
 * existing key is updated, never inserted twice.
 */
export interface LockPlan {
  writes: { lock: Lock; status: string }[];
  rejects: { lockKey: string; field: string; value: string; reason: ErpReason }[];
}

/** What must change in the ERP, worked out from the hub alone (no ERP round trip when nothing changed). */
export function planLocks(d: Pick<PushDeps, 'db' | 'connectionId' | 'sources'>, m: PushLocksMapping): LockPlan {
  const local = new Map(
    (d.db.sqlite.prepare('SELECT lock_key AS lockKey, warehouse_code AS warehouse, qty, status FROM erp_locks WHERE connection_id = ?').all(d.connectionId) as {
      lockKey: string; warehouse: string; qty: number; status: string;
    }[]).map((r) => [r.lockKey, r]),
  );
  const desired = new Map<string, Lock>();
  const rejects: LockPlan['rejects'] = [];
  const openReject = d.db.sqlite.prepare(`SELECT 1 FROM erp_rejects WHERE connection_id = ? AND lane = 'locks' AND row_key = ? AND resolved_at IS NULL`).pluck();
  const listed = (key: string) => Boolean(openReject.get(d.connectionId, key)); // already listed; not again every few seconds
  for (const r of d.sources.reservedLines()) {
    const lockKey = `${r.orderId}#${r.lineNo}`;
    const warehouse = r.warehouseCode ?? m.defaultWarehouse;
    if (!warehouse) {
      if (!listed(lockKey)) rejects.push({ lockKey, field: 'warehouseCode', value: '', reason: { code: 'no_warehouse', params: {} } });
      continue;
    }
    const bad = [r.skuCode, warehouse].map((v) => [v, firstUnencodable(v, m.charset)] as const).find(([, ch]) => ch);
    if (bad) {
      if (!listed(lockKey)) rejects.push({ lockKey, field: 'sku', value: bad[0], reason: { code: 'text_not_encodable', params: { field: 'sku', value: bad[0], char: bad[1], charset: m.charset } } });
      continue;
    }
    desired.set(lockKey, { lockKey, orderId: r.orderId, sku: r.skuCode, warehouse, batch: r.batchNo, qty: r.qty });
  }

  const writes: LockPlan['writes'] = [];
  for (const l of desired.values()) {
    const had = local.get(l.lockKey);
    if (!had || had.status !== m.activeStatus || had.qty !== l.qty || had.warehouse !== l.warehouse) writes.push({ lock: l, status: m.activeStatus });
  }
  for (const [key, had] of local) {
    if (had.status !== m.activeStatus || desired.has(key)) continue;
    const orderId = key.slice(0, key.lastIndexOf('#'));
    const status = d.sources.orderStatus(orderId);
    const ended = status && SHIPPED_STATUSES.includes(status) ? m.consumedStatus : m.releasedStatus;
    writes.push({ lock: { lockKey: key, orderId, sku: '', warehouse: had.warehouse, batch: null, qty: had.qty }, status: ended });
  }
  return { writes, rejects };
}

export async function pushLocks(d: PushDeps, m: PushLocksMapping, plan = planLocks(d, m)): Promise<Pick<ErpPushCounts, 'locksWritten' | 'locksReleased' | 'rejected'>> {
  const counts = { locksWritten: 0, locksReleased: 0, rejected: 0 };
  const c = m.columns;
  const { writes, rejects } = plan;
  const save = d.db.sqlite.prepare(
    `INSERT INTO erp_locks (connection_id, lock_key, order_id, sku_code, warehouse_code, qty, status, pushed_at) VALUES (@c, @key, @orderId, @sku, @wh, @qty, @status, @now)
     ON CONFLICT(connection_id, lock_key) DO UPDATE SET warehouse_code = @wh, qty = @qty, status = @status, pushed_at = @now, sku_code = CASE WHEN @sku = '' THEN sku_code ELSE @sku END`,
  );
  const fullRow = (l: Lock, status: string): [string[], Param[]] => {
    const v: Record<string, Param> = { lockKey: l.lockKey, extOrderNo: l.orderId, sku: l.sku, warehouseCode: l.warehouse, batchNo: l.batch, qty: l.qty, status };
    const cols: string[] = [];
    const vals: Param[] = [];
    for (const [k, col] of Object.entries(c)) if (col && k in v) (cols.push(col), vals.push(v[k] ?? null));
    return [cols, vals];
  };

  for (let i = 0; i < writes.length && !d.job.signal.aborted; i += BATCH) {
    const part = writes.slice(i, i + BATCH);
    const keys = part.map((w) => w.lock.lockKey);
    const there = new Set((await d.session.read(`SELECT ${c.lockKey} AS k FROM ${m.table} WHERE ${c.lockKey} IN (${keys.map(() => '?').join(',')})`, keys)).map((r) => String(r.k ?? r.K)));
    const update = async (w: { lock: Lock; status: string }) => {
      const ending = w.status !== m.activeStatus;
      const sets = ending ? [[c.status, w.status]] : [[c.status, w.status], [c.qty, w.lock.qty], [c.warehouseCode, w.lock.warehouse], [c.sku, w.lock.sku], ...(c.batchNo ? [[c.batchNo, w.lock.batch]] : [])];
      await d.session.execute(`UPDATE ${m.table} SET ${sets.map(([col]) => `${col} = ?`).join(', ')} WHERE ${c.lockKey} = ?`, [...sets.map(([, v]) => v as Param), w.lock.lockKey]);
    };
    await d.session.transaction(async () => {
      for (const w of part) {
        if (there.has(w.lock.lockKey) || w.status !== m.activeStatus) await update(w);
        else {
          const [cols, vals] = fullRow(w.lock, w.status);
          try {
            await d.session.execute(`INSERT INTO ${m.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals);
          } catch (e) {
            if (!isUniqueViolation(e)) throw e;
            throw Object.assign(new Error('lock key appeared meanwhile'), { retry: true });
          }
        }
      }
    }).catch(async (e: unknown) => {
      // Another PC wrote one of these keys between our look-up and our insert: redo the batch as updates.
      if (!(e as { retry?: boolean }).retry) throw e;
      await d.session.transaction(async () => {
        for (const w of part) {
          const exists = (await d.session.read(`SELECT 1 AS x FROM ${m.table} WHERE ${c.lockKey} = ?`, [w.lock.lockKey])).length > 0;
          if (exists) await update(w);
          else {
            const [cols, vals] = fullRow(w.lock, w.status);
            await d.session.execute(`INSERT INTO ${m.table} (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`, vals);
          }
        }
      });
    });
    d.db.writes.run(d.ctx, (tx) => {
      const now = Date.now();
      for (const w of part) save.run({ c: d.connectionId, key: w.lock.lockKey, orderId: w.lock.orderId, sku: w.lock.sku, wh: w.lock.warehouse, qty: w.lock.qty, status: w.status, now });
      const written = part.filter((w) => w.status === m.activeStatus).map((w) => w.lock.lockKey);
      const ended = part.filter((w) => w.status !== m.activeStatus).map((w) => `${w.lock.lockKey}=${w.status}`);
      tx.note({ entity: 'erp_lock', entityId: d.connectionId, action: 'erp_locks', after: { written, ended } });
      counts.locksWritten += written.length;
      counts.locksReleased += ended.length;
    });
    d.job.progress(i + part.length, writes.length);
  }

  if (rejects.length) {
    d.db.writes.run(d.ctx, () => {
      for (const r of rejects) {
        d.rejects.record(d.connectionId, d.job.id, 'locks', { rowKey: r.lockKey, field: r.field, value: r.value, reason: r.reason, raw: { lockKey: r.lockKey } });
        counts.rejected++;
      }
    });
  }
  return counts;
}

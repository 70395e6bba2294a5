import type { ErpDifference } from '../../src-shared/contract/erp';
import type { PullMapping, PushLocksMapping } from '../../src-shared/erp';
import type { Sqlite } from '../db';
import type { HubSources } from './hub-sources';
import type { ErpSession } from './odbc/session';
import { columnLookup, pullStatement, readRow } from './pull/read-rows';

const MAX = 5000;
const key = (a: string, b: string) => `${a}\u0000${b}`;

/**
 * Differences between the hub and the ERP: what we reserve vs what the ERP has on hand (its latest
 * snapshot here) and the locks it holds for us; what we shipped vs the ERP's sales outbound.
 */
export async function reconcile(a: {
  sqlite: Sqlite;
  session: ErpSession;
  sources: HubSources;
  connectionId: string;
  locks: PushLocksMapping | null;
  outbound: PullMapping | null;
}): Promise<{ differences: ErpDifference[]; snapshotAt: number | null }> {
  const out: ErpDifference[] = [];
  const push = (d: ErpDifference) => out.length < MAX && out.push(d);

  const reserved = new Map<string, { sku: string; wh: string; qty: number }>();
  for (const r of a.sources.reservedLines()) {
    const wh = r.warehouseCode ?? a.locks?.defaultWarehouse ?? '';
    const k = key(r.skuCode, wh);
    const cur = reserved.get(k) ?? { sku: r.skuCode, wh, qty: 0 };
    cur.qty += r.qty;
    reserved.set(k, cur);
  }

  const source = `erp:${a.connectionId}`;
  const onHand = new Map<string, number>();
  for (const r of a.sqlite.prepare(
    `SELECT s.sku_code AS sku, w.code AS wh, s.on_hand AS onHand FROM stock_latest s JOIN warehouses w ON w.id = s.warehouse_id WHERE s.source = ?`,
  ).all(source) as { sku: string; wh: string; onHand: number }[]) onHand.set(key(r.sku, r.wh), r.onHand);
  const snapshotAt = a.sqlite.prepare('SELECT max(at) FROM stock_counts WHERE source = ?').pluck().get(source) as number | null;

  for (const r of reserved.values()) {
    const have = onHand.get(key(r.sku, r.wh)) ?? 0;
    if (r.qty > have) push({ kind: 'reserved_over_on_hand', skuCode: r.sku, warehouseCode: r.wh, orderId: null, extOrderNo: null, ours: r.qty, erp: have });
  }

  if (a.locks) {
    const c = a.locks.columns;
    const erpLocks = new Map<string, { sku: string; wh: string; qty: number }>();
    for (const r of await a.session.select(
      `SELECT ${c.sku} AS sku, ${c.warehouseCode} AS wh, SUM(${c.qty}) AS qty FROM ${a.locks.table} WHERE ${c.status} = ? GROUP BY ${c.sku}, ${c.warehouseCode}`,
      [a.locks.activeStatus],
    )) {
      const sku = String(r.sku ?? r.SKU);
      const wh = String(r.wh ?? r.WH);
      erpLocks.set(key(sku, wh), { sku, wh, qty: Number(r.qty ?? r.QTY) });
    }
    for (const k of new Set([...reserved.keys(), ...erpLocks.keys()])) {
      const ours = reserved.get(k);
      const theirs = erpLocks.get(k);
      if (Math.abs((ours?.qty ?? 0) - (theirs?.qty ?? 0)) > 1e-6) {
        push({ kind: 'lock_mismatch', skuCode: (ours ?? theirs)!.sku, warehouseCode: (ours ?? theirs)!.wh, orderId: null, extOrderNo: null, ours: ours?.qty ?? 0, erp: theirs?.qty ?? 0 });
      }
    }
  }

  if (a.outbound) {
    const { sql, params } = pullStatement('outbound', a.outbound);
    const rows = await a.session.select(sql, params);
    const erpOut = new Map<string, number>();
    if (rows.length) {
      const cols = columnLookup('outbound', rows[0]!);
      for (const row of rows) {
        const r = readRow('outbound', row, cols);
        if (r.reason) continue;
        const k = key(String(r.values.extOrderNo), String(r.values.sku));
        erpOut.set(k, (erpOut.get(k) ?? 0) + Number(r.values.qty));
      }
    }
    const shipped = a.sources.shippedLines(a.connectionId);
    const ours = new Map(shipped.map((s) => [key(s.extOrderNo, s.skuCode), s]));
    const pushedIds = new Set(a.sqlite.prepare(`SELECT ext_order_no FROM erp_pushes WHERE connection_id = ? AND state = 'pushed'`).pluck().all(a.connectionId) as string[]);
    for (const s of shipped) {
      const theirs = erpOut.get(key(s.extOrderNo, s.skuCode));
      if (theirs === undefined) push({ kind: 'shipped_not_out', skuCode: s.skuCode, warehouseCode: null, orderId: s.orderId, extOrderNo: s.extOrderNo, ours: s.qty, erp: 0 });
      else if (Math.abs(theirs - s.qty) > 1e-6) push({ kind: 'out_qty_mismatch', skuCode: s.skuCode, warehouseCode: null, orderId: s.orderId, extOrderNo: s.extOrderNo, ours: s.qty, erp: theirs });
    }
    for (const [k, qty] of erpOut) {
      if (ours.has(k)) continue;
      const [ext, sku] = k.split('\u0000') as [string, string];
      push({ kind: 'out_not_shipped', skuCode: sku, warehouseCode: null, orderId: pushedIds.has(ext) ? ext : null, extOrderNo: ext, ours: 0, erp: qty });
    }
  }
  return { differences: out, snapshotAt };
}

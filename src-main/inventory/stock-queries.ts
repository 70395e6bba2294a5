import type { CapacityRow, PurchaseReminder, ReconcileRow, ReservationView, StockRow, StockWaitView } from '../../src-shared/contract/inventory';
import type { Sqlite } from '../db';
import { WAREHOUSE_SLOTS_SQL } from './world';

const DAY = 86_400_000;

/**
 * The stock grid's rows: every SKU × warehouse with a snapshot or an open reservation, with the
 * latest count, what is reserved, safety stock and what is available. One CTE, bound parameters.
 */
const STOCK_CTE = `WITH latest AS (
    SELECT sku_code, warehouse_id, on_hand, at FROM stock_latest
  ), res AS (
    SELECT sku_code, warehouse_id, sum(qty) AS reserved FROM stock_reservations WHERE released_at IS NULL GROUP BY sku_code, warehouse_id
  ), keys AS (
    SELECT sku_code, warehouse_id FROM latest UNION SELECT sku_code, warehouse_id FROM res
  ), grid AS (
    SELECT k.sku_code AS skuCode, sk.title, k.warehouse_id AS warehouseId, w.name AS warehouseName, w.code AS warehouseCode,
      coalesce(l.on_hand, 0) AS onHand, coalesce(r.reserved, 0) AS reserved, coalesce(ss.qty, 0) AS safety, l.at AS snapshotAt
    FROM keys k JOIN warehouses w ON w.id = k.warehouse_id
    LEFT JOIN latest l ON l.sku_code = k.sku_code AND l.warehouse_id = k.warehouse_id
    LEFT JOIN res r ON r.sku_code = k.sku_code AND r.warehouse_id = k.warehouse_id
    LEFT JOIN safety_stock ss ON ss.sku_code = k.sku_code
    LEFT JOIN skus sk ON sk.code = k.sku_code
  )`;

const withAvailable = (r: Omit<StockRow, 'available'>): StockRow => ({ ...r, available: Math.max(0, r.onHand - r.reserved - r.safety) });

export class StockQueries {
  constructor(private readonly sqlite: Sqlite) {}

  available(skuCodes: string[], warehouseId?: string): StockRow[] {
    const marks = skuCodes.map(() => '?').join(',');
    const rows = this.sqlite.prepare(`${STOCK_CTE} SELECT * FROM grid WHERE skuCode IN (${marks}) ${warehouseId ? 'AND warehouseId = ?' : ''}
      ORDER BY skuCode, warehouseCode`).all(...skuCodes, ...(warehouseId ? [warehouseId] : [])) as (StockRow & { warehouseCode?: string })[];
    return rows.map(({ warehouseCode: _, ...r }) => withAvailable(r));
  }

  page(q: { quick?: string | undefined; warehouseId?: string | undefined; shortOnly: boolean; startRow: number; endRow: number }): { rows: StockRow[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (q.quick) {
      where.push(`(skuCode LIKE ? ESCAPE '\\' OR title LIKE ? ESCAPE '\\')`);
      const like = `%${q.quick.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    if (q.warehouseId) {
      where.push('warehouseId = ?');
      args.push(q.warehouseId);
    }
    if (q.shortOnly) where.push('onHand - reserved < safety + 1');
    const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.sqlite.prepare(`${STOCK_CTE} SELECT count(*) FROM grid ${w}`).pluck().get(...args) as number;
    const rows = this.sqlite.prepare(`${STOCK_CTE} SELECT * FROM grid ${w} ORDER BY skuCode, warehouseCode LIMIT ? OFFSET ?`)
      .all(...args, q.endRow - q.startRow, q.startRow) as (StockRow & { warehouseCode?: string })[];
    return { rows: rows.map(({ warehouseCode: _, ...r }) => withAvailable(r)), total };
  }

  /** 补货提醒: SKUs whose stock across warehouses is below their safety stock, with sales velocity and days of cover. */
  reminders(now: number): PurchaseReminder[] {
    const rows = this.sqlite.prepare(`${STOCK_CTE}
      SELECT g.skuCode, max(g.title) AS title, sum(g.onHand) AS onHand, sum(g.reserved) AS reserved, max(g.safety) AS safety
      FROM grid g GROUP BY g.skuCode HAVING sum(g.onHand) - sum(g.reserved) < max(g.safety) ORDER BY g.skuCode`).all() as Omit<PurchaseReminder, 'available' | 'velocity7' | 'velocity30' | 'daysOfCover'>[];
    const sold = this.sqlite.prepare(`SELECT coalesce(sum(CASE WHEN o.paid_at >= @d7 THEN l.qty END), 0) AS q7, coalesce(sum(l.qty), 0) AS q30
      FROM order_lines l JOIN orders o ON o.id = l.order_id
      WHERE l.sku_code = @sku AND o.paid_at >= @d30 AND o.paid_at < @now AND o.status NOT IN ('cancelled', 'closed')`);
    return rows.map((r) => {
      const s = sold.get({ sku: r.skuCode, d7: now - 7 * DAY, d30: now - 30 * DAY, now }) as { q7: number; q30: number };
      const velocity7 = round1(s.q7 / 7);
      const velocity30 = round1(s.q30 / 30);
      const available = Math.max(0, r.onHand - r.reserved - r.safety);
      const perDay = s.q7 ? s.q7 / 7 : s.q30 ? s.q30 / 30 : 0;
      return { ...r, available, velocity7, velocity30, daysOfCover: perDay ? round1(Math.max(0, r.onHand - r.reserved) / perDay) : null };
    });
  }

  /** 对账: reservations against the latest count, every difference listed. */
  reconcile(warehouseId?: string): ReconcileRow[] {
    const rows = this.sqlite.prepare(`WITH latest AS (
        SELECT sku_code, warehouse_id, on_hand, at FROM stock_latest
      )
      SELECT r.sku_code AS skuCode, r.warehouse_id AS warehouseId, w.name AS warehouseName, l.on_hand AS onHand, l.at AS snapshotAt,
        sum(r.qty) AS reserved,
        coalesce(sum(CASE WHEN o.status IN ('shipped', 'delivered', 'completed', 'cancelled', 'closed', 'merged') THEN r.qty END), 0) AS staleQty
      FROM stock_reservations r JOIN orders o ON o.id = r.order_id JOIN warehouses w ON w.id = r.warehouse_id
      LEFT JOIN latest l ON l.sku_code = r.sku_code AND l.warehouse_id = r.warehouse_id
      WHERE r.released_at IS NULL ${warehouseId ? 'AND r.warehouse_id = ?' : ''}
      GROUP BY r.sku_code, r.warehouse_id ORDER BY r.sku_code, w.code`).all(...(warehouseId ? [warehouseId] : [])) as Omit<ReconcileRow, 'problems' | 'difference'>[];
    const out: ReconcileRow[] = [];
    for (const r of rows) {
      const problems: ReconcileRow['problems'] = [];
      if (r.onHand === null) problems.push('no_snapshot');
      else if (r.reserved > r.onHand) problems.push('over_reserved');
      if (r.staleQty > 0) problems.push('stale_reservation');
      if (problems.length) out.push({ ...r, problems, difference: (r.onHand ?? 0) - r.reserved });
    }
    return out;
  }

  waits(limit: number): StockWaitView[] {
    return (this.sqlite.prepare(`SELECT w.order_id AS orderId, o.platform_order_id AS platformOrderId, w.paid_at AS paidAt, w.since, w.missing_json AS missingJson
      FROM stock_waits w JOIN orders o ON o.id = w.order_id ORDER BY w.paid_at, w.order_id LIMIT ?`).all(limit) as (Omit<StockWaitView, 'missing'> & { missingJson: string })[])
      .map(({ missingJson, ...r }) => ({ ...r, missing: JSON.parse(missingJson) as StockWaitView['missing'] }));
  }

  reservations(q: { orderId?: string | undefined; skuCode?: string | undefined; openOnly: boolean; limit: number }): ReservationView[] {
    const by = q.orderId ? 'r.order_id = ?' : 'r.sku_code = ?';
    return this.sqlite.prepare(`SELECT r.id, r.order_id AS orderId, o.platform_order_id AS platformOrderId, r.order_line_id AS orderLineId,
        r.sku_code AS skuCode, r.warehouse_id AS warehouseId, w.name AS warehouseName, r.qty, r.made_by_kind AS madeByKind,
        r.made_by_name AS madeByName, r.rule_version AS ruleVersion, r.created_at AS createdAt, r.expires_at AS expiresAt,
        r.released_at AS releasedAt, r.release_reason AS releaseReason, r.released_by_name AS releasedByName
      FROM stock_reservations r JOIN orders o ON o.id = r.order_id JOIN warehouses w ON w.id = r.warehouse_id
      WHERE ${by} ${q.openOnly ? 'AND r.released_at IS NULL' : ''} ORDER BY r.created_at DESC, r.id DESC LIMIT ?`)
      .all(q.orderId ?? q.skuCode, q.limit) as ReservationView[];
  }

  capacity(day: string): CapacityRow[] {
    const slots = this.sqlite.prepare(WAREHOUSE_SLOTS_SQL).all() as { id: string; name: string; priority: number; dailyOrders: number | null; cutoffMinute: number }[];
    const used = this.sqlite.prepare('SELECT count(DISTINCT order_id) FROM order_routes WHERE warehouse_id = ? AND ship_day = ? AND released_at IS NULL').pluck();
    const units = this.sqlite.prepare('SELECT coalesce(sum(qty), 0) FROM stock_reservations WHERE warehouse_id = ? AND released_at IS NULL').pluck();
    const waiting = this.sqlite.prepare(`SELECT count(*) FROM stock_waits w WHERE EXISTS (SELECT 1 FROM json_each(w.missing_json) m WHERE json_extract(m.value, '$.warehouseId') = ?)`).pluck();
    return slots.map((s) => ({
      warehouseId: s.id, warehouseName: s.name, priority: s.priority, dailyOrders: s.dailyOrders, cutoffMinute: s.cutoffMinute,
      used: used.get(s.id, day) as number, waiting: waiting.get(s.id) as number, reservedUnits: units.get(s.id) as number,
    }));
  }
}

const round1 = (n: number) => Math.round(n * 10) / 10;

import type { OnTimeRow } from '../../src-shared/contract/board';
import type { MachineDefinition } from '../../src-shared/lifecycle';
import { CUSTOMER_GRADES } from '../../src-shared/orders';
import type { Sqlite } from '../db';
import { slaMinutes } from '../orders/lifecycle/sla';

const DAY = 86_400_000;
/** A platform's promise lies at most this far after payment (pre-sales included); older payments are not read. */
export const MAX_PROMISE_LEAD_MS = 45 * DAY;

/**
 * On-time shipment rate (#12 §2): an order is due when its promise — the platform's promised ship
 * time, else paid time + the ship SLA of its machine version, shop and customer grade — falls in the
 * period and has passed (or it already shipped). On time: shipped ≤ promise, shipped being the platform's
 * shipped time, else the first move into 已交接/已发货 in the order's timeline. Cancelled or closed
 * orders that never shipped, and orders merged into another, are not due.
 */
export class OnTimeQuery {
  private readonly channels;
  private readonly versions;

  constructor(private readonly sqlite: Sqlite, private readonly machine: (version: number) => MachineDefinition) {
    this.channels = sqlite.prepare('SELECT id FROM channels').pluck();
    this.versions = sqlite.prepare('SELECT version FROM lifecycle_machines').pluck();
  }

  /** Ship SLA minutes per (machine version, shop, grade): a small VALUES table the query joins. */
  private slaTable(): { sql: string; args: unknown[]; maxMinutes: number } {
    const versions = [1, ...(this.versions.all() as number[])];
    const rows: [number, string, string | null, number][] = [];
    for (const v of versions) {
      const spec = this.machine(v).shipSla;
      if (!spec) continue;
      for (const ch of this.channels.all() as string[]) {
        for (const g of [null, ...CUSTOMER_GRADES]) rows.push([v, ch, g, slaMinutes(spec, ch, g)]);
      }
    }
    if (!rows.length) return { sql: 'SELECT NULL AS mv, NULL AS ch, NULL AS grade, NULL AS minutes WHERE 0', args: [], maxMinutes: 0 };
    return {
      sql: `VALUES ${rows.map(() => '(?, ?, ?, ?)').join(', ')}`,
      args: rows.flat(),
      maxMinutes: Math.max(...rows.map((r) => r[3])),
    };
  }

  rows(from: number, to: number, now: number, groupBy: 'day' | 'shop' | 'warehouse' | 'none', zoneOffsetMs: number, label: (key: string) => string | null): OnTimeRow[] {
    const sla = this.slaTable();
    const key = groupBy === 'day' ? `CAST((p.promise + ${Math.trunc(zoneOffsetMs)}) / ${DAY} AS INTEGER)`
      : groupBy === 'shop' ? 'p.channel_id' : groupBy === 'warehouse' ? `coalesce(p.warehouse_id, '')` : `'all'`;
    const rows = this.sqlite.prepare(
      `WITH sla(mv, ch, grade, minutes) AS (${sla.sql}),
       p AS (
         SELECT o.channel_id, o.warehouse_id, o.status,
           -- The platform's shipped time; else when OrderHub moved it out (handed over or shipped), read only for those.
           coalesce(o.shipped_at, CASE WHEN o.status IN ('handed_over', 'shipped', 'delivered', 'completed', 'closed') THEN
             (SELECT min(ev.at) FROM order_events ev WHERE ev.order_id = o.id AND ev.type = 'status_changed' AND ev.to_status IN ('handed_over', 'shipped')) END) AS shipped_at,
           coalesce(o.promised_ship_at, o.paid_at + s.minutes * 60000) AS promise
         FROM orders o LEFT JOIN customers cu ON cu.id = o.customer_id
         LEFT JOIN sla s ON s.mv = o.machine_version AND s.ch = o.channel_id AND s.grade IS cu.grade
         WHERE o.paid_at >= ? AND o.paid_at < ? AND o.status <> 'merged'
       )
       SELECT ${key} AS k, count(*) AS due, sum(p.shipped_at IS NOT NULL AND p.shipped_at <= p.promise) AS onTime
       FROM p WHERE p.promise >= ? AND p.promise < ? AND (p.promise <= ? OR p.shipped_at IS NOT NULL)
         AND NOT (p.status IN ('cancelled', 'closed') AND p.shipped_at IS NULL)
       GROUP BY k ORDER BY k`,
    ).all(...sla.args, from - Math.max(sla.maxMinutes * 60_000, MAX_PROMISE_LEAD_MS), to, from, to, now) as { k: string | number; due: number; onTime: number }[];
    return rows.map((r) => {
      const k = groupBy === 'day' ? new Date(Number(r.k) * DAY).toISOString().slice(0, 10) : String(r.k);
      return { key: k, label: groupBy === 'day' ? null : label(k), due: r.due, onTime: r.onTime, late: r.due - r.onTime, rate: r.due ? r.onTime / r.due : null };
    });
  }
}

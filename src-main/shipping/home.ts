import type { WarehouseHome } from '../../src-shared/contract/shipping';
import type { Sqlite } from '../db';
import { zoneClock } from '../rules/zone-clock';
import { HANDOVER_WINDOW_MS } from './print/handover';

/** The warehouse home's counts (#11 §6), each one indexed count (status, warehouse). */
export function warehouseHome(sqlite: Sqlite, zone: string): (warehouseId: string | null, now: number) => WarehouseHome {
  const clock = zoneClock(zone);
  const inWh = `(@wh IS NULL OR warehouse_id = @wh)`;
  const byStatus = sqlite.prepare(`SELECT status, count(*) AS n FROM orders WHERE status IN ('to_ship', 'picking', 'packed') AND ${inWh} GROUP BY status`);
  const overdue = sqlite.prepare(`SELECT count(*) FROM orders WHERE status IN ('to_ship', 'picking', 'packed') AND ${inWh} AND sla_due_at < @now`).pluck();
  const shipped = sqlite.prepare(
    // Parcels made today (a scan, the platform's word, a handover): the active-parcel index by time.
    `SELECT count(DISTINCT s.order_id) FROM shipments s JOIN orders o ON o.id = s.order_id
     WHERE s.active = 1 AND s.created_at >= @from AND (@wh IS NULL OR o.warehouse_id = @wh)`,
  ).pluck();
  // 待交接: parcels scanned out (last 3 days) that no carrier batch has taken yet.
  const toHandOver = sqlite.prepare(
    `SELECT count(*) FROM shipment_confirmations c JOIN orders o ON o.id = c.order_id
     WHERE c.created_at >= @since AND (@wh IS NULL OR o.warehouse_id = @wh)
       AND NOT EXISTS (SELECT 1 FROM handover_parcels h WHERE h.shipment_id = c.shipment_id)`,
  ).pluck();
  const confirm = sqlite.prepare(`SELECT state, count(*) AS n FROM shipment_confirmations WHERE state <> 'confirmed' AND state IN ('pending', 'refused') GROUP BY state`);
  return (wh, now) => {
    const counts = Object.fromEntries((byStatus.all({ wh }) as { status: string; n: number }[]).map((r) => [r.status, r.n]));
    const from = now - clock(now).minuteOfDay * 60_000 - (now % 60_000);
    const c = Object.fromEntries((confirm.all() as { state: string; n: number }[]).map((r) => [r.state, r.n]));
    return {
      toPick: counts.to_ship ?? 0, picking: counts.picking ?? 0, toHandOver: toHandOver.get({ wh, since: now - HANDOVER_WINDOW_MS }) as number,
      shippedToday: shipped.get({ wh, from }) as number, overdue: overdue.get({ wh, now }) as number,
      confirmPending: c.pending ?? 0, confirmRefused: c.refused ?? 0,
    };
  };
}

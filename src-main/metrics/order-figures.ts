import type { FunnelRow, OverdueOrder, StatusMix } from '../../src-shared/contract/board';
import type { OrderStatus } from '../../src-shared/orders';
import type { Sqlite } from '../db';

const MIN = 60_000;
/** An order is at risk when its SLA clock runs out within this. */
export const AT_RISK_MS = 2 * 3_600_000;

/**
 * Orders against their SLA clocks, read from the partial index of running clocks
 * (orders_sla_idx: only orders whose clock runs — never a scan of all orders).
 */
export class OrderFigures {
  private readonly countBetween;
  private readonly top;
  private readonly byStatus;
  private readonly funnel;

  constructor(sqlite: Sqlite) {
    this.countBetween = sqlite.prepare('SELECT count(*) FROM orders INDEXED BY orders_sla_idx WHERE sla_due_at IS NOT NULL AND sla_due_at >= ? AND sla_due_at < ?').pluck();
    this.top = sqlite.prepare(
      `SELECT o.id, o.platform_order_id AS platformOrderId, c.name AS shopName, o.status, o.sla_due_at AS slaDueAt,
         (SELECT e.id || char(31) || coalesce(e.owner_name, '') || char(31) || coalesce(e.owner_role, '') FROM exceptions e
          WHERE e.order_id = o.id AND e.state <> 'closed' ORDER BY e.severity = 'critical' DESC, e.opened_at LIMIT 1) AS exc
       FROM orders o INDEXED BY orders_sla_idx JOIN channels c ON c.id = o.channel_id
       WHERE o.sla_due_at IS NOT NULL AND o.sla_due_at < ? ORDER BY o.sla_due_at, o.id LIMIT ?`,
    );
    this.byStatus = sqlite.prepare(
      `SELECT status, sum(sla_due_at < @now) AS red, sum(sla_due_at >= @now AND sla_due_at < @risk) AS amber, sum(sla_due_at >= @risk) AS green
       FROM orders INDEXED BY orders_sla_idx WHERE sla_due_at IS NOT NULL GROUP BY status`,
    );
    this.funnel = sqlite.prepare(
      `SELECT o.channel_id AS channelId, c.name AS shopName, count(*) AS created, count(o.paid_at) AS paid,
         sum(o.shipped_at IS NOT NULL OR o.status IN ('handed_over', 'shipped', 'delivered', 'completed')) AS shipped,
         sum(o.status IN ('delivered', 'completed')) AS delivered, sum(o.status = 'completed') AS completed,
         sum(o.status IN ('cancelled', 'closed')) AS lost
       FROM orders o JOIN channels c ON c.id = o.channel_id WHERE o.created_at >= ? AND o.created_at < ? GROUP BY o.channel_id ORDER BY created DESC`,
    );
  }

  counts(now: number): { overdue: number; atRisk: number; onTrack: number } {
    return {
      overdue: this.countBetween.get(-8.64e15, now) as number,
      atRisk: this.countBetween.get(now, now + AT_RISK_MS) as number,
      onTrack: this.countBetween.get(now + AT_RISK_MS, 8.64e15) as number,
    };
  }

  overdue(now: number, limit: number): OverdueOrder[] {
    type Row = Omit<OverdueOrder, 'overdueMinutes' | 'ownerName' | 'ownerRole' | 'exceptionId'> & { exc: string | null };
    return (this.top.all(now, limit) as Row[]).map(({ exc, ...r }) => {
      const [exceptionId, name, role] = exc ? exc.split('\u001f') : [null, '', ''];
      return { ...r, overdueMinutes: Math.floor((now - r.slaDueAt) / MIN), exceptionId: exceptionId ?? null, ownerName: name || null, ownerRole: (role || null) as OverdueOrder['ownerRole'] };
    });
  }

  statusMix(now: number): StatusMix {
    const rows = this.byStatus.all({ now, risk: now + AT_RISK_MS }) as { status: OrderStatus; red: number; amber: number; green: number }[];
    const sum = (k: 'red' | 'amber' | 'green') => rows.reduce((s, r) => s + r[k], 0);
    return { red: sum('red'), amber: sum('amber'), green: sum('green'), byStatus: rows };
  }

  funnelRows(from: number, to: number): FunnelRow[] {
    return this.funnel.all(from, to) as FunnelRow[];
  }
}

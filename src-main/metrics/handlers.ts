import type { Handlers } from '../kernel/call';
import type { MetricsService } from './service';

/** The risk board and the metrics (#12 §2, §3). */
export function metricsHandlers({ metrics, now }: { metrics: MetricsService; now: () => number }): Pick<
  Handlers, 'board.get' | 'metrics.halfLife' | 'metrics.onTime' | 'metrics.funnel' | 'metrics.overdue' | 'metrics.statusMix' | 'metrics.lowStock'
> {
  return {
    'board.get': () => metrics.board.read(now()),
    'metrics.halfLife': (input) => ({ groups: metrics.halfLife(input.from, input.to, input.groupBy) }),
    'metrics.onTime': (input) => ({
      rows: metrics.onTime.rows(input.from, input.to, now(), input.groupBy, metrics.zoneOffset(input.from), (k) => metrics.label(input.groupBy, k)),
    }),
    'metrics.funnel': (input) => ({ rows: metrics.orders.funnelRows(input.from, input.to) }),
    'metrics.overdue': (input) => ({ rows: metrics.orders.overdue(now(), input.limit) }),
    'metrics.statusMix': () => metrics.orders.statusMix(now()),
    'metrics.lowStock': () => ({ rows: metrics.lowStock.list() }),
  };
}

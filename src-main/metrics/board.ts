import type { Board } from '../../src-shared/contract/board';
import { AGE_BUCKETS, SEVERITIES, type AgeBucket, type ExceptionType, type Severity } from '../../src-shared/exceptions';
import type { Sqlite } from '../db';
import type { HealthSource } from '../exceptions/health';
import { halfLifeGroups } from './half-life';
import type { LowStock } from './low-stock';
import type { OrderFigures } from './order-figures';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * The risk board (#12 §3), read from what the write path keeps: exception counters (triggers),
 * the SLA clock's partial index, the half-life cohorts' covering index (last 30 days), safety
 * stock, and each connection's health. Nothing here scans the orders or exceptions tables.
 */
export class BoardReader {
  private readonly counts;
  private readonly owners;
  private readonly names;
  private readonly cohorts;

  constructor(sqlite: Sqlite, private readonly deps: { orders: OrderFigures; lowStock: LowStock; health: HealthSource[]; dayOf: (ms: number) => string }) {
    this.counts = sqlite.prepare('SELECT state, type, severity, opened_hour AS hour, n FROM exception_counts');
    this.owners = sqlite.prepare(`SELECT owner_key AS ownerKey, severity, n FROM exception_owner_counts WHERE state = 'open'`);
    this.names = sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck();
    this.cohorts = sqlite.prepare('SELECT opened_at AS openedAt, closed_at AS closedAt FROM exceptions INDEXED BY exceptions_opened_idx WHERE opened_at >= ?');
  }

  read(now: number): Board {
    const { orders, lowStock, health, dayOf } = this.deps;
    const counts = this.counts.all() as { state: string; type: ExceptionType; severity: Severity; hour: number; n: number }[];
    const open = counts.filter((c) => c.state === 'open');
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const ages = new Map<string, number>();
    const types = new Map<ExceptionType, number>();
    for (const c of open) {
      bySeverity[c.severity] += c.n;
      types.set(c.type, (types.get(c.type) ?? 0) + c.n);
      const ageHours = (now - c.hour * HOUR) / HOUR;
      const bucket: AgeBucket = AGE_BUCKETS.find((b) => ageHours < b.maxHours)?.key ?? 'older';
      ages.set(`${c.severity}|${bucket}`, (ages.get(`${c.severity}|${bucket}`) ?? 0) + c.n);
    }
    const owners = new Map<string, { key: string; name: string; open: number; critical: number }>();
    for (const o of this.owners.all() as { ownerKey: string; severity: Severity; n: number }[]) {
      const cur = owners.get(o.ownerKey) ?? { key: o.ownerKey, name: this.ownerName(o.ownerKey), open: 0, critical: 0 };
      cur.open += o.n;
      if (o.severity === 'critical') cur.critical += o.n;
      owners.set(o.ownerKey, cur);
    }
    const since = startOfDay(now, dayOf) - 29 * DAY;
    const rows = (this.cohorts.all(since) as { openedAt: number; closedAt: number | null }[]).map((r) => ({ ...r, key: 'all' }));
    const trend = halfLifeGroups(rows, dayOf, () => null)[0];
    const last7 = halfLifeGroups(rows.filter((r) => r.openedAt >= now - 7 * DAY), dayOf, () => null)[0];
    const low = lowStock.list();
    const subjects = health.flatMap((h) => h.list(now));
    return {
      at: now,
      exceptions: {
        open: open.reduce((s, c) => s + c.n, 0),
        snoozed: counts.filter((c) => c.state === 'snoozed').reduce((s, c) => s + c.n, 0),
        bySeverity,
        bySeverityAge: [...ages].map(([k, n]) => {
          const [severity, bucket] = k.split('|') as [Severity, AgeBucket];
          return { severity, bucket, n };
        }),
        byType: [...types].map(([type, n]) => ({ type, open: n })).sort((a, b) => b.open - a.open),
        owners: [...owners.values()].sort((a, b) => b.open - a.open).slice(0, 12),
      },
      halfLife: { days: trend?.days ?? [], last7: { medianCloseMs: last7?.medianCloseMs ?? null, halfLifeMs: last7?.halfLifeMs ?? null } },
      orders: { ...orders.counts(now), top: orders.overdue(now, 10) },
      lowStock: { count: low.length, top: low.slice(0, 8) },
      health: subjects.map(({ kind, id, name, paused, failing, failingMinutes, lastSuccessAt, lastError, backlog }) => ({ kind, id, name, paused, failing, failingMinutes, lastSuccessAt, lastError, backlog })),
      missing: (['erp', 'sync'] as const).filter((k) => !health.some((h) => h.kind === k)),
    };
  }

  private ownerName(key: string): string {
    if (key.startsWith('u:')) return (this.names.get(key.slice(2)) as string | undefined) ?? key.slice(2);
    return key.slice(2);
  }

}

/** The start (UTC ms) of the workspace day containing `now`. */
export function startOfDay(now: number, dayOf: (ms: number) => string): number {
  const day = dayOf(now);
  let t = now - (now % HOUR);
  while (dayOf(t - HOUR) === day) t -= HOUR;
  return t;
}

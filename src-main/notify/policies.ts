import type { PolicyView } from '../../src-shared/contract/alerts';
import { DETECTOR_CODES, type DetectorCode, type Severity } from '../../src-shared/exceptions';
import type { Sqlite, WriteTx } from '../db';

/** A detector nobody set up: every enabled robot ('*'), desktop on, from 'warning'. */
const DEFAULT = { robotIds: ['*'] as string[], desktop: true, minSeverity: 'warning' as Severity, quietFrom: 0, quietTo: 0, mention: [] as string[] };

/** Per detector: robots, desktop notifications, severity threshold, quiet hours (synced table `alert_policies`). */
export class AlertPolicies {
  private readonly rows;
  private readonly one;

  constructor(sqlite: Sqlite) {
    this.rows = sqlite.prepare(
      `SELECT detector, robot_ids_json AS robotIds, desktop, min_severity AS minSeverity, quiet_from AS quietFrom, quiet_to AS quietTo, mention_json AS mention FROM alert_policies`,
    );
    this.one = sqlite.prepare('SELECT 1 FROM alert_policies WHERE detector = ?').pluck();
  }

  private cache: { at: number; list: PolicyView[] } | null = null;

  /** Every detector's policy (robotIds ['*'] = every enabled robot); read at most once a second (a detector pass asks per exception). */
  all(): PolicyView[] {
    const now = Date.now();
    if (this.cache && now - this.cache.at < 1000) return this.cache.list;
    this.cache = { at: now, list: this.read() };
    return this.cache.list;
  }

  private read(): PolicyView[] {
    type Row = { detector: DetectorCode; robotIds: string; desktop: number; minSeverity: Severity; quietFrom: number; quietTo: number; mention: string };
    const saved = new Map((this.rows.all() as Row[]).map((r) => [r.detector, r]));
    return DETECTOR_CODES.map((detector) => {
      const r = saved.get(detector);
      if (!r) return { detector, ...DEFAULT };
      return { detector, robotIds: JSON.parse(r.robotIds) as string[], desktop: r.desktop === 1, minSeverity: r.minSeverity, quietFrom: r.quietFrom, quietTo: r.quietTo, mention: JSON.parse(r.mention) as string[] };
    });
  }

  of(detector: DetectorCode): PolicyView {
    return this.all().find((p) => p.detector === detector)!;
  }

  save(tx: WriteTx, p: PolicyView, now: number): void {
    this.cache = null;
    const row = {
      robotIdsJson: JSON.stringify(p.robotIds), desktop: p.desktop, minSeverity: p.minSeverity, quietFrom: p.quietFrom, quietTo: p.quietTo,
      mentionJson: JSON.stringify(p.mention), updatedAt: now,
    };
    if (this.one.get(p.detector)) tx.update('alert_policies', p.detector, row);
    else tx.insert('alert_policies', { detector: p.detector, ...row });
  }
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** Minutes after midnight in the zone for a UTC time (one formatter per zone: making one is slow). */
export function minuteOfDay(at: number, zone: string): number {
  let fmt = formats.get(zone);
  if (!fmt) formats.set(zone, (fmt = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const parts = fmt.formatToParts(new Date(at));
  const h = Number(parts.find((p) => p.type === 'hour')!.value);
  const m = Number(parts.find((p) => p.type === 'minute')!.value);
  return h * 60 + m;
}

/** When an alert raised at `now` may go out: now, or the end of the quiet hours it falls in (from ≤ t < to, wrapping midnight). */
export function notBefore(now: number, quietFrom: number, quietTo: number, zone: string): number {
  if (quietFrom === quietTo) return now;
  const t = minuteOfDay(now, zone);
  const inside = quietFrom < quietTo ? t >= quietFrom && t < quietTo : t >= quietFrom || t < quietTo;
  if (!inside) return now;
  const wait = (quietTo - t + 1440) % 1440;
  // Whole minutes: the alert goes at the start of the minute the quiet hours end.
  return now - (now % 60_000) + wait * 60_000;
}

import type { CoverageDay } from '../../src-shared/contract/channels';
import { formatInZone } from '../../src-shared/time';
import type { ChannelsService } from './service';

const DAY = 86_400_000;

/** The ledger per workspace-zone day for the coverage view: windows, orders seen, share covered, gaps. */
export function coverageDays(svc: ChannelsService, channelId: string, from: number, to: number): { days: CoverageDay[]; gaps: number } {
  const s = svc.poller.states.get(channelId);
  const windows = svc.ledger.windows(channelId, from, to);
  const start = s.backfillFrom ?? from;
  const cursor = s.cursorAt ?? start;
  const gaps = cursor > start ? svc.ledger.gaps(channelId, Math.max(from, start), Math.min(to, cursor), 1000, start) : [];
  const days = new Map<string, CoverageDay & { span: [number, number] }>();
  // Day boundaries in the zone: walk by 24 h from the zone midnight at or before `from` (China has no DST).
  const midnight = Date.parse(`${formatInZone(from, svc.zone).slice(0, 10)}T00:00:00Z`) - zoneOffset(svc.zone, from);
  for (let d = midnight; d < to; d += DAY) {
    const key = formatInZone(d, svc.zone).slice(0, 10);
    days.set(key, { day: key, windows: [], ordersSeen: 0, covered: 0, gaps: [], span: [d, d + DAY] });
  }
  for (const w of windows) {
    const day = days.get(w.day);
    if (!day) continue;
    day.windows.push({ windowFrom: w.windowFrom, windowTo: w.windowTo, fetchedAt: w.fetchedAt, ordersSeen: w.ordersSeen, platformTotal: w.platformTotal, status: w.status, note: w.note });
    day.ordersSeen += w.ordersSeen;
  }
  for (const g of gaps) {
    for (const day of days.values()) if (g.from < day.span[1] && g.to > day.span[0]) day.gaps.push(g);
  }
  for (const day of days.values()) {
    const lo = Math.max(day.span[0], start);
    const hi = Math.min(day.span[1], cursor);
    if (hi <= lo) continue;
    const parts = windows.filter((w) => w.status !== 'gap').map((w) => [Math.max(lo, w.windowFrom), Math.min(hi, w.windowTo)] as const).filter(([a, b]) => b > a).sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let reach = lo;
    for (const [a, b] of parts) {
      if (b > reach) covered += b - Math.max(a, reach);
      reach = Math.max(reach, b);
    }
    day.covered = Math.round((covered / (hi - lo)) * 1000) / 1000;
  }
  return { days: [...days.values()].map(({ span: _span, ...d }) => d).reverse(), gaps: gaps.length };
}

/** The zone's offset from UTC in ms at that instant. */
function zoneOffset(zone: string, at: number): number {
  const wall = Date.parse(formatInZone(at, zone).replace(' ', 'T') + 'Z');
  return wall - Math.floor(at / 1000) * 1000;
}

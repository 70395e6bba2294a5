import { formatInZone } from '../../src-shared/time';

/** The zone's UTC offset (ms) at an instant, read from Intl so DST zones work too. */
function offsetAt(ms: number, zone: string): number {
  const wall = formatInZone(ms, zone); // "yyyy-MM-dd HH:mm:ss"
  const [d, t] = wall.split(' ') as [string, string];
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  const [h, mi, s] = t.split(':').map(Number) as [number, number, number];
  return Date.UTC(y, mo - 1, da, h, mi, s) - Math.floor(ms / 1000) * 1000;
}

/** UTC ms of 00:00 on the 1st of (year, month 1–12) in the zone. */
function monthStart(year: number, month: number, zone: string): number {
  const wall = Date.UTC(year, month - 1, 1);
  let guess = wall - offsetAt(wall, zone);
  guess = wall - offsetAt(guess, zone); // second pass settles a DST change near the boundary
  return guess;
}

/**
 * A 'YYYY-MM' month as the half-open UTC interval [from, to) in the workspace zone:
 * in Asia/Shanghai, October 2026 runs from 2026-10-01 00:00 +08:00 to 2026-11-01 00:00 +08:00.
 */
export function monthRange(month: string, zone: string): { from: number; to: number } {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  if (!m) throw new RangeError(`not a month: ${month}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  return { from: monthStart(y, mo, zone), to: monthStart(mo === 12 ? y + 1 : y, mo === 12 ? 1 : mo + 1, zone) };
}

/** The month before the one `now` falls in, in the zone: what a monthly schedule exports. */
export function previousMonth(now: number, zone: string): string {
  const [y, mo] = formatInZone(now, zone).slice(0, 7).split('-').map(Number) as [number, number];
  return mo === 1 ? `${y - 1}-12` : `${y}-${String(mo - 1).padStart(2, '0')}`;
}

/** The month `ms` falls in, in the zone. */
export function monthOf(ms: number, zone: string): string {
  return formatInZone(ms, zone).slice(0, 7);
}

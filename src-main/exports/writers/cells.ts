import { fenToYuan } from '../../../src-shared/money';
import { formatInZone } from '../../../src-shared/time';
import { looksLikeLongNumber, neutralise } from './neutralise';
import type { Cell, ColumnKind } from './types';

/** What a cell becomes, independent of the file format. */
export type Prepared =
  | { t: 'empty' }
  | { t: 'text'; v: string; longNumber: boolean }
  | { t: 'number'; v: number }
  | { t: 'money'; fen: number }
  | { t: 'datetime'; ms: number };

const EMPTY: Prepared = { t: 'empty' };

/** Applies the column kind and the neutralisation rule; shared by the CSV and XLSX writers. */
export function prepare(value: Cell, kind: ColumnKind = 'text'): Prepared {
  if (value === null || value === undefined || value === '') return EMPTY;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return EMPTY;
    if (kind === 'money') {
      if (!Number.isInteger(value)) throw new RangeError(`money cell must be integer fen, got ${value}`);
      return { t: 'money', fen: value };
    }
    if (kind === 'datetime') return { t: 'datetime', ms: value };
    return { t: 'number', v: value };
  }
  const text = neutralise(value);
  return { t: 'text', v: text, longNumber: kind === 'id' && looksLikeLongNumber(text) };
}

/** CSV text of a prepared cell (before RFC 4180 quoting). */
export function csvText(p: Prepared, zone: string): string {
  switch (p.t) {
    case 'empty':
      return '';
    case 'number':
      return String(p.v);
    case 'money':
      return fenToYuan(p.fen);
    case 'datetime':
      return wallClock(p.ms, zone);
    case 'text':
      // A trailing tab keeps Excel from turning a 19-digit order id into 2.45E+18 (it trims it on
      // display); leading characters are left alone so the neutralisation rule still holds.
      return p.longNumber ? `${p.v}\t` : p.v;
  }
}

/**
 * The zone's wall-clock time as a Date whose UTC fields carry it: spreadsheet dates have no
 * zone, so this makes Excel show the same time a person in the workspace zone would read.
 */
export function wallClockDate(ms: number, zone: string): Date {
  return new Date(ms + offsetMs(ms, zone));
}

/** "2026-11-23 10:00:00" in the zone; the same text as formatInZone, at a fraction of its cost. */
export function wallClock(ms: number, zone: string): string {
  const d = new Date(ms + offsetMs(ms, zone));
  const p2 = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
}

// Intl's formatter costs ~20 µs a call: an export of 100 k rows with two time columns would
// spend seconds in it. Zone offsets only change on (at least) hour boundaries, so one Intl
// call per zone-hour gives the offset for every time in that hour.
const HOUR = 3_600_000;
const offsets = new Map<string, number>();

/** The last answer: rows in time order (a dry run's CSV) ask for the same hour again and again. */
let last = { zone: '', hour: NaN, off: 0 };

function offsetMs(ms: number, zone: string): number {
  const hour = Math.floor(ms / HOUR);
  if (hour === last.hour && zone === last.zone) return last.off;
  const key = `${zone}|${hour}`;
  let off = offsets.get(key);
  if (off === undefined) {
    const at = hour * HOUR;
    const [d, t] = formatInZone(at, zone).split(' ') as [string, string];
    const [y, mo, day] = d.split('-').map(Number) as [number, number, number];
    const [h, mi, sec] = t.split(':').map(Number) as [number, number, number];
    off = Date.UTC(y, mo - 1, day, h, mi, sec) - at;
    if (offsets.size > 50_000) offsets.clear();
    offsets.set(key, off);
  }
  last = { zone, hour, off };
  return off;
}

/** Time is UTC epoch milliseconds in storage; display uses the workspace zone. */
export type EpochMs = number;
export const DEFAULT_ZONE = 'Asia/Shanghai';

const partsCache = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = partsCache.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23',
    });
    partsCache.set(zone, f);
  }
  return f;
}

/** 1700000000000 → "2023-11-15 06:13:20" in the given zone. */
export function formatInZone(ms: EpochMs, zone: string = DEFAULT_ZONE): string {
  const p = Object.fromEntries(formatter(zone).formatToParts(new Date(ms)).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}:${p.second}`;
}

/**
 * Parses "yyyy-MM-dd HH:mm:ss" (or "yyyy-MM-dd", "yyyy/MM/dd HH:mm") as a wall-clock time in a fixed
 * UTC offset (China has no DST: +08:00). Returns null when the text is not such a time or the date is impossible.
 */
export function parseWallClock(text: string, offsetMinutes = 480): EpochMs | null {
  const m = /^\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*$/.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number) as [
    number, number, number, number, number, number,
  ];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null; // 2月30日
  return utc - offsetMinutes * 60_000;
}

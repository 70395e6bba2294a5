/**
 * Wall-clock parts of an instant in the workspace zone, fast: the zone's offset is looked up
 * once per UTC hour (Intl is slow per call; a million-order dry run asks a million times).
 */
export interface ZoneParts {
  day: string;
  hour: number;
  minuteOfDay: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

export function zoneClock(zone: string): (ms: number) => ZoneParts {
  const fmt = new Intl.DateTimeFormat('en-US', {
    timeZone: zone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', hourCycle: 'h23',
  });
  const offsets = new Map<number, number>();
  const offsetAt = (ms: number): number => {
    const hourKey = Math.floor(ms / 3_600_000);
    let off = offsets.get(hourKey);
    if (off === undefined) {
      const p = Object.fromEntries(fmt.formatToParts(new Date(hourKey * 3_600_000)).map((x) => [x.type, x.value]));
      const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute));
      off = wall - hourKey * 3_600_000;
      if (offsets.size > 100_000) offsets.clear();
      offsets.set(hourKey, off);
    }
    return off;
  };
  // The day, hour and weekday of each wall-clock hour, worked out once (routing asks several times per order).
  const hours = new Map<number, { day: string; hour: number; weekday: number }>();
  return (ms) => {
    const wall = ms + offsetAt(ms);
    const hourKey = Math.floor(wall / 3_600_000);
    let h = hours.get(hourKey);
    if (!h) {
      const start = new Date(hourKey * 3_600_000);
      const dow = start.getUTCDay();
      h = {
        day: `${start.getUTCFullYear()}-${String(start.getUTCMonth() + 1).padStart(2, '0')}-${String(start.getUTCDate()).padStart(2, '0')}`,
        hour: start.getUTCHours(),
        weekday: dow === 0 ? 7 : dow,
      };
      if (hours.size > 100_000) hours.clear();
      hours.set(hourKey, h);
    }
    return { day: h.day, hour: h.hour, minuteOfDay: h.hour * 60 + Math.floor((wall - hourKey * 3_600_000) / 60_000), weekday: h.weekday };
  };
}

const nextDays = new Map<string, string>();

/** The day after a YYYY-MM-DD day (remembered: routing asks for every order paid after a cut-off). */
export function nextDay(day: string): string {
  let next = nextDays.get(day);
  if (next === undefined) {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    next = d.toISOString().slice(0, 10);
    if (nextDays.size > 10_000) nextDays.clear();
    nextDays.set(day, next);
  }
  return next;
}

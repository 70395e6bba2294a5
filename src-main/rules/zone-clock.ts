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
  return (ms) => {
    const wall = new Date(ms + offsetAt(ms));
    const hour = wall.getUTCHours();
    const dow = wall.getUTCDay();
    return {
      day: `${wall.getUTCFullYear()}-${String(wall.getUTCMonth() + 1).padStart(2, '0')}-${String(wall.getUTCDate()).padStart(2, '0')}`,
      hour,
      minuteOfDay: hour * 60 + wall.getUTCMinutes(),
      weekday: dow === 0 ? 7 : dow,
    };
  };
}

/** The day after a YYYY-MM-DD day. */
export function nextDay(day: string): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

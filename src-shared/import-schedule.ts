/**
 * A folder source's schedule as people choose it (issue 15, item 10): 每天 HH:mm, 每 N 小时 or
 * 文件到达时. Stored as the cron text (or 'on-arrival') the folder scheduler already runs.
 */
export type ScheduleChoice =
  | { kind: 'daily'; time: string } // "08:30"
  | { kind: 'hours'; every: number } // 1–12
  | { kind: 'arrival' };

export const EVERY_HOURS = [1, 2, 3, 4, 6, 8, 12] as const;

export function toSchedule(c: ScheduleChoice): string {
  switch (c.kind) {
    case 'daily': {
      const [h, m] = c.time.split(':').map(Number);
      return `${m ?? 0} ${h ?? 0} * * *`;
    }
    case 'hours':
      return `0 */${c.every} * * *`;
    case 'arrival':
      return 'on-arrival';
  }
}

/** The choice a stored schedule is; null for a cron text none of the choices makes (kept as it is). */
export function fromSchedule(s: string): ScheduleChoice | null {
  if (s === 'on-arrival') return { kind: 'arrival' };
  const daily = /^(\d{1,2}) (\d{1,2}) \* \* \*$/.exec(s);
  if (daily && Number(daily[2]) < 24 && Number(daily[1]) < 60) return { kind: 'daily', time: `${daily[2]!.padStart(2, '0')}:${daily[1]!.padStart(2, '0')}` };
  const hours = /^0 \*\/(\d{1,2}) \* \* \*$/.exec(s);
  if (hours && (EVERY_HOURS as readonly number[]).includes(Number(hours[1]))) return { kind: 'hours', every: Number(hours[1]) };
  if (s === '0 * * * *') return { kind: 'hours', every: 1 };
  return null;
}

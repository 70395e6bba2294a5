import { describe, expect, it } from 'vitest';
import { fromSchedule, toSchedule } from './import-schedule';

describe('folder schedules chosen, not typed', () => {
  it('each choice becomes the cron text the scheduler runs, and reads back as the same choice', () => {
    for (const c of [{ kind: 'daily', time: '08:30' }, { kind: 'daily', time: '00:05' }, { kind: 'hours', every: 2 }, { kind: 'arrival' }] as const) {
      expect(fromSchedule(toSchedule(c))).toEqual(c);
    }
    expect(toSchedule({ kind: 'daily', time: '08:30' })).toBe('30 8 * * *');
    expect(toSchedule({ kind: 'hours', every: 4 })).toBe('0 */4 * * *');
  });
  it('an older typed cron that is one of the choices reads as it; any other is left alone', () => {
    expect(fromSchedule('0 8 * * *')).toEqual({ kind: 'daily', time: '08:00' });
    expect(fromSchedule('0 * * * *')).toEqual({ kind: 'hours', every: 1 });
    expect(fromSchedule('0 8 * * 1-5')).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { zoneClock } from './zone-clock';

/** The wall clock as Intl gives it, the slow way: what zoneClock must agree with. */
function slow(zone: string, ms: number) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit', hour: 'numeric', minute: 'numeric', weekday: 'short', hourCycle: 'h23' })
      .formatToParts(new Date(ms)).map((x) => [x.type, x.value]),
  );
  const hour = Number(p.hour);
  return { day: `${p.year}-${p.month}-${p.day}`, hour, minuteOfDay: hour * 60 + Number(p.minute), weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(p.weekday!) + 1 };
}

describe('the workspace zone clock', () => {
  it('gives the day, hour, minute of day and weekday Intl gives, in zones with whole, half and quarter-hour offsets and summer time', () => {
    for (const zone of ['Asia/Shanghai', 'Asia/Kolkata', 'Asia/Kathmandu', 'America/New_York', 'UTC']) {
      const clock = zoneClock(zone);
      fc.assert(
        fc.property(fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2040, 0, 1) }), (ms) => {
          expect(clock(ms)).toEqual(slow(zone, ms));
        }),
        { numRuns: 400, seed: 3 },
      );
    }
  });
});

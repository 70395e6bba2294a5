import { UUID, uuidv7 as packageUuidv7 } from 'uuidv7';
import { describe, expect, it } from 'vitest';
import { IdGenerator, uuidv7 } from './ids';

const V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const msOf = (id: string) => parseInt(id.slice(0, 8) + id.slice(9, 13), 16);

describe('row ids (UUIDv7)', () => {
  it('are version 7, variant 10, with the current millisecond in front, as the uuidv7 package reads them', () => {
    const before = Date.now();
    const id = uuidv7();
    const after = Date.now();
    expect(id).toMatch(V7);
    expect(msOf(id)).toBeGreaterThanOrEqual(before);
    expect(msOf(id)).toBeLessThanOrEqual(after);
    const parsed = UUID.parse(id);
    expect(parsed.getVariant()).toBe('VAR_10');
    expect(parsed.getVersion()).toBe(7);
    expect(parsed.toString()).toBe(id);
  });

  it('sort in creation order and never repeat, even many within one millisecond', () => {
    const ids = Array.from({ length: 200_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < ids.length; i++) if (!(ids[i - 1]! < ids[i]!)) expect.unreachable(`${ids[i - 1]} ≥ ${ids[i]} at ${i}`);
  });

  it('sort after the ids the uuidv7 package made before them (every id already stored)', () => {
    const older = Array.from({ length: 50 }, () => packageUuidv7());
    const t = Date.now();
    while (Date.now() === t); // the next millisecond
    const newer = Array.from({ length: 50 }, () => uuidv7());
    expect([...older, ...newer].sort()).toEqual([...older, ...newer]);
  });

  it('keep counting up through a clock that stands still or steps back a little; start over after a big step back', () => {
    let now = 1_800_000_000_000;
    const ids = new IdGenerator(() => now);
    const a = ids.next();
    now -= 5_000; // NTP stepped the clock back 5 s
    const b = ids.next();
    expect(b > a).toBe(true);
    expect(msOf(b)).toBe(1_800_000_000_000); // still the last time, one up
    now -= 20_000; // more than 10 s back: the clock's time again
    const c = ids.next();
    expect(msOf(c)).toBe(1_800_000_000_000 - 25_000);
    expect(c).toMatch(V7);
  });

  it('random bits differ from id to id (a generator per process cannot hand out the same tail)', () => {
    const tails = new Set(Array.from({ length: 5000 }, () => uuidv7().slice(-8)));
    expect(tails.size).toBeGreaterThan(4990);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HybridClock, parseStamp } from './hlc';

describe('hybrid logical clock', () => {
  it('stamps strictly increase even when the wall clock stands still or goes back', () => {
    const walls = [1000, 1000, 999, 1005, 1005, 900];
    let i = 0;
    const clock = new HybridClock('a', () => walls[Math.min(i++, walls.length - 1)]!);
    const stamps = walls.map(() => clock.tick());
    expect([...stamps].sort()).toEqual(stamps);
    expect(new Set(stamps).size).toBe(stamps.length);
  });

  it('a stamp received from another node (within the skew bound) orders our next stamp after it', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 1, max: 1e12 }), fc.integer({ min: 0, max: 999 }), (local, remoteWall, counter) => {
        const clock = new HybridClock('a', () => local, Infinity);
        const remote = `${String(remoteWall).padStart(15, '0')}-${String(counter).padStart(5, '0')}-b`;
        const merged = clock.receive(remote);
        return merged > remote && clock.tick() > merged;
      }),
    );
  });

  it('resumes after the last persisted stamp', () => {
    const clock = new HybridClock('a', () => 5);
    clock.restore('000000000000010-00003-a');
    expect(parseStamp(clock.tick())).toEqual({ wall: 10, counter: 4, node: 'a' });
  });
});

describe('clock skew bound', () => {
  it('a remote stamp hours ahead moves our clock only to the bound', () => {
    const clock = new HybridClock('a', () => 1_000_000, 60_000);
    clock.receive(`${String(1_000_000 + 3_600_000).padStart(15, '0')}-00000-b`);
    expect(parseStamp(clock.tick()).wall).toBe(1_060_000);
  });
});

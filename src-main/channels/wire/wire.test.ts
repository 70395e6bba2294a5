import { parse } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../connector';
import { FieldError, FieldReader } from './fields';
import { jsonText, parsePlatformJson } from './json';
import { afterPage, planPage } from './paging';
import { assertWindow, windowSeconds } from './window';

const reader = (text: string) => new FieldReader(parse(text) as Record<string, unknown>);

describe('platform JSON edges', () => {
  it('keeps 19-digit ids exact and re-serialises them digit for digit', () => {
    const text = '{"tid":2450123456789012345,"payment":"89.90"}';
    expect(reader(text).id('tid')).toBe('2450123456789012345');
    expect(jsonText(parse(text))).toBe(text);
  });

  it('reads yuan strings and doubles to fen without float error, including binary noise', () => {
    const r = reader('{"a":"0.30","b":19.9,"c":1254.17,"d":19.900000000000002,"e":"12.345","f":"-3.5"}');
    expect([r.yuan('a'), r.yuan('b'), r.yuan('c'), r.yuan('d'), r.yuan('f')]).toEqual([30, 1990, 125417, 1990, -350]);
    expect(() => r.yuan('e')).toThrow(FieldError);
  });

  it('names the full path, the value and the reason of a bad field', () => {
    const r = reader('{"orders":{"order":[{"num":1},{"num":"x"}]}}');
    const lines = r.child('orders').list('order');
    try {
      lines[1]!.int('num');
      expect.unreachable();
    } catch (e) {
      expect(e).toMatchObject({ field: 'orders.order[1].num', value: 'x', reason: 'expected a whole number' });
    }
  });

  it('treats GMT+8 wall clocks and Unix seconds as the platforms mean them', () => {
    const r = reader('{"t":"2024-06-01 10:00:00","s":1717207200,"z":0}');
    expect(r.wallClock('t')).toBe(Date.UTC(2024, 5, 1, 2));
    expect(r.unixSeconds('s')).toBe(1717207200_000);
    expect(r.optUnixSeconds('z')).toBeNull();
  });

  it('reports a truncated body as transient', () => {
    expect(() => parsePlatformJson('{"trades_sold_increment_get_response":{"total_res', 'taobao')).toThrow(ConnectorError);
    try {
      parsePlatformJson('{"a":', 'taobao');
    } catch (e) {
      expect((e as ConnectorError).kind).toBe('transient');
    }
  });
});

describe('backwards paging plan', () => {
  it('answers a small window with the probe alone', () => {
    const plan = planPage(null, 1);
    expect(plan).toEqual({ page: 1, probe: true });
    expect(afterPage(plan, 40, 100, 1)).toEqual({ keepItems: true, next: null });
  });

  it('drops the probe of a large window and walks last page → first', () => {
    expect(afterPage(planPage(null, 0), 250, 100, 0)).toEqual({ keepItems: false, next: 'back:2' });
    expect(afterPage(planPage('back:2', 0), 250, 100, 0)).toEqual({ keepItems: true, next: 'back:1' });
    expect(afterPage(planPage('back:0', 0), 250, 100, 0)).toEqual({ keepItems: true, next: null });
    expect(() => planPage('page:3', 1)).toThrow(RangeError);
  });
});

describe('window assertion', () => {
  const limits = { maxWindowMs: 30 * 60_000, endLagMs: 3 * 60_000, overlapMs: 0, pageSize: 100 };
  const now = Date.UTC(2026, 0, 1, 12);

  it('accepts a 30-minute window ending 3 minutes before now, refuses wider or later ones', () => {
    expect(() => assertWindow('pdd', limits, { from: now - 33 * 60_000, to: now - 3 * 60_000 }, now)).not.toThrow();
    expect(() => assertWindow('pdd', limits, { from: now - 34 * 60_000, to: now - 3 * 60_000 }, now)).toThrow(/at most 30 min/);
    expect(() => assertWindow('pdd', limits, { from: now - 20 * 60_000, to: now - 60_000 }, now)).toThrow(/180 s before now/);
    expect(() => assertWindow('pdd', limits, { from: now - 60_000, to: now - 60_000 }, now)).toThrow(/empty or inverted/);
  });

  it('turns [from, to) in ms into inclusive whole seconds', () => {
    expect(windowSeconds({ from: 1_000_000, to: 1_060_000 })).toEqual({ start: 1000, end: 1059 });
    expect(windowSeconds({ from: 1_000_500, to: 1_060_500 })).toEqual({ start: 1001, end: 1060 });
  });
});

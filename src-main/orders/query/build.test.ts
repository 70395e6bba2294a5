import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../src-shared/errors';
import { buildOrderQuery, type ParsedOrderQuery } from './build';

const build = (q: Partial<ParsedOrderQuery>, viewAmounts = true) => buildOrderQuery({ filters: {}, sort: [], ...q }, { viewAmounts });

describe('buildOrderQuery', () => {
  it('sorts newest first by default and always ends on the id so positions are exact', () => {
    expect(build({}).orderBy).toBe('ORDER BY o.created_at DESC, o.id DESC');
    expect(build({ sort: [{ colId: 'status', sort: 'asc' }, { colId: 'paidFen', sort: 'desc' }] }).orderBy)
      .toBe('ORDER BY o.status ASC, o.paid_fen DESC, o.id DESC');
    expect(build({ sort: [{ colId: 'paidAt', sort: 'asc' }] }).orderBy).toBe('ORDER BY o.paid_at ASC, o.id ASC');
  });

  it('puts values only in params, never in the SQL text', () => {
    const evil = `'; DROP TABLE orders; --`;
    const q = build({
      filters: {
        buyerNick: { type: 'text', op: 'contains', value: evil },
        status: { type: 'set', values: [evil, 'to_ship'] },
        paidFen: { type: 'number', op: 'greaterThan', value: 100 },
      },
      quick: evil,
    });
    expect(q.where).not.toContain('DROP');
    expect(q.params).toContain(`%${evil}%`);
    expect(q.params).toContain(evil);
    expect(q.params).toContain(100);
  });

  it('escapes LIKE wildcards so % and _ are literal', () => {
    const q = build({ filters: { buyerNick: { type: 'text', op: 'startsWith', value: '50%_off\\' } } });
    expect(q.where).toBe(`WHERE o.buyer_nick LIKE ? ESCAPE '\\'`);
    expect(q.params).toEqual(['50\\%\\_off\\\\%']);
  });

  it('reads a pick list: empty list matches nothing, "" means blank, tags look inside the JSON array', () => {
    expect(build({ filters: { status: { type: 'set', values: [] } } }).where).toBe('WHERE 0');
    expect(build({ filters: { warehouseId: { type: 'set', values: ['', 'wh-1'] } } }).where)
      .toBe(`WHERE (o.warehouse_id = ? OR (o.warehouse_id IS NULL OR o.warehouse_id = ''))`);
    const tags = build({ filters: { tags: { type: 'set', values: ['VIP', '加急'] } } });
    expect(tags.where).toBe('WHERE EXISTS (SELECT 1 FROM json_each(o.tags) jt WHERE jt.value IN (?, ?))');
    expect(tags.params).toEqual(['VIP', '加急']);
    expect(build({ filters: { channelKind: { type: 'set', values: ['jd'] } } }).where)
      .toBe('WHERE o.channel_id IN (SELECT ck.id FROM channels ck WHERE ck.kind IN (?))');
  });

  it('dates are [from, to) and number ranges inclusive; an empty box is no filter', () => {
    const q = build({
      filters: {
        paidAt: { type: 'date', from: 10, to: 20 },
        paidFen: { type: 'number', op: 'inRange', value: 1, valueTo: 9 },
        buyerNick: { type: 'text', op: 'contains', value: '' },
      },
    });
    expect(q.where).toBe('WHERE o.paid_at >= ? AND o.paid_at < ? AND o.paid_fen >= ? AND o.paid_fen <= ?');
    expect(q.params).toEqual([10, 20, 1, 9]);
    expect(q.where).not.toContain('buyer_nick');
  });

  it('quick search: 4 digits → phone last four, the exact order no and (with the index) its end; no address text', () => {
    const q = build({ quick: '1234' });
    expect(q.where).toContain('o.phone_last4 = ?');
    expect(q.where).toContain('o.platform_order_id = ?');
    expect(q.where).not.toContain('o.platform_order_id >= ?');
    const ends = buildOrderQuery({ filters: {}, sort: [], quick: '1234' }, {
      viewAmounts: true,
      search: { contains: () => ({ sql: 'TEXT', params: [] }), orderNoEnds: (t) => ({ sql: 'ENDS', params: [t] }) },
    });
    expect(ends.where).toContain('ENDS');
    expect(ends.where).not.toContain('TEXT');
  });

  it('quick search: a longer number → order no by its start, tracking no, nick and SKU by their start', () => {
    const q = build({ quick: 'SF123' });
    expect(q.where).toContain('o.platform_order_id >= ? AND o.platform_order_id < ?');
    expect(q.where).toContain('o.tracking_no >= ? AND o.tracking_no < ?');
    expect(q.where).toContain('sl.sku_code >= ? AND sl.sku_code < ?');
    expect(q.params.slice(0, 2)).toEqual(['SF123', 'SF123\u{10FFFF}']);
  });

  it('quick search: lines pasted → exact order or tracking numbers as one bound list; more than 1,000 refused naming the field', () => {
    const q = build({ quick: 'A1\nA2\r\nA1\n\nB3' });
    expect(q.where).toContain('o.platform_order_id IN (SELECT value FROM json_each(?))');
    expect(q.params).toEqual([JSON.stringify(['A1', 'A2', 'B3']), JSON.stringify(['A1', 'A2', 'B3'])]);
    const many = Array.from({ length: 1001 }, (_, i) => `N${i}`).join('\n');
    expect(() => build({ quick: many })).toThrow(expect.objectContaining({ code: 'invalid_input', field: 'quick' }));
    expect(() => build({ quick: many.split('\n').slice(0, 1000).join('\n') })).not.toThrow();
  });

  it('refuses a filter type the column does not have, naming the field', () => {
    const err = (() => {
      try {
        build({ filters: { status: { type: 'number', op: 'equals', value: 1 } } });
      } catch (e) {
        return e;
      }
    })() as ApiError;
    expect(err).toBeInstanceOf(ApiError);
    expect(err.code).toBe('invalid_input');
    expect(err.field).toBe('filters.status');
  });

  it('refuses amount filters and sorts when amounts are hidden', () => {
    expect(() => build({ sort: [{ colId: 'goodsFen', sort: 'asc' }] }, false)).toThrow(ApiError);
    expect(() => build({ filters: { paidFen: { type: 'number', op: 'blank' } } }, false)).toThrow(ApiError);
    expect(() => build({ sort: [{ colId: 'paidAt', sort: 'asc' }] }, false)).not.toThrow();
  });

  it('gives equal queries equal signatures and different values different ones', () => {
    const a = build({ filters: { status: { type: 'set', values: ['to_ship'] } } });
    const b = build({ filters: { status: { type: 'set', values: ['to_ship'] } } });
    const c = build({ filters: { status: { type: 'set', values: ['picking'] } } });
    expect(a.signature).toBe(b.signature);
    expect(a.signature).not.toBe(c.signature);
  });
});

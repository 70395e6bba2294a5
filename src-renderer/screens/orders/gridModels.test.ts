import { describe, expect, it } from 'vitest';
import { toContractFilters, toContractSort, toOrderQuery } from './gridModels';

const day = (d: string) => Date.parse(`${d}T00:00:00+08:00`);

describe('grid models → contract query', () => {
  it('maps pick lists, text and money typed in yuan to fen', () => {
    expect(
      toContractFilters({
        channelKind: { filterType: 'set', values: ['jd', 'pdd'] },
        buyerNick: { filterType: 'text', type: 'contains', filter: ' 小王 ' },
        paidFen: { filterType: 'number', type: 'inRange', filter: 10.1, filterTo: 99.99 },
      }),
    ).toEqual({
      channelKind: { type: 'set', values: ['jd', 'pdd'] },
      buyerNick: { type: 'text', op: 'contains', value: '小王' },
      paidFen: { type: 'number', op: 'inRange', value: 1010, valueTo: 9999 },
    });
  });

  it('date ranges are whole days in Asia/Shanghai with an exclusive end', () => {
    const f = toContractFilters({
      paidAt: { filterType: 'date', type: 'inRange', dateFrom: '2026-05-01 00:00:00', dateTo: '2026-05-03 00:00:00' },
      promisedShipAt: { filterType: 'date', type: 'equals', dateFrom: '2026-05-02 00:00:00' },
      createdAt: { filterType: 'date', type: 'lessThan', dateFrom: '2026-05-02 00:00:00' },
    });
    expect(f.paidAt).toEqual({ type: 'date', from: day('2026-05-01'), to: day('2026-05-04') });
    expect(f.promisedShipAt).toEqual({ type: 'date', from: day('2026-05-02'), to: day('2026-05-03') });
    expect(f.createdAt).toEqual({ type: 'date', to: day('2026-05-02') });
  });

  it('drops display-only columns, empty pick lists and half-filled numbers', () => {
    expect(
      toContractFilters({
        rowNo: { filterType: 'text', type: 'contains', filter: 'x' },
        status: { filterType: 'set', values: [] },
        paidFen: { filterType: 'number', type: 'inRange', filter: 1 },
        trackingNo: { filterType: 'text', type: 'blank' },
      }),
    ).toEqual({ trackingNo: { type: 'text', op: 'blank' } });
  });

  it('keeps multi-column sort order, at most four, only known columns', () => {
    expect(
      toContractSort([
        { colId: 'paidFen', sort: 'desc' }, { colId: 'rowNo', sort: 'asc' }, { colId: 'paidAt', sort: 'asc' },
        { colId: 'status', sort: 'asc' }, { colId: 'urgency', sort: 'desc' }, { colId: 'province', sort: 'asc' },
      ]),
    ).toEqual([
      { colId: 'paidFen', sort: 'desc' }, { colId: 'paidAt', sort: 'asc' }, { colId: 'status', sort: 'asc' }, { colId: 'urgency', sort: 'desc' },
    ]);
  });

  it('sends quick search only when there is one', () => {
    expect(toOrderQuery({}, [], '  ')).toEqual({ filters: {}, sort: [] });
    expect(toOrderQuery({}, [], ' 1234 ')).toEqual({ filters: {}, sort: [], quick: '1234' });
  });
});

import type { GridApi } from 'ag-grid-community';
import { describe, expect, it } from 'vitest';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { applyViewState } from './viewState';

function fakeGrid() {
  const calls: { columnState?: unknown; filters?: unknown } = {};
  const api = {
    applyColumnState: (p: { state: unknown }) => void (calls.columnState = p.state),
    setFilterModel: (m: unknown) => void (calls.filters = m),
  } as unknown as GridApi<OrderRow>;
  return { api, calls };
}

const shared = {
  version: 1,
  columnState: [{ colId: 'paidFen', hide: false, sort: 'desc' }, { colId: 'status', hide: false, sort: null }],
  filterModel: { paidFen: { filterType: 'number', type: 'greaterThan', filter: 100 }, status: { filterType: 'set', values: ['to_ship'] } },
  quick: '1234',
};

describe('applying a saved view', () => {
  it('puts back columns, filters and quick search as saved', () => {
    const { api, calls } = fakeGrid();
    expect(applyViewState(api, shared, true)).toBe('1234');
    expect(calls.columnState).toEqual(shared.columnState);
    expect(calls.filters).toEqual(shared.filterModel);
  });

  it('leaves amount filters, sorts and columns out for a role that cannot see amounts', () => {
    const { api, calls } = fakeGrid();
    applyViewState(api, shared, false);
    expect(calls.columnState).toEqual([{ colId: 'paidFen', hide: true, sort: null }, { colId: 'status', hide: false, sort: null }]);
    expect(calls.filters).toEqual({ status: { filterType: 'set', values: ['to_ship'] } });
  });

  it('tolerates an empty or foreign state', () => {
    const { api, calls } = fakeGrid();
    expect(applyViewState(api, null, true)).toBe('');
    expect(calls.filters).toBeNull();
  });
});

/**
 * The grid itself: AG Grid's infinite row model paging from orders.page (the main process
 * reads SQLite block by block; nothing loads every row), keyboard (Enter opens, Ctrl+C copies)
 * and checkbox selection.
 */
import type { CellClickedEvent, CellKeyDownEvent, ColDef, FilterChangedEvent, GetRowIdParams, GridApi, GridReadyEvent, GridState, IDatasource, RowDoubleClickedEvent, RowSelectionOptions, SelectionChangedEvent, SelectionColumnDef, StateUpdatedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, type MutableRefObject } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { gridLocale, gridTheme, registerGridModules } from './agGrid';
import { orderColumns, type Facets } from './columns';
import { copyText } from './gridCopy';
import { toOrderQuery } from './gridModels';

registerGridModules();

// Grid options are module constants: a new object on every render makes AG Grid re-apply them.
const DEFAULT_COL: ColDef<OrderRow> = { sortable: true, resizable: true, filter: false };
const SELECTION: RowSelectionOptions<OrderRow> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const SELECTION_COL: SelectionColumnDef = { pinned: 'left', width: 44, lockPosition: 'left' };
const rowId = (p: GetRowIdParams<OrderRow>) => p.data.id;

export interface OrdersGridProps {
  facets: Facets | undefined;
  canAmounts: boolean;
  /** Quick search text, read at every block request. */
  quickRef: MutableRefObject<string>;
  height: number;
  /** Bump to start over from the first row (quick search changed). */
  reloadKey: number;
  onReady(api: GridApi<OrderRow>): void;
  /** The match count, and whether it is exact (false: an estimate while the count finishes). */
  onTotal(total: number | null, exact?: boolean): void;
  onSelection(ids: string[]): void;
  /** Column ids with an active filter, after every filter change. */
  onFilters(colIds: string[]): void;
  onOpen(id: string): void;
  /** Ctrl+A in the grid: every matching order, across pages. */
  onSelectAll?(): void;
}

/** How long to wait before asking again for a count that was still an estimate (or a block found only partly). */
const EXACT_RETRY_MS = 1000;
/** A block found only partly is asked for again at most this many times before the grid leaves it as it is. */
const PARTIAL_RETRIES = 8;

/**
 * A datasource object; giving the grid a new one starts over from the first row. A count that
 * came back as an estimate (the server's deadline came first) is shown as such and asked for
 * again until it is exact; then the grid's row count is corrected.
 */
export function makeDatasource(
  quickRef: MutableRefObject<string>,
  onTotal: (n: number | null, exact?: boolean) => void,
  onError: (e: unknown) => void,
  onExact: (n: number) => void = () => {},
  onRowsReady: () => void = () => {},
): IDatasource {
  // Blocks of an older query can answer after a newer one was asked: only the newest query sets the count.
  let latest = '';
  let retry: ReturnType<typeof setTimeout> | null = null;
  const askExact = (query: ReturnType<typeof toOrderQuery>, key: string) => {
    if (retry) clearTimeout(retry);
    retry = setTimeout(() => {
      retry = null;
      if (key !== latest) return;
      client.call('orders.page', { ...query, startRow: 0, endRow: 1 }).then(
        (r) => {
          if (key !== latest) return;
          onTotal(r.total, r.totalExact);
          if (r.totalExact) onExact(r.total);
          else askExact(query, key);
        },
        () => void 0, // the next block request asks again
      );
    }, EXACT_RETRY_MS);
  };
  // A first block answered partly at the deadline (its first rows, in order): asked again until it
  // is whole, then the grid reloads its blocks (kept on screen until the new ones arrive).
  const askWhole = (query: ReturnType<typeof toOrderQuery>, key: string, start: number, end: number, left = PARTIAL_RETRIES) => {
    setTimeout(() => {
      if (key !== latest) return;
      client.call('orders.page', { ...query, startRow: start, endRow: end }).then(
        (r) => {
          if (key !== latest) return;
          if (!r.partial) onRowsReady();
          else if (left > 1) askWhole(query, key, start, end, left - 1);
        },
        () => void (left > 1 && askWhole(query, key, start, end, left - 1)),
      );
    }, EXACT_RETRY_MS);
  };
  return {
    getRows: (p) => {
      const query = toOrderQuery(p.filterModel as Record<string, unknown>, p.sortModel, quickRef.current);
      const key = JSON.stringify(query);
      latest = key;
      client.call('orders.page', { ...query, startRow: p.startRow, endRow: p.endRow }).then(
        (r) => {
          if (key === latest) {
            onTotal(r.total, r.totalExact);
            if (!r.totalExact) askExact(query, key);
            if (r.partial) askWhole(query, key, p.startRow, p.endRow);
          }
          p.successCallback(r.rows, r.total);
        },
        (e: unknown) => {
          onTotal(null);
          onError(e);
          p.failCallback();
        },
      );
    },
  };
}

/**
 * AG Grid reads its own words (localeText) only when it is created, so a language switch
 * re-creates the grid; the state it had (columns, filters, sort, scroll) carries over.
 */
export function OrdersGrid(props: OrdersGridProps) {
  const { i18n } = useTranslation();
  const carried = useRef<GridState | undefined>(undefined);
  // Kept current on every state change, so it is ready when the new grid mounts (before the old one is gone).
  const onState = useCallback((st: GridState) => void (carried.current = { ...st, rowSelection: undefined }), []);
  return <LocalisedGrid key={i18n.language} {...props} initialState={carried.current} onState={onState} />;
}

function LocalisedGrid({ facets, canAmounts, quickRef, height, reloadKey, onReady, onTotal, onSelection, onFilters, onOpen, onSelectAll, initialState, onState }: OrdersGridProps & { initialState: GridState | undefined; onState(state: GridState): void }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const columnDefs = useMemo(() => orderColumns(t, lang, facets, canAmounts), [t, lang, facets, canAmounts]);
  const localeText = useMemo(() => gridLocale(lang, { noRowsToShow: t('orders.noRows') }), [lang, t]);
  const apiRef = useRef<GridApi<OrderRow> | null>(null);

  const onError = useCallback((e: unknown) => void message.error(t('orders.loadFailed', { message: errorText(e) })), [message, t]);
  // The exact count replaces the estimate the grid was sized by.
  const onExact = useCallback((n: number) => apiRef.current?.setRowCount(n, true), []);
  // A block that came back partly is whole now: the grid asks for its blocks again (answered warm).
  const onRowsReady = useCallback(() => apiRef.current?.refreshInfiniteCache(), []);

  useEffect(() => {
    if (reloadKey > 0) apiRef.current?.setGridOption('datasource', makeDatasource(quickRef, onTotal, onError, onExact, onRowsReady));
    // Only a new reloadKey means "start over"; the callbacks are stable enough to capture once.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [reloadKey]);

  const onGridReady = useCallback(
    (e: GridReadyEvent<OrderRow>) => {
      apiRef.current = e.api;
      e.api.setGridOption('datasource', makeDatasource(quickRef, onTotal, onError, onExact, onRowsReady));
      onReady(e.api);
      // A re-created grid (language switch) starts with no selection; the filters came with it.
      onSelection([]);
      onFilters(Object.keys(e.api.getFilterModel() ?? {}));
    },
    [quickRef, onTotal, onError, onExact, onReady, onSelection, onFilters],
  );

  const onCellKeyDown = useCallback(
    (e: CellKeyDownEvent<OrderRow>) => {
      const ev = e.event as KeyboardEvent | null | undefined;
      if (!ev) return;
      if (ev.key === 'Enter' && e.data) {
        onOpen(e.data.id);
        return;
      }
      if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'a' && onSelectAll) {
        ev.preventDefault();
        onSelectAll();
        return;
      }
      if ((ev.ctrlKey || ev.metaKey) && ev.key.toLowerCase() === 'c') {
        const got = copyText(e.api);
        if (!got) return;
        ev.preventDefault();
        navigator.clipboard.writeText(got.text).then(
          () => void message.success(got.rows ? t('orders.copied', { count: got.rows }) : t('orders.copiedCell')),
          (err: unknown) => void message.error(t('orders.copyFailed', { message: errorText(err) })),
        );
      }
    },
    [onOpen, onSelectAll, message, t],
  );

  const onRowDoubleClicked = useCallback((e: RowDoubleClickedEvent<OrderRow>) => e.data && onOpen(e.data.id), [onOpen]);
  const onCellClicked = useCallback((e: CellClickedEvent<OrderRow>) => e.column.getColId() === 'platformOrderId' && e.data && onOpen(e.data.id), [onOpen]);
  const onStateUpdated = useCallback((e: StateUpdatedEvent<OrderRow>) => onState(e.state), [onState]);
  const onFilterChanged = useCallback((e: FilterChangedEvent<OrderRow>) => onFilters(Object.keys(e.api.getFilterModel() ?? {})), [onFilters]);
  const onSelectionChanged = useCallback((e: SelectionChangedEvent<OrderRow>) => onSelection(e.api.getSelectedRows().map((r) => r.id)), [onSelection]);

  return (
    <div style={{ height }} data-testid="orders-grid">
      <AgGridReact<OrderRow>
        theme={gridTheme}
        localeText={localeText}
        columnDefs={columnDefs}
        defaultColDef={DEFAULT_COL}
        maintainColumnOrder
        rowModelType="infinite"
        cacheBlockSize={100}
        maxBlocksInCache={40}
        infiniteInitialRowCount={1}
        getRowId={rowId}
        rowSelection={SELECTION}
        selectionColumnDef={SELECTION_COL}
        tooltipShowDelay={500}
        onGridReady={onGridReady}
        onCellKeyDown={onCellKeyDown}
        onRowDoubleClicked={onRowDoubleClicked}
        onCellClicked={onCellClicked}
        onSelectionChanged={onSelectionChanged}
        onFilterChanged={onFilterChanged}
        initialState={initialState}
        onStateUpdated={onStateUpdated}
      />
    </div>
  );
}

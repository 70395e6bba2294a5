/**
 * The exceptions, overdue first, in AG Grid's infinite row model paging from exceptions.list
 * (nothing loads every row). Clicking a row opens its drawer; the order number opens the order.
 */
import type { ColDef, GetRowIdParams, GridApi, IDatasource, RowClickedEvent, RowSelectionOptions, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { Tag } from 'antd';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { SEVERITY_LABELS } from '../../../src-shared/exceptions';
import type { ExceptionView } from '../../../src-shared/contract/exceptions';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { gridLocale, gridTheme, registerGridModules } from '../orders/agGrid';
import { listInput, type ExceptionFilter } from './filters';
import { onRiskChanged } from './live';
import { detectorWord, exceptionCause, exceptionClose, langOf, ownerText, SEVERITY_COLOR } from './words';

registerGridModules();

const SELECTION: RowSelectionOptions<ExceptionView> = { mode: 'multiRow', checkboxes: true, headerCheckbox: false, enableClickSelection: false };
const rowId = (p: GetRowIdParams<ExceptionView>) => p.data.id;
const time = (ms: number | null) => (ms ? formatInZone(ms).slice(5, 16) : '');

function datasource(filter: ExceptionFilter, onTotal: (n: number) => void): IDatasource {
  return {
    getRows: (p) => {
      client.call('exceptions.list', listInput(filter, p.startRow, p.endRow - p.startRow)).then(
        (r) => {
          onTotal(r.total);
          p.successCallback(r.rows, r.total);
        },
        () => p.failCallback(),
      );
    },
  };
}

export function ExceptionsGrid({ filter, height, onOpen, onOrder, onSelection, onTotal }: {
  filter: ExceptionFilter; height: number; onOpen(id: string): void; onOrder(orderId: string): void; onSelection(ids: string[]): void; onTotal(n: number): void;
}) {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const api = useRef<GridApi<ExceptionView> | null>(null);
  const key = JSON.stringify(filter);

  const columns = useMemo<ColDef<ExceptionView>[]>(() => [
    { colId: 'severity', headerName: t('exceptions.ws.col.severity'), width: lang === 'en' ? 104 : 78, cellRenderer: (p: { data?: ExceptionView }) => p.data && <Tag color={SEVERITY_COLOR[p.data.severity]}>{SEVERITY_LABELS[p.data.severity][lang]}</Tag> },
    { colId: 'detector', headerName: t('exceptions.ws.col.detector'), width: 170, valueGetter: (p) => (p.data ? detectorWord(p.data, lang) : '') },
    { colId: 'cause', headerName: t('exceptions.ws.col.cause'), flex: 1, minWidth: 220, tooltipValueGetter: (p) => (p.data ? exceptionCause(p.data, lang) : ''),
      valueGetter: (p) => (p.data ? (p.data.state === 'closed' ? exceptionClose(p.data, lang) : exceptionCause(p.data, lang)) : '') },
    { colId: 'order', headerName: t('exceptions.ws.col.order'), width: 170,
      cellRenderer: (p: { data?: ExceptionView }) => (p.data?.orderId
        ? <a data-testid={`exc-order-${p.data.platformOrderId}`} onClick={(e) => { e.stopPropagation(); onOrder(p.data!.orderId!); }}>{p.data.platformOrderId}</a>
        : p.data?.subjectName ?? '') },
    { colId: 'shop', headerName: t('exceptions.ws.col.shop'), width: 130, valueGetter: (p) => p.data?.shopName ?? '' },
    { colId: 'owner', headerName: t('exceptions.ws.col.owner'), width: 100, valueGetter: (p) => (p.data ? ownerText(p.data, lang) : '') },
    { colId: 'openedAt', headerName: t('exceptions.ws.col.openedAt'), width: 110, valueGetter: (p) => time(p.data?.openedAt ?? null) },
    { colId: 'dueAt', headerName: t('exceptions.ws.col.dueAt'), width: 120,
      cellRenderer: (p: { data?: ExceptionView }) => p.data && (p.data.overdue ? <Tag color="red">{t('exceptions.ws.overdue')} {time(p.data.dueAt)}</Tag> : time(p.data.dueAt)) },
  ], [t, lang, onOrder]);
  const localeText = useMemo(() => gridLocale(lang, { noRowsToShow: t('exceptions.ws.noRows') }), [lang, t]);

  useEffect(() => {
    api.current?.setGridOption('datasource', datasource(filter, onTotal));
    api.current?.deselectAll();
    // The filter's JSON is the identity of the query.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  useEffect(() => onRiskChanged(() => api.current?.refreshInfiniteCache()), []);

  return (
    <div style={{ height }} data-testid="exceptions-grid">
      <AgGridReact<ExceptionView>
        key={i18n.language}
        theme={gridTheme}
        rowModelType="infinite"
        cacheBlockSize={100}
        columnDefs={columns}
        localeText={localeText}
        rowSelection={SELECTION}
        getRowId={rowId}
        onGridReady={(e) => {
          api.current = e.api;
          e.api.setGridOption('datasource', datasource(filter, onTotal));
        }}
        onRowClicked={(e: RowClickedEvent<ExceptionView>) => e.data && onOpen(e.data.id)}
        onSelectionChanged={(e: SelectionChangedEvent<ExceptionView>) => onSelection(e.api.getSelectedRows().map((r) => r.id))}
        tooltipShowDelay={300}
      />
    </div>
  );
}

/**
 * The orders grid's columns. Column ids are the contract's ORDER_GRID_COLUMNS, so the grid's
 * filter and sort models map one to one onto orders.page (see gridModels.ts).
 */
import type { ColDef, ValueFormatterParams } from 'ag-grid-community';
import type { TFunction } from 'i18next';
import type { CallOutput } from '../../../src-shared/contract';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { formatYuan } from '../../../src-shared/money';
import { CHANNEL_KIND_LABELS, ORDER_STATUSES, PLATFORM_PHASES, PLATFORM_PHASE_LABELS, URGENCIES, type ChannelKind } from '../../../src-shared/orders';
import { DEFAULT_ZONE, formatInZone } from '../../../src-shared/time';
import { StatusCell, TagsCell, UrgencyCell, holdWords, statusLabel, trackingText, urgencyLabel, type Lang } from './cells';
import { SetFilter, type PickOption, type SetFilterParams } from './SetFilter';
import { SlaClock, slaText } from './flow/SlaClock';

export type Facets = CallOutput<'orders.facets'>;

/** "SKU-1 × 2" for a one-line order, "5 件" for several lines, nothing for an order without lines. */
export function itemsText(items: OrderRow['items'] | undefined, t: TFunction): string {
  if (!items || !items.lines) return '';
  return items.lines === 1 && items.first ? `${items.first} × ${items.qty}` : t('find.pieces', { count: items.qty });
}

/** Columns the export has no column for (shown and copied, not exported). */
export const NOT_EXPORTED = (colId: string) => colId === 'items';

/** Columns that exist for people, not for the server: never filtered, sorted, copied or exported. */
export const DISPLAY_ONLY = (colId: string) => colId === 'rowNo' || colId.startsWith('ag-Grid-');

const textFilter = {
  filter: 'agTextColumnFilter',
  filterParams: { filterOptions: ['contains', 'equals', 'startsWith', 'notContains', 'blank', 'notBlank'], maxNumConditions: 1, buttons: ['reset', 'apply'], closeOnApply: true },
} satisfies ColDef;
const dateFilter = {
  filter: 'agDateColumnFilter',
  filterParams: { filterOptions: ['inRange', 'equals', 'lessThan', 'greaterThan'], defaultOption: 'inRange', maxNumConditions: 1, inRangeInclusive: true, buttons: ['reset', 'apply'], closeOnApply: true },
} satisfies ColDef;
const moneyFilter = {
  filter: 'agNumberColumnFilter',
  filterParams: { filterOptions: ['greaterThanOrEqual', 'lessThanOrEqual', 'inRange', 'equals'], maxNumConditions: 1, buttons: ['reset', 'apply'], closeOnApply: true },
} satisfies ColDef;
const pickFilter = (options: () => PickOption[]): Pick<ColDef<OrderRow>, 'filter' | 'filterParams'> => ({ filter: SetFilter, filterParams: { options } satisfies SetFilterParams });

const time = (p: ValueFormatterParams<OrderRow, number | null>) => (p.value ? formatInZone(p.value, DEFAULT_ZONE) : '');

/**
 * The first eight columns (order no., shop, status, buyer, amount, paid time, urgency) fit
 * 1366×768 without scrolling sideways (tests/e2e/office-layout.e2e.ts); the rest follow.
 * Widths, pinning and visibility are `initial*`: the defs are rebuilt when the pick-list values
 * arrive, and plain `width`/`hide`/`pinned` would then undo a view the person just applied.
 */
export function orderColumns(t: TFunction, lang: Lang, facets: Facets | undefined, canAmounts: boolean): ColDef<OrderRow>[] {
  const h = (id: string) => t(`orders.col.${id}`);
  const kinds = [...new Set((facets?.channels ?? []).map((c) => c.kind))];
  return [
    {
      colId: 'rowNo', headerName: h('rowNo'), initialWidth: 56, initialPinned: 'left', lockPosition: 'left', sortable: false, suppressMovable: true,
      valueGetter: (p) => (p.node?.rowIndex != null ? p.node.rowIndex + 1 : ''), cellClass: 'orders-row-no',
    },
    {
      colId: 'platformOrderId', field: 'platformOrderId', headerName: h('platformOrderId'), initialWidth: 184, initialPinned: 'left', ...textFilter,
      cellClass: 'orders-order-no', tooltipField: 'platformOrderId',
    },
    {
      colId: 'channelId', headerName: h('channelId'), initialWidth: 160, valueGetter: (p) => p.data?.shopName ?? '',
      ...pickFilter(() => (facets?.channels ?? []).map((c) => ({ value: c.id, label: c.name }))),
    },
    {
      colId: 'status', field: 'status', headerName: h('status'), initialWidth: 140, ...pickFilter(() => ORDER_STATUSES.map((s) => ({ value: s, label: statusLabel(s, lang) }))),
      valueFormatter: (p) => [statusLabel(p.data?.status, lang), ...holdWords(p.data, t)].filter(Boolean).join(' '),
      cellRenderer: (p: { data?: OrderRow }) => <StatusCell row={p.data} lang={lang} t={t} />,
    },
    { colId: 'buyerNick', field: 'buyerNick', headerName: h('buyerNick'), initialWidth: 130, ...textFilter },
    {
      colId: 'paidFen', field: 'paidFen', headerName: h('paidFen'), initialWidth: 112, type: 'rightAligned', initialHide: !canAmounts, ...moneyFilter,
      valueFormatter: (p) => (p.value == null ? '' : formatYuan(p.value as number)),
    },
    { colId: 'paidAt', field: 'paidAt', headerName: h('paidAt'), initialWidth: 150, ...dateFilter, valueFormatter: time },
    {
      colId: 'urgency', field: 'urgency', headerName: h('urgency'), initialWidth: 96, ...pickFilter(() => URGENCIES.map((u) => ({ value: u, label: urgencyLabel(u, lang) }))),
      valueFormatter: (p) => urgencyLabel(p.value as OrderRow['urgency'] | undefined, lang),
      cellRenderer: (p: { data?: OrderRow }) => <UrgencyCell urgency={p.data?.urgency} lang={lang} />,
    },
    {
      // The SLA clock: sorted overdue-first by its due time; shows time left or overdue.
      colId: 'slaDueAt', field: 'slaDueAt', headerName: h('slaDueAt'), initialWidth: 118, ...dateFilter,
      valueFormatter: (p) => slaText(p.value as number | null, Date.now(), t, lang),
      cellRenderer: (p: { data?: OrderRow }) => (p.data ? <SlaClock dueAt={p.data.slaDueAt} /> : null),
    },
    {
      colId: 'platformPhase', field: 'platformPhase', headerName: h('platformPhase'), initialWidth: 112, initialHide: true,
      ...pickFilter(() => PLATFORM_PHASES.map((x) => ({ value: x, label: PLATFORM_PHASE_LABELS[x][lang] }))),
      valueFormatter: (p) => (p.value ? PLATFORM_PHASE_LABELS[p.value as OrderRow['platformPhase'] & string]?.[lang] ?? '' : ''),
    },
    {
      colId: 'channelKind', field: 'channelKind', headerName: h('channelKind'), initialWidth: 118, ...pickFilter(() => kinds.map((k) => ({ value: k, label: CHANNEL_KIND_LABELS[k][lang] }))),
      valueFormatter: (p) => (p.value ? (CHANNEL_KIND_LABELS[p.value as ChannelKind]?.[lang] ?? String(p.value)) : ''),
    },
    { colId: 'receiverName', field: 'receiverName', headerName: h('receiverName'), initialWidth: 96, ...textFilter },
    {
      colId: 'province', headerName: h('province'), initialWidth: 130, ...textFilter,
      // 上海市 rather than 上海市 上海市 for the municipalities (as the export writes it).
      valueGetter: (p) => [p.data?.province, p.data?.city === p.data?.province ? null : p.data?.city].filter(Boolean).join(' '),
    },
    { colId: 'promisedShipAt', field: 'promisedShipAt', headerName: h('promisedShipAt'), initialWidth: 160, ...dateFilter, valueFormatter: time },
    {
      colId: 'warehouseId', headerName: h('warehouseId'), initialWidth: 116, valueGetter: (p) => p.data?.warehouseName ?? '',
      ...pickFilter(() => (facets?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name }))),
    },
    {
      // SKU × quantity for a one-line order, "N 件" otherwise (issue 15, item 5); not a filter or sort column.
      colId: 'items', headerName: t('find.itemsCol'), initialWidth: 140, sortable: false,
      valueGetter: (p) => itemsText(p.data?.items, t), tooltipValueGetter: (p) => itemsText(p.data?.items, t),
    },
    {
      colId: 'tags', field: 'tags', headerName: h('tags'), initialWidth: 150, sortable: false, ...pickFilter(() => (facets?.tags ?? []).map((x) => ({ value: x, label: x }))),
      valueFormatter: (p) => ((p.value as string[] | undefined) ?? []).join(' '),
      cellRenderer: (p: { data?: OrderRow }) => <TagsCell tags={p.data?.tags} />,
    },
    {
      colId: 'trackingNo', headerName: h('trackingNo'), initialWidth: 190, ...textFilter,
      valueGetter: (p) => trackingText(p.data, t),
    },
    { colId: 'createdAt', field: 'createdAt', headerName: h('createdAt'), initialWidth: 160, initialHide: true, ...dateFilter, valueFormatter: time },
    {
      colId: 'goodsFen', field: 'goodsFen', headerName: h('goodsFen'), initialWidth: 112, type: 'rightAligned', initialHide: true, ...moneyFilter,
      valueFormatter: (p) => (p.value == null ? '' : formatYuan(p.value as number)),
    },
    { colId: 'buyerRemark', field: 'buyerRemark', headerName: h('buyerRemark'), initialWidth: 200, initialHide: true, ...textFilter, tooltipField: 'buyerRemark' },
  ];
}

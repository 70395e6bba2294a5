/**
 * The orders workspace: quick search, saved views, columns, export and bulk actions over one
 * grid; the order detail drawer opens from a row or from the link #/orders/<id>.
 */
import { ClearOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import type { GridApi } from 'ag-grid-community';
import { App, Button, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { BULK_MAX, type OrderRow } from '../../../src-shared/contract/orders';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { FirstSteps } from '../start/FirstSteps';
import { ActiveFilters } from './ActiveFilters';
import { BulkActions } from './BulkActions';
import { BulkMoves } from './flow/BulkMoves';
import { ColumnsMenu } from './ColumnsMenu';
import { DateBar } from './DateBar';
import { toOrderQuery } from './gridModels';
import { OrderDrawer } from './detail/OrderDrawer';
import { useDrawerKeys } from './detail/useDrawerKeys';
import { ExportButton } from './ExportButton';
import { OrdersGrid } from './OrdersGrid';
import { NothingFound, QuickSearch } from './QuickSearch';
import { useFillHeight } from './useFillHeight';
import { useLiveGrid } from './useLiveGrid';
import { ViewsMenu } from './ViewsMenu';
import { applyDrill, readDrill } from './drill';

export function OrdersScreen() {
  const { t } = useTranslation();
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  // #/orders/<id> opens the drawer over the grid; the grid stays mounted underneath.
  const openId = decodeURIComponent(location.pathname.split('/')[2] ?? '') || null;

  // Tags still being gathered at the server's deadline: the core says when they are all read
  // (orders.facetsReady, useLiveUpdates) and the list is asked again.
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}), staleTime: 60_000 });
  const [api, setApi] = useState<GridApi<OrderRow> | null>(null);
  const [total, setTotal] = useState<{ count: number; exact: boolean } | null>(null);
  const onTotal = useCallback((count: number | null, exact = true) => setTotal(count === null ? null : { count, exact }), []);
  const [selected, setSelected] = useState<string[]>([]);
  const [filtered, setFiltered] = useState<string[]>([]);
  const [quick, setQuick] = useState('');
  const quickRef = useRef('');
  const [reloadKey, setReloadKey] = useState(0);
  const { ref, height } = useFillHeight<HTMLDivElement>();
  const { message } = App.useApp();
  // "Select all N matching": the ids, fetched once and confirmed by count before any bulk action.
  const [all, setAll] = useState<string[] | null>(null);
  useEffect(() => setAll(null), [reloadKey, filtered, selected]);
  const canBulk = can('orders.note') || can('orders.tag');
  const selectAll = useCallback(async () => {
    if (!api || !canBulk) return;
    if (total && total.count > BULK_MAX) return void message.warning(t('find.selectAllTooMany', { max: BULK_MAX.toLocaleString('en-US') }));
    try {
      const query = toOrderQuery(api.getFilterModel() as Record<string, unknown>, [], quickRef.current);
      const r = await client.call('orders.matchingIds', query);
      setAll(r.ids);
    } catch (e) {
      void message.error(errorText(e));
    }
  }, [api, canBulk, total, message, t]);
  // An empty workspace opens on its first steps, not on a grid that says nothing matches.
  // Asked again when orders arrive (orders.changed, useLiveUpdates), not on a timer.
  const any = useQuery({ queryKey: ['orders.any'], queryFn: () => client.call('orders.page', { startRow: 0, endRow: 1 }) });
  // A chart's drill-down (#/orders?drill=…) sets the grid's filter and sort once the grid is ready.
  const drill = readDrill(location.search);
  const drillKey = drill ? location.search : null;
  useEffect(() => {
    if (api && drill) applyDrill(api, drill);
    // The search string is the drill's identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [api, drillKey]);

  const runQuick = useCallback((q: string) => {
    setQuick(q);
    if (q.trim() === quickRef.current) return;
    quickRef.current = q.trim();
    setReloadKey((k) => k + 1);
  }, []);
  // Typing searches after a short pause (phone last 4, a pasted order no.); Enter searches at once.
  useEffect(() => {
    const timer = setTimeout(() => runQuick(quick), 400);
    return () => clearTimeout(timer);
  }, [quick, runQuick]);
  const go = useCallback((id: string | null) => navigate(id ? `/orders/${encodeURIComponent(id)}${location.search}` : `/orders${location.search}`), [navigate, location.search]);
  const drawer = useDrawerKeys(api, openId, go);
  const open = drawer.openFromGrid;
  // Pushed changes reload the grid's blocks; the pick lists (tags, shops) with them, but not oftener than they go stale.
  const refetchFacets = useCallback(() => void (facets.isStale && facets.refetch()), [facets]);
  useLiveGrid(api, refetchFacets);
  const refresh = useCallback(() => {
    api?.deselectAll();
    api?.refreshInfiniteCache();
    void facets.refetch();
  }, [api, facets]);

  if (any.data?.total === 0 && !openId) return <FirstSteps shops={facets.data?.channels.length ?? 0} />;

  return (
    <div data-testid="orders-screen" style={{ display: 'flex', flexDirection: 'column', flex: 1, minHeight: 0 }}>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, alignItems: 'center', marginBottom: 8 }}>
        <QuickSearch value={quick} onChange={setQuick} onSearch={runQuick} />
        <ViewsMenu api={api} quick={quick} onQuick={runQuick} skipRestore={!!drill} />
        <ColumnsMenu api={api} canAmounts={can('orders.viewAmounts')} />
        <DateBar api={api} filtered={filtered} />
        <Button icon={<ClearOutlined />} disabled={!api || (!filtered.length && !quick)} onClick={() => { api?.setFilterModel(null); runQuick(''); }}>{t('orders.clearFilters')}</Button>
        <div style={{ flex: 1 }} />
        <Typography.Text data-testid="orders-total" data-exact={total?.exact ?? true} strong>
          {total === null ? '' : t(total.exact ? 'orders.total' : 'orders.totalApprox', { count: total.count })}
        </Typography.Text>
        {can('orders.export') && <ExportButton api={api} quick={quick} total={total?.count ?? null} />}
      </div>
      <ActiveFilters api={api} colIds={filtered} />
      {(selected.length > 0 || all) && (
        <div style={{ display: 'flex', gap: 12, alignItems: 'center', marginBottom: 8, padding: '4px 8px', background: '#e6f4ff', borderRadius: 4 }} data-testid="selection-bar">
          {all ? (
            <>
              <Typography.Text strong data-testid="all-selected">{t('find.allSelected', { count: all.length.toLocaleString('en-US') })}</Typography.Text>
              <Typography.Link onClick={() => setAll(null)}>{t('find.keepPage')}</Typography.Link>
            </>
          ) : (
            <>
              <Typography.Text>{t('orders.selected', { count: selected.length })}</Typography.Text>
              {canBulk && total && total.count > selected.length && (
                <Typography.Link data-testid="select-all" onClick={() => void selectAll()}>
                  {total.count > BULK_MAX ? t('find.selectAllTooMany', { max: BULK_MAX.toLocaleString('en-US') }) : t('find.selectAll', { count: total.count.toLocaleString('en-US') })}
                </Typography.Link>
              )}
            </>
          )}
          {/* Across pages the count was confirmed instead of each row's version (the rows were never shown). */}
          <BulkActions ids={all ?? selected} confirmAll={!!all} tags={facets.data?.tags ?? []} onDone={refresh}
            versions={all ? undefined : Object.fromEntries((api?.getSelectedRows() ?? []).map((r) => [r.id, r.version]))} />
          {/* Moves act on the rows ticked on this page; not offered for "all matching". */}
          {!all && <BulkMoves api={api} warehouses={facets.data?.warehouses ?? []} onDone={refresh} />}
        </div>
      )}
      <div ref={ref} style={{ flex: 1, minHeight: 240, overflow: 'hidden', position: 'relative' }}>
        {total?.count === 0 && quickRef.current && <NothingFound quick={quickRef.current} filtered={filtered.length > 0} />}
        <OrdersGrid
          facets={facets.data}
          canAmounts={can('orders.viewAmounts')}
          quickRef={quickRef}
          height={height}
          reloadKey={reloadKey}
          onReady={setApi}
          onTotal={onTotal}
          onSelection={setSelected}
          onFilters={setFiltered}
          onOpen={open}
          onSelectAll={() => void selectAll()}
        />
      </div>
      <OrderDrawer id={openId} onClose={drawer.close} onClosed={drawer.closed} onOpen={drawer.openFromDrawer} onChanged={() => api?.refreshInfiniteCache()} />
    </div>
  );
}

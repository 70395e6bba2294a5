/**
 * The 异常 workspace: tabs by type with counts (and mine), overdue first; filters kept in the URL so
 * the board's charts link here; bulk assign / close / snooze with a reason; drill into the order.
 */
import { useQuery } from '@tanstack/react-query';
import { Badge, Button, Checkbox, Select, Space, Tabs, Tag, Typography } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';
import { DETECTOR_LABELS, EXCEPTION_TYPE_LABELS, EXCEPTION_TYPES, SEVERITIES, SEVERITY_LABELS } from '../../../src-shared/exceptions';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { useSession } from '../../session/session';
import { useFillHeight } from '../orders/useFillHeight';
import { BulkDialog, type BulkKind } from './BulkDialog';
import { ExceptionDrawer } from './ExceptionDrawer';
import { ExceptionsGrid } from './ExceptionsGrid';
import { exceptionsLink, parseFilter, type ExceptionFilter } from './filters';
import { RISK_KEY } from './live';
import { langOf } from './words';

export function ExceptionsScreen() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const { can } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const filter = useMemo(() => parseFilter(location.search), [location.search]);
  const openId = decodeURIComponent(location.pathname.split('/')[2] ?? '') || null;
  const [selected, setSelected] = useState<string[]>([]);
  const [total, setTotal] = useState<number | null>(null);
  const [bulk, setBulk] = useState<{ kind: BulkKind; ids: string[] } | null>(null);
  const { ref, height } = useFillHeight<HTMLDivElement>();
  const counts = useQuery({ queryKey: [RISK_KEY, 'counts'], queryFn: () => client.call('exceptions.counts', {}) });

  const go = useCallback((f: Partial<ExceptionFilter>, id?: string | null) => {
    const link = exceptionsLink({ ...filter, ...f });
    const [path, search] = link.split('?');
    navigate(`${path}${id ? `/${encodeURIComponent(id)}` : ''}${search ? `?${search}` : ''}`);
  }, [filter, navigate]);
  const openOrder = useCallback((orderId: string) => navigate(`/orders/${encodeURIComponent(orderId)}`), [navigate]);
  const c = counts.data;
  const badge = (n: number | undefined) => <Badge count={n ?? 0} overflowCount={9999} size="small" style={{ marginLeft: 6 }} showZero={false} />;
  const narrowing = [
    filter.detector && <Tag key="d" closable onClose={() => go({ detector: undefined })}>{DETECTOR_LABELS[filter.detector][lang]}</Tag>,
    filter.orderId && <Tag key="o" closable onClose={() => go({ orderId: undefined })}>{t('exceptions.ws.col.order')}</Tag>,
    filter.channelId && <Tag key="s" closable onClose={() => go({ channelId: undefined })}>{t('exceptions.ws.col.shop')}</Tag>,
    filter.ownerId && <Tag key="w" closable onClose={() => go({ ownerId: undefined })}>{t('exceptions.ws.col.owner')}</Tag>,
    filter.openedFrom !== undefined && <Tag key="f" closable onClose={() => go({ openedFrom: undefined, openedTo: undefined })}>
      {t('exceptions.ws.openedBetween', { from: formatInZone(filter.openedFrom).slice(5, 16), to: formatInZone(filter.openedTo ?? Date.now()).slice(5, 16) })}</Tag>,
  ].filter(Boolean);

  return (
    <div data-testid="exceptions-screen">
      <Tabs
        activeKey={filter.tab}
        onChange={(k) => go({ tab: k as ExceptionFilter['tab'] })}
        items={[
          { key: 'all', label: <span>{t('exceptions.ws.all')}{badge(c?.open)}</span> },
          { key: 'mine', label: <span data-testid="tab-mine">{t('exceptions.ws.mine')}{badge(c?.mine)}</span> },
          ...EXCEPTION_TYPES.map((ty) => {
            const n = c?.byType.find((b) => b.type === ty);
            return { key: ty, label: <span data-testid={`tab-${ty}`}>{EXCEPTION_TYPE_LABELS[ty][lang]}{badge(n?.open)}{n?.overdue ? <Tag color="red" style={{ marginLeft: 4 }}>{n.overdue}</Tag> : null}</span> };
          }),
        ]}
      />
      <Space wrap style={{ marginBottom: 8 }}>
        <Select style={{ width: 150 }} value={filter.state} onChange={(v) => go({ state: v })} options={(['open', 'snoozed', 'active', 'closed', 'all'] as const).map((s) => ({ value: s, label: t(`exceptions.ws.state.${s}`) }))} aria-label={t('exceptions.ws.col.state')} />
        <Select style={{ width: 140 }} allowClear placeholder={t('exceptions.ws.anySeverity')} value={filter.severity} onChange={(v) => go({ severity: v })} options={SEVERITIES.map((s) => ({ value: s, label: SEVERITY_LABELS[s][lang] }))} aria-label={t('exceptions.ws.severity')} />
        <Checkbox checked={filter.overdueOnly} onChange={(e) => go({ overdueOnly: e.target.checked })}>{t('exceptions.ws.overdueOnly')}</Checkbox>
        {narrowing}
        {narrowing.length > 0 && <Button size="small" onClick={() => navigate('/exceptions')}>{t('exceptions.ws.clear')}</Button>}
        <Typography.Text strong data-testid="exceptions-total">{total === null ? '' : t('exceptions.ws.total', { count: total })}</Typography.Text>
      </Space>
      {selected.length > 0 && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'center', marginBottom: 8, padding: '4px 8px', background: '#e6f4ff', borderRadius: 4 }} data-testid="exceptions-selection">
          <Typography.Text>{t('exceptions.ws.selected', { count: selected.length })}</Typography.Text>
          {can('exceptions.manage') && <Button size="small" onClick={() => setBulk({ kind: 'assign', ids: selected })}>{t('exceptions.ws.assign')}</Button>}
          {can('exceptions.work') && <Button size="small" onClick={() => setBulk({ kind: 'snooze', ids: selected })}>{t('exceptions.ws.snooze')}</Button>}
          {can('exceptions.work') && <Button size="small" danger onClick={() => setBulk({ kind: 'close', ids: selected })} data-testid="bulk-close">{t('exceptions.ws.close')}</Button>}
        </div>
      )}
      <div ref={ref}>
        <ExceptionsGrid filter={filter} height={height} onOpen={(id) => go({}, id)} onOrder={openOrder} onSelection={setSelected} onTotal={setTotal} />
      </div>
      <ExceptionDrawer id={openId} onClose={() => go({}, null)} onOrder={openOrder} onCloseIt={(id) => setBulk({ kind: 'close', ids: [id] })} />
      {bulk && <BulkDialog kind={bulk.kind} ids={bulk.ids} onCancel={() => setBulk(null)} onDone={() => { setBulk(null); setSelected([]); }} />}
    </div>
  );
}

/**
 * Metrics (#12 §2): exception half-life by type / owner / shop, on-time shipment rate by day / shop /
 * warehouse, open orders red-amber-green, the channel funnel. A click opens the exceptions or orders counted.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Radio, Row, Select, Space, Typography } from 'antd';
import type { EChartsOption } from 'echarts';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { DETECTOR_LABELS, EXCEPTION_TYPE_LABELS, type DetectorCode, type ExceptionType } from '../../../src-shared/exceptions';
import { PRE_SHIPMENT_STATUSES } from '../../../src-shared/orders';
import { client } from '../../api/client';
import { Chart } from '../../components/Chart';
import { halfLifeOption, onTimeOption } from '../board/charts';
import { exceptionsLink } from '../exceptions/filters';
import { RISK_KEY } from '../exceptions/live';
import { langOf, roleText } from '../exceptions/words';
import { ordersLink } from '../orders/drill';

const DAY = 86_400_000;
type HalfBy = 'type' | 'detector' | 'owner' | 'shop';
type OnTimeBy = 'day' | 'shop' | 'warehouse';
const beijingDay = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export function MetricsScreen() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const navigate = useNavigate();
  const [days, setDays] = useState(30);
  const [halfBy, setHalfBy] = useState<HalfBy>('type');
  const [onTimeBy, setOnTimeBy] = useState<OnTimeBy>('day');
  // The period ends at the start of the next hour, so the queries' keys stay still for a while.
  const range = useMemo(() => {
    const to = Math.ceil(Date.now() / 3_600_000) * 3_600_000;
    return { from: to - days * DAY, to };
  }, [days]);
  const trend = useQuery({ queryKey: [RISK_KEY, 'hl', range, 'none'], queryFn: () => client.call('metrics.halfLife', { ...range, groupBy: 'none' }) });
  const groups = useQuery({ queryKey: [RISK_KEY, 'hl', range, halfBy], queryFn: () => client.call('metrics.halfLife', { ...range, groupBy: halfBy }) });
  const onTime = useQuery({ queryKey: [RISK_KEY, 'ot', range, onTimeBy], queryFn: () => client.call('metrics.onTime', { ...range, groupBy: onTimeBy }) });
  const mix = useQuery({ queryKey: [RISK_KEY, 'mix'], queryFn: () => client.call('metrics.statusMix', {}) });
  const funnel = useQuery({ queryKey: [RISK_KEY, 'funnel', range], queryFn: () => client.call('metrics.funnel', range) });

  const groupLabel = (key: string, label: string | null) =>
    halfBy === 'type' ? EXCEPTION_TYPE_LABELS[key as ExceptionType]?.[lang] ?? key
      : halfBy === 'detector' ? DETECTOR_LABELS[key as DetectorCode]?.[lang] ?? key
      : halfBy === 'owner' ? label ?? roleText(key.slice(2), lang) : label ?? key;
  const hlGroups = groups.data?.groups ?? [];
  const groupOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 40, right: 12, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: hlGroups.map((g) => groupLabel(g.key, g.label)), axisLabel: { interval: 0, rotate: hlGroups.length > 5 ? 30 : 0 } },
    yAxis: { type: 'value', name: t('exceptions.metrics.hours') },
    series: [
      { name: t('exceptions.board.halfLife'), type: 'bar', data: hlGroups.map((g) => (g.halfLifeMs === null ? null : Math.round(g.halfLifeMs / 360_000) / 10)) },
      { name: t('exceptions.board.median'), type: 'bar', data: hlGroups.map((g) => (g.medianCloseMs === null ? null : Math.round(g.medianCloseMs / 360_000) / 10)) },
    ],
  };
  const drillGroup = (i: number) => {
    const g = hlGroups[i];
    if (!g) return;
    const base = { state: 'all' as const, openedFrom: range.from, openedTo: range.to };
    if (halfBy === 'type') navigate(exceptionsLink({ ...base, tab: g.key as ExceptionType }));
    else if (halfBy === 'detector') navigate(exceptionsLink({ ...base, detector: g.key as DetectorCode }));
    else if (halfBy === 'owner') navigate(exceptionsLink({ ...base, ...(g.key.startsWith('u:') ? { ownerId: g.key.slice(2) } : {}) }));
    else navigate(exceptionsLink({ ...base, channelId: g.key }));
  };
  const otRows = onTime.data?.rows ?? [];
  const drillOnTime = (i: number) => {
    const r = otRows[i];
    if (!r) return;
    if (onTimeBy === 'shop') navigate(ordersLink({ sets: { channelId: [r.key] }, sort: { colId: 'paidAt', sort: 'desc' } }));
    else if (onTimeBy === 'warehouse') navigate(ordersLink({ sets: { warehouseId: [r.key] }, sort: { colId: 'paidAt', sort: 'desc' } }));
    // A day: the orders promised that day were paid that day or the day before (the usual 24–48 h promise).
    else navigate(ordersLink({ dates: { paidAt: { from: beijingDay(Date.parse(`${r.key}T00:00:00+08:00`) - DAY), to: r.key } }, sort: { colId: 'paidAt', sort: 'asc' } }));
  };
  const m = mix.data;
  const mixOption: EChartsOption = {
    tooltip: { trigger: 'item' },
    series: [{ type: 'pie', radius: ['40%', '70%'], label: { formatter: '{b}\n{c}' }, data: m ? [
      { name: t('exceptions.metrics.red'), value: m.red, itemStyle: { color: '#f5222d' } },
      { name: t('exceptions.metrics.amber'), value: m.amber, itemStyle: { color: '#faad14' } },
      { name: t('exceptions.metrics.green'), value: m.green, itemStyle: { color: '#52c41a' } },
    ] : [] }],
  };
  const f = funnel.data?.rows ?? [];
  const stages = ['created', 'paid', 'shipped', 'delivered', 'completed', 'lost'] as const;
  const funnelOption: EChartsOption = {
    tooltip: { trigger: 'axis' },
    legend: { top: 0 },
    grid: { left: 48, right: 12, top: 32, bottom: 40 },
    xAxis: { type: 'category', data: stages.map((s) => t(`exceptions.metrics.${s}`)) },
    yAxis: { type: 'value' },
    series: f.map((r) => ({ name: r.shopName, type: 'bar', data: stages.map((s) => r[s]) })),
  };

  return (
    <div data-testid="metrics">
      <Space style={{ marginBottom: 12 }} wrap>
        <Typography.Text>{t('exceptions.metrics.range')}</Typography.Text>
        <Radio.Group value={days} onChange={(e) => setDays(e.target.value as number)} optionType="button" options={[7, 30, 90].map((n) => ({ value: n, label: t('exceptions.metrics.days', { n }) }))} />
        <Typography.Text type="secondary">{t('exceptions.metrics.hint')}</Typography.Text>
      </Space>
      <Row gutter={[12, 12]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.metrics.halfLife')} extra={
            <Select size="small" style={{ width: 110 }} value={halfBy} onChange={setHalfBy} options={(['type', 'detector', 'owner', 'shop'] as const).map((k) => ({ value: k, label: t(`exceptions.metrics.by.${k}`) }))} />
          }>
            <Chart testId="chart-half-life-groups" option={groupOption} height={230} onPick={(p) => drillGroup(p.dataIndex)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.board.trend')}>
            <Chart testId="chart-half-life-days" option={halfLifeOption(trend.data?.groups[0]?.days ?? [], lang, { halfLife: t('exceptions.board.halfLife'), median: t('exceptions.board.median'), hours: t('exceptions.metrics.hours') })} height={230}
              onPick={(p) => {
                const d = trend.data?.groups[0]?.days[p.dataIndex];
                if (d) navigate(exceptionsLink({ state: 'all', openedFrom: Date.parse(`${d.day}T00:00:00+08:00`), openedTo: Date.parse(`${d.day}T00:00:00+08:00`) + DAY }));
              }} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.metrics.onTime')} extra={
            <Select size="small" style={{ width: 100 }} value={onTimeBy} onChange={setOnTimeBy} options={(['day', 'shop', 'warehouse'] as const).map((k) => ({ value: k, label: t(`exceptions.metrics.by.${k}`) }))} />
          }>
            <Chart testId="chart-on-time" option={onTimeOption(otRows, lang, { rate: t('exceptions.metrics.rate') }, onTimeBy === 'day')} height={230} onPick={(p) => drillOnTime(p.dataIndex)} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.metrics.rag')}>
            <Chart testId="chart-rag" option={mixOption} height={230} onPick={() => navigate(ordersLink({ sets: { status: [...PRE_SHIPMENT_STATUSES] }, sort: { colId: 'slaDueAt', sort: 'asc' } }))} />
          </Card>
        </Col>
        <Col xs={24}>
          <Card size="small" title={t('exceptions.metrics.funnel')}>
            <Chart testId="chart-funnel" option={funnelOption} height={250}
              onPick={(p) => {
                const shop = f[p.seriesIndex ?? 0];
                if (shop) navigate(ordersLink({ sets: { channelId: [shop.channelId] }, dates: { createdAt: { from: beijingDay(range.from), to: beijingDay(range.to - 1) } }, sort: { colId: 'createdAt', sort: 'desc' } }));
              }} />
          </Card>
        </Col>
      </Row>
    </div>
  );
}

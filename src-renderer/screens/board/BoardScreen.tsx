/**
 * The risk board (#12 §3): where the owner and the ops lead land after sign-in. Open exceptions by
 * severity and age, by type, the half-life trend, overdue and at-risk orders, who holds what, low
 * stock, and every connection's health. Every chart and list opens what it counts.
 */
import { useQuery } from '@tanstack/react-query';
import { Card, Col, Empty, List, Row, Skeleton, Statistic, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { AGE_BUCKETS, SEVERITIES } from '../../../src-shared/exceptions';
import { durationText } from '../../../src-shared/exception-words';
import type { OverdueOrder } from '../../../src-shared/contract/board';
import { ORDER_STATUS_LABELS, PRE_SHIPMENT_STATUSES } from '../../../src-shared/orders';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { Chart } from '../../components/Chart';
import { exceptionsLink } from '../exceptions/filters';
import { RISK_KEY } from '../exceptions/live';
import { langOf, roleText } from '../exceptions/words';
import { ordersLink } from '../orders/drill';
import { byTypeOption, halfLifeOption, severityAgeOption, typeOfSlice } from './charts';
import { HealthList } from './HealthList';

const HOUR = 3_600_000;

export function BoardScreen() {
  const { t, i18n } = useTranslation();
  const lang = langOf(i18n.language);
  const navigate = useNavigate();
  const q = useQuery({ queryKey: [RISK_KEY, 'board'], queryFn: () => client.call('board.get', {}) });
  const b = q.data;
  if (!b) return <Skeleton active paragraph={{ rows: 12 }} />;
  const e = b.exceptions;
  const dur = (ms: number | null) => (ms === null ? t('exceptions.board.notYetHalf') : durationText(ms / 60_000, lang));
  // Overdue and at-risk orders: the open statuses, the nearest SLA clock first.
  const openOrders = ordersLink({ sets: { status: [...PRE_SHIPMENT_STATUSES] }, sort: { colId: 'slaDueAt', sort: 'asc' } });
  const bucketRange = (index: number) => {
    const lo = index > 0 ? AGE_BUCKETS[index - 1]!.maxHours : 0;
    const hi = AGE_BUCKETS[index]!.maxHours;
    return { openedFrom: Number.isFinite(hi) ? Math.floor(b.at - hi * HOUR) : undefined, openedTo: Math.ceil(b.at - lo * HOUR) };
  };

  return (
    <div data-testid="board" data-drawn={q.isFetching ? 'refreshing' : 'drawn'} data-at={b.at}>
      <Row gutter={[12, 12]}>
        <Col xs={12} md={8} xl={4}>
          <Card size="small" hoverable onClick={() => navigate(exceptionsLink({}))} data-testid="kpi-open">
            <Statistic title={t('exceptions.board.openExceptions')} value={e.open} suffix={<Typography.Text type="danger" style={{ fontSize: 13 }}>{t('exceptions.board.critical')} {e.bySeverity.critical}</Typography.Text>} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small" hoverable onClick={() => navigate(openOrders)} data-testid="kpi-overdue">
            <Statistic title={t('exceptions.board.overdueOrders')} value={b.orders.overdue} valueStyle={{ color: b.orders.overdue ? '#cf1322' : undefined }} />
          </Card>
        </Col>
        <Col xs={12} md={8} xl={5}>
          <Card size="small" hoverable onClick={() => navigate(openOrders)} data-testid="kpi-at-risk">
            <Statistic title={t('exceptions.board.atRisk')} value={b.orders.atRisk} valueStyle={{ color: b.orders.atRisk ? '#d48806' : undefined }} />
          </Card>
        </Col>
        <Col xs={12} md={12} xl={5}>
          <Card size="small" hoverable onClick={() => navigate('/metrics')} data-testid="kpi-half-life">
            <Statistic title={t('exceptions.board.halfLife7')} value={dur(b.halfLife.last7.halfLifeMs)} />
          </Card>
        </Col>
        <Col xs={24} md={12} xl={5}>
          <Card size="small" hoverable onClick={() => navigate(exceptionsLink({ detector: 'stock_short_no_purchase' }))} data-testid="kpi-low-stock">
            <Statistic title={t('exceptions.board.lowStock')} value={b.lowStock.count} />
          </Card>
        </Col>

        <Col xs={24} lg={10}>
          <Card size="small" title={t('exceptions.board.bySeverityAge')}>
            <Chart testId="chart-severity-age" option={severityAgeOption(e, lang)} height={230}
              onPick={(p) => navigate(exceptionsLink({ severity: [...SEVERITIES].reverse()[p.seriesIndex ?? 0], ...bucketRange(p.dataIndex) }))} />
          </Card>
        </Col>
        <Col xs={24} lg={6}>
          <Card size="small" title={t('exceptions.board.byType')}>
            {e.byType.length ? <Chart testId="chart-by-type" option={byTypeOption(e, lang)} height={230} onPick={(p) => navigate(exceptionsLink({ tab: typeOfSlice(e, p.dataIndex) ?? 'all' }))} />
              : <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />}
          </Card>
        </Col>
        <Col xs={24} lg={8}>
          <Card size="small" title={t('exceptions.board.trend')}>
            <Chart testId="chart-half-life" option={halfLifeOption(b.halfLife.days, lang, { halfLife: t('exceptions.board.halfLife'), median: t('exceptions.board.median'), hours: t('exceptions.metrics.hours') })} height={230}
              onPick={(p) => {
                const day = b.halfLife.days[p.dataIndex];
                if (!day) return;
                const from = Date.parse(`${day.day}T00:00:00+08:00`);
                navigate(exceptionsLink({ state: 'all', openedFrom: from, openedTo: from + 24 * HOUR }));
              }} />
          </Card>
        </Col>

        <Col xs={24} lg={14}>
          <Card size="small" title={t('exceptions.board.overdueTop')} extra={<a onClick={() => navigate(openOrders)}>{t('exceptions.board.overdueOrders')} {b.orders.overdue}</a>}>
            <Table<OverdueOrder>
              size="small" pagination={false} rowKey="id" dataSource={b.orders.top} data-testid="overdue-top"
              locale={{ emptyText: t('exceptions.board.noOverdue') }}
              onRow={(r) => ({ onClick: () => navigate(`/orders/${encodeURIComponent(r.id)}`), style: { cursor: 'pointer' } })}
              columns={[
                { title: t('exceptions.board.order'), dataIndex: 'platformOrderId', render: (v: string) => <a>{v}</a> },
                { title: t('exceptions.board.shop'), dataIndex: 'shopName', ellipsis: true },
                { title: t('exceptions.board.status'), dataIndex: 'status', render: (s: OverdueOrder['status']) => ORDER_STATUS_LABELS[s][lang] },
                { title: t('exceptions.ws.overdue'), dataIndex: 'overdueMinutes', render: (m: number) => <Tag color="red">{t('exceptions.board.overdueFor', { d: durationText(m, lang) })}</Tag> },
                { title: t('exceptions.board.owner'), render: (_: unknown, r) => r.ownerName ?? (r.ownerRole ? roleText(r.ownerRole, lang) : '—') },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card size="small" title={t('exceptions.board.owners')}>
            <List size="small" dataSource={e.owners} locale={{ emptyText: '—' }} data-testid="owners"
              renderItem={(o) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => navigate(o.key.startsWith('u:') ? exceptionsLink({ ownerId: o.key.slice(2) }) : exceptionsLink({}))}>
                  <span>{o.key.startsWith('r:') ? roleText(o.name, lang) : o.name}</span>
                  <span>{t('exceptions.board.open')} {o.open}{o.critical ? <Tag color="red" style={{ marginLeft: 6 }}>{t('exceptions.board.critical')} {o.critical}</Tag> : null}</span>
                </List.Item>
              )} />
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.board.health')}>
            <HealthList health={b.health} missing={b.missing} onOpen={() => navigate('/channels')} />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('exceptions.board.lowStock')}>
            <List size="small" dataSource={b.lowStock.top} locale={{ emptyText: t('exceptions.board.noLowStock') }}
              renderItem={(r) => (
                <List.Item style={{ cursor: 'pointer' }} onClick={() => navigate(exceptionsLink({ detector: 'stock_short_no_purchase' }))}>
                  <span>{r.skuCode} {r.title ?? ''}</span><span>{r.free} / {r.safety}</span>
                </List.Item>
              )} />
          </Card>
        </Col>
      </Row>
      <Typography.Text type="secondary" style={{ display: 'block', marginTop: 8 }}>{t('exceptions.board.drawn', { time: formatInZone(b.at).slice(11, 19) })}</Typography.Text>
    </div>
  );
}

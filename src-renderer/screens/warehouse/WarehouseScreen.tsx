/**
 * 仓库发货 (the warehouse home): today's counts and waves, then one tab each for scan to ship (with
 * the latest shipments and their 发货回传 state), pick lists, packing slips, carrier handover and the SKUs' bins (库位).
 * F2 is scan to ship from anywhere; Alt+1…5 switch tabs.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Tabs, Tag, Typography } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentShipment, WarehouseHome } from '../../../src-shared/contract/shipping';
import { carrierName, confirmErrorText } from '../../../src-shared/shipping-words';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { onEvent } from '../../api/events';
import { refresh } from '../../api/refresh';
import { BinsPanel } from './BinsPanel';
import { HandoverPanel } from './HandoverPanel';
import { PackingSlipPanel } from './PackingSlipPanel';
import { PickListPanel } from './PickListPanel';
import { ScanPanel } from './ScanPanel';

const TABS = ['scan', 'pick', 'slip', 'handover', 'bins'] as const;
type Tab = (typeof TABS)[number];

const COUNTS: (keyof WarehouseHome)[] = ['toPick', 'picking', 'toHandOver', 'shippedToday', 'overdue', 'confirmPending', 'confirmRefused'];
/** Events come in bursts (a scan commits, then its 发货回传 is sent): one refresh per this long. */
const REFRESH_MS = 300;
const STATE_COLOR: Record<RecentShipment['state'], string> = { pending: 'processing', confirmed: 'success', refused: 'error', unsupported: 'default' };

export function WarehouseScreen() {
  const { t } = useTranslation();
  const qc = useQueryClient();
  const home = useQuery({ queryKey: ['shipping', 'home'], queryFn: () => client.call('shipping.home', {}) });
  const waves = useQuery({ queryKey: ['shipping', 'waves', 'today'], queryFn: () => client.call('shipping.pickLists', { since: dayjs().startOf('day').valueOf(), limit: 200 }) });
  // Pushed, not polled: parcels, 发货回传, pick lists and handovers (shipping.changed), orders reaching or leaving 待发货 (orders.changed).
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | null = null;
    const soon = () => void (timer ??= setTimeout(() => {
      timer = null;
      void refresh(qc, ['shipping']);
    }, REFRESH_MS));
    const offs = [onEvent('shipping.changed', soon), onEvent('orders.changed', soon)];
    return () => {
      offs.forEach((off) => off());
      if (timer) clearTimeout(timer);
    };
  }, [qc]);
  const [tab, setTab] = useState<Tab>('scan');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'F2') setTab('scan');
      const n = e.altKey ? Number(e.key) : 0;
      if (n >= 1 && n <= TABS.length) {
        e.preventDefault();
        setTab(TABS[n - 1]!);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <div data-testid="warehouse-screen" style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <Card size="small" title={t('shipping.title')}>
        <Row gutter={12}>
          {COUNTS.map((k) => (
            <Col key={k} flex="1 1 0">
              <Statistic title={t(`shipping.counts.${k}`)} value={home.data?.[k] ?? 0} data-testid={`wh-count-${k}`}
                valueStyle={(k === 'overdue' || k === 'confirmRefused') && (home.data?.[k] ?? 0) > 0 ? { color: '#cf1322' } : undefined} />
            </Col>
          ))}
          <Col flex="1 1 0">
            <Statistic title={t('floor.pick.waves')} value={waves.data?.length ?? 0} data-testid="wh-count-waves"
              suffix={waves.data?.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>/ {waves.data.reduce((n, w) => n + w.orders, 0)}</Typography.Text> : null} />
          </Col>
        </Row>
      </Card>
      <Tabs
        activeKey={tab} onChange={(k) => setTab(k as Tab)} size="small" tabBarExtraContent={<Typography.Text type="secondary">{t('floor.tabs.keys')}</Typography.Text>}
        items={[
          { key: 'scan', label: t('floor.tabs.scan'), children: <ScanTab active={tab === 'scan'} /> },
          { key: 'pick', label: t('floor.tabs.pick'), children: <PickListPanel /> },
          { key: 'slip', label: t('floor.tabs.slip'), children: <PackingSlipPanel /> },
          { key: 'handover', label: t('floor.tabs.handover'), children: <HandoverPanel /> },
          { key: 'bins', label: t('floor.tabs.bins'), children: <BinsPanel /> },
        ]}
      />
    </div>
  );
}

function ScanTab({ active }: { active: boolean }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const recent = useQuery({ queryKey: ['shipping', 'recent'], queryFn: () => client.call('shipping.recent', { limit: 50 }) });
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 12 }}>
      <ScanPanel active={active} />
      <Card size="small" title={t('shipping.recent.title')}>
        <Table<RecentShipment>
          size="small" rowKey="id" data-testid="recent-shipments" dataSource={recent.data ?? []} loading={recent.isLoading} pagination={{ pageSize: 10 }}
          columns={[
            { title: t('shipping.recent.at'), dataIndex: 'createdAt', width: 130, render: (v: number) => formatInZone(v).slice(5, 16) },
            { title: t('shipping.recent.orderNo'), dataIndex: 'orderNo', width: 200 },
            { title: t('shipping.recent.shop'), dataIndex: 'shopName', width: 150, ellipsis: true },
            { title: t('shipping.recent.carrier'), dataIndex: 'carrier', width: 80, render: (c: string) => carrierName(c, lang) },
            { title: t('shipping.recent.trackingNo'), dataIndex: 'trackingNo', width: 170 },
            { title: t('shipping.recent.state'), dataIndex: 'state', width: 100, render: (s: RecentShipment['state']) => <Tag color={STATE_COLOR[s]}>{t(`shipping.confirm.${s}`)}</Tag> },
            { title: t('shipping.recent.note'), dataIndex: 'error', ellipsis: true, render: (e: RecentShipment['error']) => confirmErrorText(e, lang) },
          ]}
        />
      </Card>
    </div>
  );
}

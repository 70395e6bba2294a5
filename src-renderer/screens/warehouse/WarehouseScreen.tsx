/** 仓库发货: today's counts, the scan-to-ship panel, and the latest shipments with their 发货回传 state. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table, Tag } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RecentShipment, WarehouseHome } from '../../../src-shared/contract/shipping';
import { carrierName, confirmErrorText } from '../../../src-shared/shipping-words';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { onEvent } from '../../api/events';
import { refresh } from '../../api/refresh';
import { ScanPanel } from './ScanPanel';

const COUNTS: (keyof WarehouseHome)[] = ['toPick', 'picking', 'toHandOver', 'shippedToday', 'overdue', 'confirmPending', 'confirmRefused'];
/** Events come in bursts (a scan commits, then its 发货回传 is sent): one refresh per this long. */
const REFRESH_MS = 300;
const STATE_COLOR: Record<RecentShipment['state'], string> = { pending: 'processing', confirmed: 'success', refused: 'error', unsupported: 'default' };

export function WarehouseScreen() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const qc = useQueryClient();
  const home = useQuery({ queryKey: ['shipping', 'home'], queryFn: () => client.call('shipping.home', {}) });
  const recent = useQuery({ queryKey: ['shipping', 'recent'], queryFn: () => client.call('shipping.recent', { limit: 50 }) });
  // Pushed, not polled: parcels and 发货回传 (shipping.changed), orders reaching or leaving 待发货 (orders.changed).
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
        </Row>
      </Card>
      <ScanPanel />
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

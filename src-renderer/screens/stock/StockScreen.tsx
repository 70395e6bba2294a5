/** 库存与占用: available stock per SKU × warehouse, purchase reminders, reservations vs the latest count. */
import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tabs, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { PurchaseReminder, ReconcileRow } from '../../../src-shared/contract/inventory';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { StockGrid } from './StockGrid';
import { count } from '../../components/numbers';

function Reminders() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['stock.reminders'], queryFn: () => client.call('stock.reminders', {}) });
  return (
    <Table<PurchaseReminder>
      size="small" rowKey="skuCode" data-testid="reminders" dataSource={q.data ?? []} loading={q.isLoading} pagination={{ pageSize: 20 }}
      locale={{ emptyText: t('stock.noReminders') }}
      columns={[
        { title: t('stock.col.sku'), dataIndex: 'skuCode', width: 130 },
        { title: t('stock.col.title'), dataIndex: 'title', ellipsis: true },
        { title: t('stock.col.onHand'), dataIndex: 'onHand', align: 'right', width: 80, render: count },
        { title: t('stock.col.reserved'), dataIndex: 'reserved', align: 'right', width: 80, render: count },
        { title: t('stock.col.safety'), dataIndex: 'safety', align: 'right', width: 80, render: count },
        { title: t('stock.col.velocity7'), dataIndex: 'velocity7', align: 'right', width: 100, render: count },
        { title: t('stock.col.velocity30'), dataIndex: 'velocity30', align: 'right', width: 100, render: count },
        { title: t('stock.col.cover'), dataIndex: 'daysOfCover', align: 'right', width: 100, render: (v: number | null) => (v === null ? t('stock.none') : <Tag color={v < 7 ? 'red' : 'orange'}>{t('stock.days', { n: v })}</Tag>) },
      ]}
    />
  );
}

function Reconcile() {
  const { t } = useTranslation();
  const q = useQuery({ queryKey: ['stock.reconcile'], queryFn: () => client.call('stock.reconcile', {}) });
  if (q.data && !q.data.length) return <Alert type="success" showIcon title={t('stock.noDiff')} data-testid="reconcile-ok" />;
  return (
    <Table<ReconcileRow>
      size="small" rowKey={(r) => `${r.skuCode}|${r.warehouseId}`} data-testid="reconcile" dataSource={q.data ?? []} loading={q.isLoading} pagination={{ pageSize: 20 }}
      columns={[
        { title: t('stock.col.sku'), dataIndex: 'skuCode', width: 130 },
        { title: t('stock.col.warehouse'), dataIndex: 'warehouseName', width: 110 },
        { title: t('stock.col.onHand'), dataIndex: 'onHand', align: 'right', width: 80, render: (v: number | null) => v ?? t('stock.none') },
        { title: t('stock.col.snapshotAt'), dataIndex: 'snapshotAt', width: 140, render: (v: number | null) => (v ? formatInZone(v).slice(0, 16) : t('stock.none')) },
        { title: t('stock.col.reserved'), dataIndex: 'reserved', align: 'right', width: 80, render: count },
        { title: t('stock.col.difference'), dataIndex: 'difference', align: 'right', width: 110, render: count },
        { title: t('stock.col.problems'), dataIndex: 'problems', render: (ps: ReconcileRow['problems']) => ps.map((p) => <Tag color="red" key={p}>{t(`stock.problem.${p}`)}</Tag>) },
      ]}
    />
  );
}

export function StockScreen() {
  const { t } = useTranslation();
  return (
    <Card title={t('stock.title')} data-testid="stock-screen">
      <Tabs items={[
        { key: 'stock', label: t('stock.tabs.stock'), children: <StockGrid /> },
        { key: 'reminders', label: t('stock.tabs.reminders'), children: <Reminders /> },
        { key: 'reconcile', label: t('stock.tabs.reconcile'), children: <Reconcile /> },
      ]} />
    </Card>
  );
}

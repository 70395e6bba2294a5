/** SKU × warehouse: on hand, reserved, safety, available, paged from SQLite; count, safety stock and reservations per row. */
import { useQuery } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { StockRow } from '../../../src-shared/contract/inventory';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { useSession } from '../../session/session';
import { CountModal, ReservationsDrawer, SafetyModal } from './StockDialogs';

const PAGE = 50;

export function StockGrid() {
  const { t } = useTranslation();
  const { can } = useSession();
  const [quick, setQuick] = useState('');
  const [warehouseId, setWarehouseId] = useState<string | undefined>();
  const [shortOnly, setShortOnly] = useState(false);
  const [page, setPage] = useState(1);
  const [counting, setCounting] = useState<StockRow | null>(null);
  const [safety, setSafety] = useState<StockRow | null>(null);
  const [reservations, setReservations] = useState<string | null>(null);
  const input = { quick: quick || undefined, warehouseId, shortOnly, startRow: (page - 1) * PAGE, endRow: page * PAGE };
  const rows = useQuery({ queryKey: ['stock.page', input], queryFn: () => client.call('stock.page', input) });
  const facets = useQuery({ queryKey: ['orders.facets'], queryFn: () => client.call('orders.facets', {}) });
  const num = (n: number) => n.toLocaleString();
  return (
    <Space direction="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search allowClear placeholder={t('stock.search')} style={{ width: 220 }} onSearch={(v) => { setQuick(v.trim()); setPage(1); }} data-testid="stock-search" />
        <Select allowClear placeholder={t('stock.allWarehouses')} style={{ width: 160 }} value={warehouseId} onChange={(v) => { setWarehouseId(v); setPage(1); }}
          options={(facets.data?.warehouses ?? []).map((w) => ({ value: w.id, label: w.name }))} />
        <Checkbox checked={shortOnly} onChange={(e) => { setShortOnly(e.target.checked); setPage(1); }}>{t('stock.shortOnly')}</Checkbox>
      </Space>
      <Table<StockRow>
        size="small"
        data-testid="stock-grid"
        rowKey={(r) => `${r.skuCode}|${r.warehouseId}`}
        loading={rows.isLoading}
        dataSource={rows.data?.rows ?? []}
        pagination={{ current: page, pageSize: PAGE, total: rows.data?.total ?? 0, showSizeChanger: false, onChange: setPage }}
        scroll={{ x: 1100, y: 420 }}
        columns={[
          { title: t('stock.col.sku'), dataIndex: 'skuCode', width: 130, fixed: 'left' },
          { title: t('stock.col.title'), dataIndex: 'title', ellipsis: true, render: (v: string | null) => v ?? '' },
          { title: t('stock.col.warehouse'), dataIndex: 'warehouseName', width: 110 },
          { title: t('stock.col.onHand'), dataIndex: 'onHand', width: 80, align: 'right', render: num },
          { title: t('stock.col.reserved'), dataIndex: 'reserved', width: 80, align: 'right', render: (n: number, r) => <a onClick={() => setReservations(r.skuCode)}>{num(n)}</a> },
          { title: t('stock.col.safety'), dataIndex: 'safety', width: 80, align: 'right', render: num },
          {
            title: t('stock.col.available'), dataIndex: 'available', width: 80, align: 'right',
            render: (n: number, r) => <Typography.Text type={r.onHand - r.reserved < r.safety ? 'danger' : undefined} strong>{num(n)}</Typography.Text>,
          },
          { title: t('stock.col.snapshotAt'), dataIndex: 'snapshotAt', width: 150, render: (v: number | null) => (v ? formatInZone(v).slice(0, 16) : t('stock.none')) },
          {
            title: t('stock.col.ops'), width: 220,
            render: (_, r) => (
              <Space size={0}>
                <Button type="link" size="small" onClick={() => setReservations(r.skuCode)}>{t('stock.reservations')}</Button>
                {can('stock.manage') && <Button type="link" size="small" onClick={() => setCounting(r)} data-testid={`count-${r.skuCode}-${r.warehouseId}`}>{t('stock.count')}</Button>}
                {can('stock.manage') && <Button type="link" size="small" onClick={() => setSafety(r)}>{t('stock.safety')}</Button>}
              </Space>
            ),
          },
        ]}
      />
      <CountModal row={counting} onClose={() => setCounting(null)} />
      <SafetyModal row={safety} onClose={() => setSafety(null)} />
      <ReservationsDrawer skuCode={reservations} onClose={() => setReservations(null)} />
    </Space>
  );
}

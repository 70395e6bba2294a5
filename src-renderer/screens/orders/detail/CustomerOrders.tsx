/** The same customer's other orders; a click opens that order in the drawer. */
import { Empty, Table } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { formatYuan } from '../../../../src-shared/money';
import { formatInZone } from '../../../../src-shared/time';
import { statusLabel } from '../cells';

type Other = OrderDetail['customerOrders'][number];

export function CustomerOrders({ orders, onOpen }: { orders: Other[]; onOpen(id: string): void }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  if (!orders.length) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('orders.detail.noOtherOrders')} />;
  return (
    <Table<Other>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={orders}
      data-testid="customer-orders"
      onRow={(r) => ({ onClick: () => onOpen(r.id), style: { cursor: 'pointer' } })}
      columns={[
        { title: t('orders.col.platformOrderId'), dataIndex: 'platformOrderId', width: 230, render: (v: string) => <a>{v}</a> },
        { title: t('orders.col.channelId'), dataIndex: 'shopName', ellipsis: true },
        { title: t('orders.col.status'), dataIndex: 'status', width: 76, render: (v: Other['status']) => statusLabel(v, lang) },
        { title: t('orders.col.paidFen'), dataIndex: 'paidFen', width: 96, align: 'right', render: (v: number | null) => (v == null ? '—' : formatYuan(v)) },
        { title: t('orders.col.createdAt'), dataIndex: 'createdAt', width: 160, render: (v: number) => formatInZone(v) },
      ]}
    />
  );
}

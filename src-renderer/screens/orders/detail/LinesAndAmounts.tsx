/** The order's lines and the money breakdown (yuan for display; amounts are fen underneath). */
import { Descriptions, Table, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { formatYuan } from '../../../../src-shared/money';
import { count } from '../../../components/numbers';

type Line = OrderDetail['lines'][number];
const yuan = (fen: number | null | undefined) => (fen == null ? '—' : formatYuan(fen));

export function Lines({ lines }: { lines: Line[] }) {
  const { t } = useTranslation();
  return (
    <Table<Line>
      rowKey="id"
      size="small"
      pagination={false}
      dataSource={lines}
      data-testid="order-lines"
      columns={[
        { title: t('orders.detail.sku'), dataIndex: 'skuCode', width: 110, render: (v: string | null) => v ?? '—' },
        {
          title: t('orders.detail.item'),
          render: (_, l) => (
            <span style={{ paddingInlineStart: l.parentLineId ? 16 : 0 }}>
              {l.title}
              {l.gift && <Tag color="magenta" style={{ marginInlineStart: 6 }}>{t('orders.detail.gift')}</Tag>}
              {l.spec && <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>{l.spec}</Typography.Text>}
            </span>
          ),
        },
        { title: t('orders.detail.qty'), dataIndex: 'qty', width: 56, align: 'right', render: count },
        { title: t('orders.detail.unitPrice'), dataIndex: 'unitPriceFen', width: 90, align: 'right', render: yuan },
        { title: t('orders.detail.paid'), dataIndex: 'paidFen', width: 90, align: 'right', render: yuan },
        { title: t('orders.detail.batch'), dataIndex: 'batchNo', width: 100, render: (v: string | null) => v ?? '' },
      ]}
    />
  );
}

export function Amounts({ order }: { order: OrderDetail['order'] }) {
  const { t } = useTranslation();
  if (order.paidFen == null) return <Typography.Text type="secondary">{t('orders.detail.hidden')}</Typography.Text>;
  const rows: [string, number | null][] = [
    [t('orders.detail.goods'), order.goodsFen],
    [t('orders.detail.sellerDiscount'), order.discountFen == null ? null : -order.discountFen],
    [t('orders.detail.platformDiscount'), order.platformDiscountFen == null ? null : -order.platformDiscountFen],
    [t('orders.detail.postage'), order.postageFen],
    [t('orders.detail.paidTotal'), order.paidFen],
    [t('orders.detail.commission'), order.commissionFen],
    [t('orders.detail.refund'), order.refundFen],
  ];
  return (
    <Descriptions size="small" column={2} bordered data-testid="order-amounts">
      {rows.filter(([, v], i) => v != null || i === 4).map(([label, v]) => (
        <Descriptions.Item key={label} label={label}>
          <span style={{ fontVariantNumeric: 'tabular-nums' }}>{yuan(v)}</span>
        </Descriptions.Item>
      ))}
    </Descriptions>
  );
}

/** The current address first, then the earlier ones it replaced (where each came from, and when). */
import { List, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { formatInZone } from '../../../../src-shared/time';

type Address = OrderDetail['addresses'][number];
export const addressText = (a: Pick<Address, 'province' | 'city' | 'district' | 'detail'>) => [a.province, a.city, a.district, a.detail].filter(Boolean).join(' ');

export function AddressHistory({ addresses }: { addresses: Address[] }) {
  const { t } = useTranslation();
  return (
    <List<Address>
      size="small"
      dataSource={addresses}
      data-testid="order-addresses"
      renderItem={(a, i) => (
        <List.Item style={{ opacity: i === 0 ? 1 : 0.65 }}>
          <div style={{ width: '100%' }}>
            <div>
              {i === 0 && <Tag color="green">{t('orders.detail.current')}</Tag>}
              <Typography.Text delete={i > 0}>{a.receiverName} {a.receiverPhone} · {addressText(a)}</Typography.Text>
            </div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatInZone(a.createdAt)} · {t('orders.detail.source')}: {a.source}
            </Typography.Text>
          </div>
        </List.Item>
      )}
    />
  );
}

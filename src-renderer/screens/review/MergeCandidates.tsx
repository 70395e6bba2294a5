/** 可合单: groups of one shop's orders for the same buyer and address, not yet in the warehouse; merge a group in one click. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Empty, List, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { formatYuan } from '../../../src-shared/money';
import { formatInZone } from '../../../src-shared/time';
import { client } from '../../api/client';
import { errorText } from '../../components/errors';
import { useSession } from '../../session/session';
import { statusLabel } from '../orders/cells';

export function MergeCandidates() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const groups = useQuery({ queryKey: ['orders.mergeCandidates'], queryFn: () => client.call('orders.mergeCandidates', {}) });
  const merge = useMutation({
    mutationFn: (orders: { id: string; version: number }[]) => client.call('orders.merge', { ids: orders.map((o) => o.id), versions: Object.fromEntries(orders.map((o) => [o.id, o.version])) }),
    onSuccess: () => {
      void message.success(t('lifecycle.merge.button'));
      void qc.invalidateQueries({ queryKey: ['orders.mergeCandidates'] });
    },
    onError: (e) => void message.error(errorText(e)),
  });
  const list = groups.data?.groups ?? [];
  if (!list.length) return <Empty description={groups.isLoading ? t('common.loading') : t('lifecycle.merge.empty')} />;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="merge-candidates">
      {list.map((g) => (
        <Card
          key={g.orders[0]!.id} size="small" data-testid="merge-group"
          title={t('lifecycle.merge.group', { name: `${g.orders[0]!.receiverName ?? ''} · ${g.orders[0]!.shopName}`, count: g.orders.length })}
          extra={can('orders.edit') && (
            <Button type="primary" size="small" data-testid="merge-group-button" loading={merge.isPending}
              onClick={() => modal.confirm({ title: t('lifecycle.merge.confirm', { count: g.orders.length }), onOk: () => merge.mutateAsync(g.orders) })}
            >{t('lifecycle.merge.button')}</Button>
          )}
        >
          <List
            size="small" dataSource={g.orders}
            renderItem={(o) => (
              <List.Item>
                <Typography.Link onClick={() => navigate(`/orders/${encodeURIComponent(o.id)}`)}>{o.platformOrderId}</Typography.Link>
                <span>{statusLabel(o.status, lang)}</span>
                <span>{o.buyerNick}</span>
                <span>{o.paidAt ? formatInZone(o.paidAt) : ''}</span>
                <span>{o.paidFen == null ? '' : formatYuan(o.paidFen)}</span>
              </List.Item>
            )}
          />
        </Card>
      ))}
    </Space>
  );
}

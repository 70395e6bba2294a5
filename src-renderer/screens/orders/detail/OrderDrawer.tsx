/**
 * One order's full story in a drawer over the grid (deep link: #/orders/<id>): facts, lines,
 * amounts, address history, timeline, notes and the customer's other orders.
 */
import { useQuery } from '@tanstack/react-query';
import { Alert, Descriptions, Divider, Drawer, Skeleton, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import { CHANNEL_KIND_LABELS } from '../../../../src-shared/orders';
import { formatInZone } from '../../../../src-shared/time';
import { client } from '../../../api/client';
import { errorText } from '../../../components/errors';
import { StatusCell, TagsCell, UrgencyCell, trackingText } from '../cells';
import { AddressHistory } from './AddressHistory';
import { CustomerOrders } from './CustomerOrders';
import { Amounts, Lines } from './LinesAndAmounts';
import { OrderNotes } from './OrderNotes';
import { OrderTimeline } from './OrderTimeline';
import { OrderExceptions } from '../../exceptions/OrderExceptions';
import { FlowPanel } from '../flow/FlowPanel';

interface Props {
  id: string | null;
  onClose(): void;
  onOpen(id: string): void;
  onChanged(): void;
  /** Once the drawer has closed and given the focus back (the grid takes it then). */
  onClosed?(): void;
}

const when = (ms: number | null | undefined) => (ms ? formatInZone(ms) : '—');

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section>
      <Divider titlePlacement="start" style={{ margin: '16px 0 8px' }}>{title}</Divider>
      {children}
    </section>
  );
}

function Facts({ o }: { o: OrderDetail['order'] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const item = (label: string, v: ReactNode) => ({ key: label, label, children: v ?? '—' });
  return (
    <Descriptions
      size="small"
      column={2}
      data-testid="order-facts"
      items={[
        item(t('orders.detail.shop'), `${CHANNEL_KIND_LABELS[o.channelKind]?.[lang] ?? o.channelKind} · ${o.shopName}`),
        item(t('orders.col.status'), <StatusCell row={o} lang={lang} t={t} />),
        item(t('orders.detail.platformStatus'), <span data-testid="platform-status" title={o.platformStatus}>{o.platformStatusText}</span>),
        item(t('orders.detail.refundStatus'), o.refundStatusText),
        item(t('orders.col.buyerNick'), o.buyerNick && <span data-user-text>{o.buyerNick}</span>),
        item(t('orders.detail.warehouse'), o.warehouseName),
        item(t('orders.detail.createdAt'), when(o.createdAt)),
        item(t('orders.detail.paidAt'), when(o.paidAt)),
        item(t('orders.detail.promisedShipAt'), when(o.promisedShipAt)),
        item(t('orders.detail.shippedAt'), when(o.shippedAt)),
        item(t('orders.detail.urgency'), <UrgencyCell urgency={o.urgency} lang={lang} />),
        item(t('orders.detail.tracking'), trackingText(o, t) || null),
        item(t('orders.detail.tags'), o.tags.length ? <TagsCell tags={o.tags} /> : null),
        item(t('orders.detail.completedAt'), when(o.completedAt)),
        { ...item(t('orders.detail.buyerRemark'), o.buyerRemark), span: 2 },
        { ...item(t('orders.detail.sellerNote'), o.sellerNote), span: 2 },
      ]}
    />
  );
}

export function OrderDrawer({ id, onClose, onOpen, onChanged, onClosed }: Props) {
  const { t } = useTranslation();
  const detail = useQuery({ queryKey: ['orders.get', id], queryFn: () => client.call('orders.get', { id: id! }), enabled: !!id, retry: false });
  const d = detail.data;
  return (
    <Drawer
      open={!!id}
      onClose={onClose}
      afterOpenChange={(open) => !open && onClosed?.()}
      extra={onClosed && <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="drawer-keys">{t('find.drawerKeys')}</Typography.Text>}
      // The grid puts the focus on the row this order is (onClosed), not on whatever opened the drawer.
      focusable={onClosed ? { focusTriggerAfterClose: false } : undefined}
      size={820}
      destroyOnHidden
      data-testid="order-drawer"
      title={
        d ? (
          <Typography.Text copyable={{ text: d.order.platformOrderId }} data-testid="order-drawer-no">{t('orders.detail.title', { no: d.order.platformOrderId })}</Typography.Text>
        ) : (
          t('common.loading')
        )
      }
    >
      {detail.isLoading && <Skeleton active paragraph={{ rows: 10 }} />}
      {detail.isError && <Alert type="error" showIcon title={t('orders.detail.notFound')} description={errorText(detail.error)} />}
      {d && (
        <>
          <OrderExceptions orderId={d.order.id} />
          <Section title={t('lifecycle.flowTitle')}><FlowPanel detail={d} onOpen={onOpen} onChanged={onChanged} /></Section>
          <Section title={t('orders.detail.facts')}><Facts o={d.order} /></Section>
          <Section title={t('orders.detail.lines')}><Lines lines={d.lines} /></Section>
          <Section title={t('orders.detail.amounts')}><Amounts order={d.order} /></Section>
          <Section title={t('orders.detail.address')}><AddressHistory addresses={d.addresses} /></Section>
          <Section title={t('orders.detail.timeline')}><OrderTimeline events={d.events} /></Section>
          <Section title={t('orders.detail.notes')}><OrderNotes orderId={d.order.id} notes={d.notes} onAdded={onChanged} /></Section>
          <Section title={t('orders.detail.otherOrders')}><CustomerOrders orders={d.customerOrders.filter((o) => o.id !== d.order.id)} onOpen={onOpen} /></Section>
        </>
      )}
    </Drawer>
  );
}

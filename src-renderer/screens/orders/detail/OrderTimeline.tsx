/** Every event of the order, oldest first: what happened, who did it, when (workspace zone). */
import { Timeline, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { actorText } from '../../../../src-shared/actor-words';
import type { OrderDetail } from '../../../../src-shared/contract/orders';
import type { OrderStatus } from '../../../../src-shared/orders';
import { formatInZone } from '../../../../src-shared/time';
import { statusLabel } from '../cells';
import { eventText } from './eventText';

type Event = OrderDetail['events'][number];

export function OrderTimeline({ events }: { events: Event[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const color = (e: Event) => (e.type.includes('status') ? 'blue' : e.type.includes('note') ? 'green' : 'gray');
  return (
    <Timeline
      data-testid="order-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: color(e),
        content: (
          <div>
            <Typography.Text strong>{t([`orders.event.${e.type}`, `lifecycle.event.${e.type}`], { defaultValue: t('orders.event.updated') })}</Typography.Text>
            {(e.fromStatus || e.toStatus) && (
              <Typography.Text style={{ marginInlineStart: 8 }}>
                {e.fromStatus ? `${statusLabel(e.fromStatus as OrderStatus, lang)} → ` : ''}{statusLabel(e.toStatus as OrderStatus, lang)}
              </Typography.Text>
            )}
            <div>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatInZone(e.at)} · {actorText(e.actorName, lang, t('orders.detail.system'))}
              </Typography.Text>
            </div>
            {eventText(e.type, e.detail, t, lang) && <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }}>{eventText(e.type, e.detail, t, lang)}</Typography.Text>}
          </div>
        ),
      }))}
    />
  );
}

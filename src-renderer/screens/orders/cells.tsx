/** Cell renderers and the matching plain-text labels (the text is what Ctrl+C and tooltips use). */
import { Tag } from 'antd';
import type { TFunction } from 'i18next';
import type { OrderRow } from '../../../src-shared/contract/orders';
import { ORDER_STATUS_LABELS, URGENCY_LABELS, type OrderStatus, type Urgency } from '../../../src-shared/orders';

export type Lang = 'zh' | 'en';

export const URGENCY_COLOR: Record<Urgency, string> = { red: '#f5222d', yellow: '#faad14', green: '#52c41a' };

export const statusLabel = (s: OrderStatus | undefined, lang: Lang) => (s ? (ORDER_STATUS_LABELS[s]?.[lang] ?? s) : '');
export const urgencyLabel = (u: Urgency | undefined, lang: Lang) => (u ? (URGENCY_LABELS[u]?.[lang] ?? u) : '');

/** "中通 75123…": the carrier's name when we know the code. */
export const carrierName = (code: string | null | undefined, t: TFunction) => (code ? t(`orders.carrier.${code}`, { defaultValue: code }) : '');
export const trackingText = (row: Pick<OrderRow, 'carrier' | 'trackingNo'> | undefined, t: TFunction) =>
  row?.trackingNo ? [carrierName(row.carrier, t), row.trackingNo].filter(Boolean).join(' ') : '';

/** The hold (and "can merge") words shown beside the status, e.g. 疑似重复, 可合单. */
export function holdWords(row: Pick<OrderRow, 'hold' | 'mergeGroup'> | undefined, t: TFunction): string[] {
  if (!row) return [];
  const words: string[] = [];
  if (row.hold) words.push(t(`orders.hold.${row.hold}`));
  if (row.mergeGroup) words.push(t('orders.hold.mergeable'));
  return words;
}

export function StatusCell({ row, lang, t }: { row: OrderRow | undefined; lang: Lang; t: TFunction }) {
  if (!row) return null;
  return (
    <span>
      {statusLabel(row.status, lang)}
      {row.hold && <Tag color="volcano" style={{ marginInlineStart: 6 }}>{t(`orders.hold.${row.hold}`)}</Tag>}
      {row.mergeGroup && <Tag color="blue" style={{ marginInlineStart: 6 }}>{t('orders.hold.mergeable')}</Tag>}
    </span>
  );
}

export function UrgencyCell({ urgency, lang }: { urgency: Urgency | undefined; lang: Lang }) {
  if (!urgency) return null;
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 6 }} data-urgency={urgency}>
      <span style={{ width: 8, height: 8, borderRadius: 4, background: URGENCY_COLOR[urgency], display: 'inline-block' }} />
      {urgencyLabel(urgency, lang)}
    </span>
  );
}

export function TagsCell({ tags }: { tags: string[] | undefined }) {
  return <span>{(tags ?? []).map((tag) => <Tag key={tag} style={{ marginInlineEnd: 4 }}>{tag}</Tag>)}</span>;
}

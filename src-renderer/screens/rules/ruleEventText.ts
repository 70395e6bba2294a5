/** A `rules_applied` timeline event in words: which rule version fired, why, and what it changed. */
import type { TFunction } from 'i18next';
import { URGENCY_LABELS, type Urgency } from '../../../src-shared/orders';
import type { Reason } from '../../../src-shared/rules';
import { describeFacts, describeReason } from '../../../src-shared/rules-words';

interface Detail {
  stage: 'review' | 'route';
  version: number;
  fired: { name: string; facts: Record<string, unknown> }[];
  addTags?: string[];
  urgency?: Urgency | null;
  assignTo?: string | null;
  holds?: Reason[];
  warehouses?: { warehouseId: string; shipDay: string; reason: Reason }[];
  reserved?: { skuCode: string; qty: number; warehouseId: string }[];
}

export function ruleEventText(detail: unknown, t: TFunction, lang: 'zh' | 'en', warehouseName: (id: string) => string = (id) => id): string {
  const d = detail as Detail;
  const sep = lang === 'zh' ? '；' : '; ';
  const parts: string[] = [t(`rules.event.${d.stage}`, { version: d.version })];
  if (d.fired.length) parts.push(`${t('rules.event.fired')}${d.fired.map((f) => f.name).join(lang === 'zh' ? '、' : ', ')}`);
  const why = d.fired.map((f) => describeFacts(f.facts, lang)).filter(Boolean);
  if (why.length) parts.push(`${t('rules.event.because')}${why.join(sep)}`);
  if (d.addTags?.length) parts.push(`${t('rules.event.tags')}${d.addTags.join(lang === 'zh' ? '、' : ', ')}`);
  if (d.urgency) parts.push(`${t('rules.event.urgency')}${URGENCY_LABELS[d.urgency][lang]}`);
  if (d.assignTo) parts.push(`${t('rules.event.assign')}${d.assignTo}`);
  for (const h of d.holds ?? []) parts.push(describeReason(h, lang, warehouseName));
  if (d.warehouses?.length && !d.holds?.length) {
    parts.push(`${t('rules.event.ships')}${d.warehouses.map((w) => `${warehouseName(w.warehouseId)} ${w.shipDay}（${describeReason(w.reason, lang)}）`).join(sep)}`);
  }
  if (d.reserved?.length) parts.push(`${t('rules.event.reserved')}${d.reserved.map((r) => `${r.skuCode}×${r.qty}`).join(lang === 'zh' ? '、' : ', ')}`);
  return parts.join(sep);
}

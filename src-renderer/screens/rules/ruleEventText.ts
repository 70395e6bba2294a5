/** A `rules_applied` timeline event in words: which rule version fired, why, and what it changed. */
import type { TFunction } from 'i18next';
import { URGENCY_LABELS, type Urgency } from '../../../src-shared/orders';
import type { Reason } from '../../../src-shared/rules';
import { describeFacts, describeReason } from '../../../src-shared/rules-words';
import { punctuation } from '../../i18n/punctuation';

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
  const p = punctuation(lang);
  const parts: string[] = [t(`rules.event.${d.stage}`, { version: d.version })];
  if (d.fired.length) parts.push(`${t('rules.event.fired')}${p.list(d.fired.map((f) => f.name))}`);
  const why = d.fired.map((f) => describeFacts(f.facts, lang)).filter(Boolean);
  if (why.length) parts.push(`${t('rules.event.because')}${why.join(p.semicolon)}`);
  if (d.addTags?.length) parts.push(`${t('rules.event.tags')}${p.list(d.addTags)}`);
  if (d.urgency) parts.push(`${t('rules.event.urgency')}${URGENCY_LABELS[d.urgency][lang]}`);
  if (d.assignTo) parts.push(`${t('rules.event.assign')}${d.assignTo}`);
  for (const h of d.holds ?? []) parts.push(describeReason(h, lang, warehouseName));
  if (d.warehouses?.length && !d.holds?.length) {
    parts.push(`${t('rules.event.ships')}${d.warehouses.map((w) => `${warehouseName(w.warehouseId)} ${w.shipDay}${p.paren(describeReason(w.reason, lang))}`).join(p.semicolon)}`);
  }
  if (d.reserved?.length) parts.push(`${t('rules.event.reserved')}${p.list(d.reserved.map((r) => `${r.skuCode}×${r.qty}`))}`);
  return parts.join(p.semicolon);
}

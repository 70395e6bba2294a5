/**
 * One line of words for an event's detail, in the reader's language: "平台状态：WAIT_SELLER_SEND"
 * rather than raw JSON keys. Known shapes come from ingestion, bulk actions and the demo;
 * anything else falls back to key: value so nothing recorded is hidden.
 */
import type { TFunction } from 'i18next';
import { URGENCY_LABELS, type Urgency } from '../../../../src-shared/orders';
import { punctuation } from '../../../i18n/punctuation';
import { flowEventText } from '../flow/flowText';
import { ruleEventText } from '../../rules/ruleEventText';

type Lang = 'zh' | 'en';
const SKIP = new Set(['noteId', 'label', 'with', 'duplicateOf', 'mergeGroup', 'phase', 'machineVersion', 'unmapped']);

function value(v: unknown, t: TFunction, lang: Lang): string {
  if (Array.isArray(v)) return punctuation(lang).list(v.map((x) => value(x, t, lang)));
  if (v === true) return t('orders.detailKey.yes');
  if (v && typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function eventText(type: string, detail: unknown, t: TFunction, lang: Lang): string {
  if (detail == null || detail === '') return '';
  if (typeof detail !== 'object' || Array.isArray(detail)) return String(detail).slice(0, 300);
  const d = detail as Record<string, unknown>;
  const urgency = (u: unknown) => URGENCY_LABELS[u as Urgency]?.[lang] ?? String(u);
  if (type === 'note' && typeof d.body === 'string') return d.body.slice(0, 300);
  const flow = flowEventText(type, d, t, lang);
  if (flow !== null) return flow.slice(0, 300);
  if (type === 'rules_applied') return ruleEventText(d, t, lang).slice(0, 600);
  if (type === 'urgency_changed') return `${urgency(d.from)} → ${urgency(d.to)}`;
  if (type === 'tags_changed') {
    const added = (d.added as string[] | undefined) ?? [];
    const removed = (d.removed as string[] | undefined) ?? [];
    return [...added.map((x) => `+${x}`), ...removed.map((x) => `−${x}`)].join(' ');
  }
  if (type === 'hold_set' && typeof d.hold === 'string') return t(`orders.hold.${d.hold}`, { defaultValue: d.hold });
  if (type === 'merge_candidate') return d.mergeGroup ? t('orders.detailKey.mergeWith', { count: Array.isArray(d.with) ? d.with.length : 0 }) : t('orders.detailKey.mergeLeft');
  const p = punctuation(lang);
  return Object.entries(d)
    .filter(([k, v]) => !SKIP.has(k) && v != null && v !== '' && !(Array.isArray(v) && v.length === 0))
    .map(([k, v]) => `${t(`orders.detailKey.${k}`, { defaultValue: k })}${p.colon}${k === 'fields' ? p.list((v as string[]).map((f) => t(`orders.field.${f}`, { defaultValue: f }))) : value(v, t, lang)}`)
    .join(p.semicolon)
    .slice(0, 300);
}

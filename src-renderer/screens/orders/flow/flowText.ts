/**
 * The order path's data in words: reasons (code + params), holds, refusals and the timeline's
 * flow events, in the reader's language. Unknown codes fall back to a plain word, never a key.
 */
import type { TFunction } from 'i18next';
import { REQUIRED_FIELD_LABELS, TRIGGER_SOURCE_LABELS, type Refusal, type RequiredField, type TriggerSource } from '../../../../src-shared/lifecycle';
import { ORDER_HOLD_LABELS, ORDER_STATUS_LABELS, type OrderHold, type OrderStatus } from '../../../../src-shared/orders';
import { PERMISSION_LABELS, type Permission } from '../../../../src-shared/roles';
import { punctuation } from '../../../i18n/punctuation';

export type Lang = 'zh' | 'en';
type Params = Record<string, unknown> | null | undefined;

const status = (s: unknown, lang: Lang) => ORDER_STATUS_LABELS[s as OrderStatus]?.[lang] ?? String(s ?? '');

/** "买家要求：电话里说不要了" — the code's words and the person's note. */
export function reasonText(code: string | null | undefined, params: Params, t: TFunction, lang: Lang): string {
  if (!code) return '';
  const words = t(`lifecycle.reason.${code}`, { ...(params ?? {}), defaultValue: t('lifecycle.reason.other') });
  const note = typeof params?.note === 'string' && params.note ? params.note : '';
  return note ? `${words}${punctuation(lang).colon}${note}` : words;
}

export function holdText(h: { type: OrderHold; code: string; params?: Params }, t: TFunction, lang: Lang): string {
  const type = ORDER_HOLD_LABELS[h.type]?.[lang] ?? h.type;
  if (h.code === h.type) return type;
  return `${type}${punctuation(lang).colon}${reasonText(h.code, h.params, t, lang)}`;
}

export function sourceText(s: unknown, lang: Lang): string {
  return TRIGGER_SOURCE_LABELS[s as TriggerSource]?.[lang] ?? String(s ?? '');
}

export function refusalText(r: Refusal, t: TFunction, lang: Lang): string {
  const p = r.params;
  const holds = Array.isArray(p.holds) ? punctuation(lang).list((p.holds as { type: OrderHold; code: string }[]).map((h) => holdText(h, t, lang))) : '';
  return t(`lifecycle.refusal.${r.code}`, {
    status: status(p.status, lang), from: status(p.from, lang), to: status(p.to, lang), source: sourceText(p.source, lang),
    permission: PERMISSION_LABELS[p.permission as Permission]?.[lang] ?? String(p.permission ?? ''),
    field: REQUIRED_FIELD_LABELS[p.field as RequiredField]?.[lang] ?? String(p.field ?? ''),
    holds, machineVersion: p.machineVersion, value: String(p.value ?? ''), defaultValue: t('lifecycle.refusal.unknown'),
  });
}

/** The timeline's line for the flow's own events; null when the event is not one of them. */
export function flowEventText(type: string, d: Record<string, unknown>, t: TFunction, lang: Lang): string | null {
  const reason = d.reason as { code?: string; params?: Params } | undefined;
  const why = reason?.code ? reasonText(reason.code, reason.params, t, lang) : '';
  switch (type) {
    case 'status_changed':
      return [sourceText(d.source, lang), d.forced ? t('lifecycle.move.force').replace('…', '') : '', why].filter(Boolean).join(' · ');
    case 'hold_opened':
      return holdText({ type: d.type as OrderHold, code: String(d.code), params: d.params as Params }, t, lang);
    case 'hold_released':
      return [holdText({ type: d.type as OrderHold, code: String(d.code) }, t, lang), why].filter(Boolean).join(' → ');
    case 'transition_refused':
      return `${status(d.to, lang)}${punctuation(lang).colon}${refusalText(d.refusal as Refusal, t, lang)}`;
    case 'split_created':
      return `${t('lifecycle.family.parent')} ${String(d.fromPlatformOrderId ?? '')}`;
    case 'split': case 'unsplit': case 'merged': case 'unmerged':
      return why;
    case 'gift_replaced': {
      const from = d.from as { title?: string } | undefined;
      const to = d.to as { title?: string } | undefined;
      return `${from?.title ?? ''} → ${to?.title ?? ''}`;
    }
    case 'address_changed': {
      const a = d.after as Record<string, string | null> | undefined;
      return a ? [a.receiverName, a.province, a.city, a.district, a.detail].filter(Boolean).join(' ') : null;
    }
    default:
      return null;
  }
}

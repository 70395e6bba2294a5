/** Exceptions in the reader's words (shared wording from src-shared/exception-words.ts). */
import type { TFunction } from 'i18next';
import { causeText, closeText, durationText, reasonText, type Lang } from '../../../src-shared/exception-words';
import { DETECTOR_LABELS, SEVERITY_LABELS, type Severity } from '../../../src-shared/exceptions';
import type { ExceptionEventView, ExceptionView } from '../../../src-shared/contract/exceptions';
import { ROLE_LABELS, type Role } from '../../../src-shared/roles';
import { punctuation } from '../../i18n/punctuation';

export const SEVERITY_COLOR: Record<Severity, string> = { critical: 'red', warning: 'orange', info: 'blue' };
export const SEVERITY_HEX: Record<Severity, string> = { critical: '#f5222d', warning: '#fa8c16', info: '#1677ff' };

export const langOf = (language: string): Lang => (language === 'en' ? 'en' : 'zh');

export function ownerText(e: { ownerName: string | null; ownerRole: Role | null }, lang: Lang): string {
  return e.ownerName ?? (e.ownerRole ? ROLE_LABELS[e.ownerRole][lang] : '—');
}

export function roleText(role: string, lang: Lang): string {
  return ROLE_LABELS[role as Role]?.[lang] ?? role;
}

export function exceptionCause(e: ExceptionView, lang: Lang): string {
  return causeText(e.detector, e.causeParams, lang);
}

export function exceptionClose(e: ExceptionView, lang: Lang): string {
  return e.closeKind ? closeText(e.closeKind, e.closeCode, e.closeParams, lang) : '';
}

export function detectorWord(e: { detector: ExceptionView['detector'] }, lang: Lang): string {
  return DETECTOR_LABELS[e.detector][lang];
}

/** One line of an exception's history. */
export function eventLine(ev: ExceptionEventView, e: ExceptionView, t: TFunction, lang: Lang, time: (ms: number) => string): string {
  const p = ev.params;
  const { colon } = punctuation(lang);
  switch (ev.kind) {
    case 'opened':
      return `${t('exceptions.ws.event.opened')}${colon}${exceptionCause(e, lang)}`;
    case 'escalated':
      return t('exceptions.ws.event.escalated', { severity: SEVERITY_LABELS[ev.code as Severity]?.[lang] ?? ev.code });
    case 'note':
      return `${t('exceptions.ws.event.note')}${colon}${String(p.body ?? '')}`;
    case 'assigned':
      return `${t('exceptions.ws.event.assigned', { from: roleText(String(p.from ?? '—'), lang), to: roleText(String(p.to ?? '—'), lang) })}${reasonSuffix(ev, lang)}`;
    case 'snoozed':
      return `${t('exceptions.ws.event.snoozed', { until: time(Number(p.until)) })}${reasonSuffix(ev, lang)}`;
    case 'woke':
      return t('exceptions.ws.event.woke');
    case 'confirmed':
      return `${t('exceptions.ws.event.confirmed', { role: roleText(ev.code ?? '', lang) })}${p.note ? `${colon}${String(p.note)}` : ''}`;
    case 'closed':
      return closeText(String(p.kind ?? 'person') as 'person', ev.code, p, lang);
  }
}

function reasonSuffix(ev: ExceptionEventView, lang: Lang): string {
  return ev.code ? punctuation(lang).paren(reasonText(ev.code, ev.params, lang)) : '';
}

export const age = (ms: number, lang: Lang) => durationText(ms / 60_000, lang);

/** The 异常 workspace's filter, kept in the URL (#/exceptions?type=…&severity=…) so a chart can link to it. */
import { DETECTOR_CODES, EXCEPTION_TYPES, SEVERITIES, type DetectorCode, type ExceptionType, type Severity } from '../../../src-shared/exceptions';
import type { CallInput } from '../../../src-shared/contract';

export interface ExceptionFilter {
  /** 'all', 'mine' or a type tab. */
  tab: 'all' | 'mine' | ExceptionType;
  state: 'open' | 'snoozed' | 'closed' | 'active' | 'all';
  severity?: Severity | undefined;
  overdueOnly: boolean;
  detector?: DetectorCode | undefined;
  orderId?: string | undefined;
  ownerId?: string | undefined;
  channelId?: string | undefined;
  openedFrom?: number | undefined;
  openedTo?: number | undefined;
}

const STATES = ['open', 'snoozed', 'closed', 'active', 'all'] as const;
const one = <T extends string>(v: string | null, allowed: readonly T[]): T | undefined => (v && (allowed as readonly string[]).includes(v) ? (v as T) : undefined);
const num = (v: string | null) => (v && /^\d+$/.test(v) ? Number(v) : undefined);

export function parseFilter(search: string): ExceptionFilter {
  const q = new URLSearchParams(search);
  const tab = q.get('tab');
  return {
    tab: tab === 'mine' ? 'mine' : one(tab, EXCEPTION_TYPES) ?? 'all',
    state: one(q.get('state'), STATES) ?? 'open',
    severity: one(q.get('severity'), SEVERITIES),
    overdueOnly: q.get('overdue') === '1',
    detector: one(q.get('detector'), DETECTOR_CODES),
    orderId: q.get('order') ?? undefined,
    ownerId: q.get('owner') ?? undefined,
    channelId: q.get('shop') ?? undefined,
    openedFrom: num(q.get('from')),
    openedTo: num(q.get('to')),
  };
}

export function filterSearch(f: Partial<ExceptionFilter>): string {
  const q = new URLSearchParams();
  if (f.tab && f.tab !== 'all') q.set('tab', f.tab);
  if (f.state && f.state !== 'open') q.set('state', f.state);
  if (f.severity) q.set('severity', f.severity);
  if (f.overdueOnly) q.set('overdue', '1');
  if (f.detector) q.set('detector', f.detector);
  if (f.orderId) q.set('order', f.orderId);
  if (f.ownerId) q.set('owner', f.ownerId);
  if (f.channelId) q.set('shop', f.channelId);
  if (f.openedFrom !== undefined) q.set('from', String(f.openedFrom));
  if (f.openedTo !== undefined) q.set('to', String(f.openedTo));
  const s = q.toString();
  return s ? `?${s}` : '';
}

/** The workspace link for a filter (what every chart's drill-down opens). */
export const exceptionsLink = (f: Partial<ExceptionFilter>) => `/exceptions${filterSearch(f)}`;

export function listInput(f: ExceptionFilter, offset: number, limit: number): CallInput<'exceptions.list'> {
  return {
    state: f.state, mine: f.tab === 'mine', overdueOnly: f.overdueOnly, offset, limit,
    ...(f.tab !== 'all' && f.tab !== 'mine' ? { type: f.tab } : {}),
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.detector ? { detector: f.detector } : {}),
    ...(f.orderId ? { orderId: f.orderId } : {}),
    ...(f.ownerId ? { ownerId: f.ownerId } : {}),
    ...(f.channelId ? { channelId: f.channelId } : {}),
    ...(f.openedFrom !== undefined ? { openedFrom: f.openedFrom } : {}),
    ...(f.openedTo !== undefined ? { openedTo: f.openedTo } : {}),
  };
}

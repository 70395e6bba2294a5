/**
 * Exceptions in words, from their data (code + params), in zh or en: one source for the 异常
 * workspace and for the robots' messages, so a reason reads the same everywhere.
 */
import {
  CLOSE_KIND_LABELS, DETECTOR_LABELS, EXCEPTION_REASON_LABELS, SHIPMENT_STATE_LABELS,
  type CloseKind, type DetectorCode, type ExceptionReason, type ShipmentState,
} from './exceptions';
import { ORDER_STATUS_LABELS, PLATFORM_PHASE_LABELS, type OrderStatus, type PlatformPhase } from './orders';
import { confirmErrorText } from './shipping-words';

export type Lang = 'zh' | 'en';

/** 95 minutes → "1 小时 35 分" / "1 h 35 min"; days past 48 hours. */
export function durationText(minutes: number, lang: Lang): string {
  const m = Math.max(0, Math.round(minutes));
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const min = m % 60;
  if (lang === 'zh') {
    if (m >= 2880) return `${d} 天${h ? ` ${h} 小时` : ''}`;
    if (m >= 60) return `${Math.floor(m / 60)} 小时${min ? ` ${min} 分` : ''}`;
    return `${m} 分钟`;
  }
  if (m >= 2880) return `${d} d${h ? ` ${h} h` : ''}`;
  if (m >= 60) return `${Math.floor(m / 60)} h${min ? ` ${min} min` : ''}`;
  return `${m} min`;
}

const num = (v: unknown) => (typeof v === 'number' ? v : 0);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

function statusWord(v: unknown, lang: Lang): string {
  return ORDER_STATUS_LABELS[v as OrderStatus]?.[lang] ?? str(v);
}

/** Why an exception opened, in words. */
export function causeText(detector: DetectorCode, p: Record<string, unknown>, lang: Lang): string {
  const zh = lang === 'zh';
  const dur = (v: unknown) => durationText(num(v), lang);
  switch (detector) {
    case 'ship_overdue':
      return zh ? `超过承诺时效 ${dur(p.overdueMinutes)}，当前${statusWord(p.status, lang)}` : `${dur(p.overdueMinutes)} past its SLA, now ${statusWord(p.status, lang)}`;
    case 'shipped_no_tracking':
      return zh ? `已标记${statusWord(p.status, lang)}，但没有运单号` : `Marked ${statusWord(p.status, lang)} without a tracking number`;
    case 'no_pickup':
      return (zh ? `运单号生成 ${dur(p.minutesSinceCreated)} 仍未揽收` : `No pickup scan ${dur(p.minutesSinceCreated)} after the tracking number`) +
        (p.escalated ? (zh ? '，请联系快递处理' : '; raise it with the carrier') : '');
    case 'no_movement':
      return zh ? `物流 ${dur(p.minutesSinceLastEvent)} 没有新轨迹` : `No tracking movement for ${dur(p.minutesSinceLastEvent)}`;
    case 'delivery_failed':
      return zh ? `快递状态：${SHIPMENT_STATE_LABELS[p.state as ShipmentState]?.zh ?? str(p.state)}` : `Carrier says: ${SHIPMENT_STATE_LABELS[p.state as ShipmentState]?.en ?? str(p.state)}`;
    case 'stock_short_no_purchase': {
      const skus = Array.isArray(p.missingSkus) ? (p.missingSkus as string[]).join(zh ? '、' : ', ') : '';
      return zh ? `缺货且没有采购在途${skus ? `：${skus}` : ''}` : `Stock short with no purchase under way${skus ? `: ${skus}` : ''}`;
    }
    case 'suspected_duplicate':
      return zh ? '同一买家短时间内下了相同的订单' : 'The same buyer ordered the same items shortly before';
    case 'unmapped_status':
      return zh ? '平台状态词没有对应的阶段，请在店铺设置中补充' : "The platform's status word maps to no phase yet";
    case 'quality_hold':
      return zh ? '订单含被质检拦截的批次' : 'The order carries a batch under quality hold';
    case 'address_changed_after_pick':
      return zh ? `拣货单打印后买家改了地址（当前${statusWord(p.status, lang)}），请确认包裹用的是新地址` : `Address changed after the pick list was printed (now ${statusWord(p.status, lang)}); confirm the parcel carries the new one`;
    case 'ship_confirm_refused': {
      // Our own refusal in the reader's words; the shop's as the shop said it.
      const why = p.reasonCode ? confirmErrorText({ code: str(p.reasonCode), params: (p.reasonParams ?? {}) as Record<string, unknown> }, lang) : str(p.reason).slice(0, 160);
      return zh
        ? `平台拒绝了运单 ${str(p.trackingNo)} 的发货回传：${why}`
        : `The shop refused the shipment confirmation of ${str(p.trackingNo)}: ${why}`;
    }
    case 'channel_failing':
    case 'erp_failing':
    case 'sync_failing':
      return (zh ? `${str(p.name)} 已连续失败 ${dur(p.failingMinutes)}` : `${str(p.name)} failing for ${dur(p.failingMinutes)}`) + (p.lastError ? `（${str(p.lastError).slice(0, 120)}）` : '');
  }
}

/** A person's reason (code + note) in words. */
export function reasonText(code: string | null, p: Record<string, unknown> | null, lang: Lang): string {
  const reason = EXCEPTION_REASON_LABELS[code as ExceptionReason]?.[lang] ?? str(code);
  return `${reason}${p?.note ? `（${str(p.note)}）` : ''}`;
}

/** How it closed, in words. */
export function closeText(kind: CloseKind, code: string | null, p: Record<string, unknown> | null, lang: Lang): string {
  const zh = lang === 'zh';
  const head = CLOSE_KIND_LABELS[kind][lang];
  if (kind === 'person') return `${head}：${reasonText(code, p, lang)}`;
  if (kind === 'cleared' && p) {
    if (p.gone) return zh ? `${head}：订单已不存在` : `${head}: the order is gone`;
    if (typeof p.status === 'string') return `${head}${zh ? '：订单' : ': order '}${statusWord(p.status, lang)}`;
    if (typeof p.state === 'string') return `${head}${zh ? '：快递' : ': carrier '}${SHIPMENT_STATE_LABELS[p.state as ShipmentState]?.[lang] ?? p.state}`;
  }
  return head;
}

export function detectorText(d: DetectorCode, lang: Lang): string {
  return DETECTOR_LABELS[d][lang];
}

export function phaseText(v: unknown, lang: Lang): string {
  return PLATFORM_PHASE_LABELS[v as PlatformPhase]?.[lang] ?? (lang === 'zh' ? '未识别' : 'unknown');
}

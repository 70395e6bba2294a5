import { existsSync } from 'node:fs';
import { manualStatusEn } from '../../src-shared/manual-order-words';
import { ORDER_STATUS_LABELS, PLATFORM_PHASE_LABELS, type OrderStatus } from '../../src-shared/orders';
import type { Sqlite } from '../db';
import type { Locale } from '../kernel/i18n';
import { resourcePath } from '../paths';
import { statusDictionary, type RefundState, type StatusDictionary, type StatusEntry } from './status-dictionary';

/**
 * A platform's status word as a merchant reads it: PDD's `1` is 待发货 (Awaiting shipment),
 * Taobao's TRADE_FINISHED is 交易成功 (Completed). The words come from the status dictionaries
 * (resources/status/<platform>.json, zh and en) and the workspace's own mappings (status_overrides,
 * named in Chinese; in English the OrderHub status they map to); a word nothing knows is shown as
 * received. Used by the order drawer and the finance export, so both say the same thing.
 */
export class StatusWords {
  private readonly override;

  constructor(sqlite: Sqlite) {
    this.override = sqlite.prepare('SELECT zh, standard FROM status_overrides WHERE platform = ? AND platform_status = ?');
  }

  /** 交易成功 / Completed for (taobao, TRADE_FINISHED); the raw word when nothing names it. */
  status(kind: string, raw: string | null | undefined, locale: Locale = 'zh-CN'): string {
    if (!raw) return '';
    const d = dictionary(kind);
    const entry = d ? d.status(raw) : ownWords(raw);
    if (entry) return locale === 'en' ? entry.en ?? PLATFORM_PHASE_LABELS[entry.phase].en : entry.zh;
    const own = this.override.get(kind, raw) as { zh: string; standard: OrderStatus } | undefined;
    if (own) return locale === 'en' ? ORDER_STATUS_LABELS[own.standard]?.en ?? raw : own.zh;
    return raw;
  }

  /** 退款成功 / Refunded for (pdd, 4); the raw word when the dictionary does not name it. */
  refund(kind: string, raw: string | null | undefined, locale: Locale = 'zh-CN'): string | null {
    if (!raw) return null;
    const entry = dictionary(kind)?.refund(raw);
    if (entry) return locale === 'en' ? entry.en ?? REFUND_STATE_EN[entry.state] : entry.zh;
    if (locale === 'en') return REFUND_WORDS_EN[raw] ?? raw;
    return raw;
  }
}

const REFUND_STATE_EN: Record<RefundState, string> = {
  none: 'No refund', requested: 'Refund requested', returning: 'Returning', refunding: 'Refunding',
  exchanging: 'Exchanging', refused: 'Refund refused', closed: 'After-sales closed', refunded: 'Refunded',
};

/** Refund words stored already in Chinese (sheets, stores), in English. */
const REFUND_WORDS_EN: Record<string, string> = { 退款成功: 'Refunded', 退款中: 'Refunding', 已退款: 'Refunded', 退货中: 'Returning', 无退款: 'No refund' };

/**
 * WeChat mini-programs and store sheets have no dictionary file: their words are OrderHub's own
 * status codes or already people's words (已完成, 已退货), and a manual order's 电话·已付款. Named here
 * in both languages.
 */
function ownWords(raw: string): Pick<StatusEntry, 'phase' | 'zh' | 'en'> | null {
  const byCode = ORDER_STATUS_LABELS[raw as OrderStatus];
  if (Object.prototype.hasOwnProperty.call(ORDER_STATUS_LABELS, raw) && byCode) return { phase: 'paid', ...byCode };
  const byWord = Object.values(ORDER_STATUS_LABELS).find((l) => l.zh === raw) ?? STORE_WORDS.find((l) => l.zh === raw);
  if (byWord) return { phase: 'paid', ...byWord };
  const manual = manualStatusEn(raw); // 电话·已付款, what a manual order is stored with
  return manual ? { phase: 'paid', zh: raw, en: manual } : null;
}
const STORE_WORDS = [{ zh: '已退货', en: 'Returned' }];

function dictionary(kind: string): StatusDictionary | null {
  let has = present.get(kind);
  if (has === undefined) present.set(kind, (has = /^[a-z0-9_-]+$/.test(kind) && existsSync(resourcePath('status', `${kind}.json`))));
  return has ? statusDictionary(kind) : null;
}
const present = new Map<string, boolean>();

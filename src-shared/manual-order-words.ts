/**
 * How a manual order came in and how it is paid, in both languages. The order's platform status is
 * stored in Chinese (电话·已付款: what earlier versions wrote, and what the finance export shows a
 * Chinese reader); a window in English reads it through `manualStatusEn`.
 */
type Words = { zh: string; en: string };

export const MANUAL_SOURCE_WORDS: Record<'phone' | 'qq' | 'wechat' | 'fax' | 'offline', Words> = {
  phone: { zh: '电话', en: 'Phone' }, qq: { zh: 'QQ', en: 'QQ' }, wechat: { zh: '微信', en: 'WeChat' },
  fax: { zh: '传真', en: 'Fax' }, offline: { zh: '线下', en: 'Offline' },
};

export const MANUAL_PAYMENT_WORDS: Record<'paid' | 'cod' | 'credit' | 'unpaid', Words> = {
  paid: { zh: '已付款', en: 'Paid' }, cod: { zh: '货到付款', en: 'Cash on delivery' },
  credit: { zh: '月结', en: 'Monthly account' }, unpaid: { zh: '待付款', en: 'Unpaid' },
};

/** The platform status a manual order is stored with: 电话·已付款. */
export const manualStatus = (source: keyof typeof MANUAL_SOURCE_WORDS, payment: keyof typeof MANUAL_PAYMENT_WORDS): string =>
  `${MANUAL_SOURCE_WORDS[source].zh}·${MANUAL_PAYMENT_WORDS[payment].zh}`;

const EN_OF = new Map([...Object.values(MANUAL_SOURCE_WORDS), ...Object.values(MANUAL_PAYMENT_WORDS)].map((w) => [w.zh, w.en]));

/** 电话·已付款 → "Phone · Paid"; null for anything that is not a manual order's status. */
export function manualStatusEn(raw: string): string | null {
  const parts = raw.split('·');
  if (parts.length !== 2) return null;
  const en = parts.map((p) => EN_OF.get(p));
  return en.every(Boolean) ? en.join(' · ') : null;
}

/**
 * What the orders grid's quick search looks in for a given text. One function for both sides:
 * the main process builds its SQL from it, the grid says "searched X, Y, Z" from it when
 * nothing matches.
 */

/** Where a quick search may look (the grid's words for each are in i18n orders.searched.*). */
export type QuickPlace =
  | 'orderNo' // exact or starting with
  | 'orderNoEnd' // ending with
  | 'orderNoList' // several numbers pasted one per line (order or tracking numbers)
  | 'phone4' // receiver phone's last four
  | 'tracking' // exact or starting with
  | 'sku' // a line's SKU code, exact or starting with
  | 'buyer' // buyer nick, exact or starting with
  | 'text'; // receiver, address, remarks, item titles (anywhere in them)

export interface QuickPlan {
  /** The text as searched (trimmed); for a list, the numbers, distinct, in order. */
  text: string;
  list: string[] | null;
  places: QuickPlace[];
}

/** Most numbers one paste may hold. */
export const QUICK_LIST_MAX = 1000;
/** An order, tracking or account number: letters, digits, - and _. */
const IDENTIFIER = /^[A-Za-z0-9_-]+$/;
/** Shortest text looked for at the end of order numbers (shorter ends match too much to be meant). */
export const SUFFIX_MIN = 4;

/** Splits a paste into numbers: one per line (commas, spaces and tabs between them also count). */
export function quickList(text: string): string[] {
  return [...new Set(text.split(/[\r\n,，;；\t ]+/).map((s) => s.trim()).filter(Boolean))];
}

export function planQuick(raw: string): QuickPlan | null {
  const text = raw.trim();
  if (!text) return null;
  const parts = quickList(text);
  // Several numbers pasted (one per line, or separated): each is an exact order or tracking number.
  if (parts.length > 1 && (/[\r\n]/.test(text) || parts.every((p) => IDENTIFIER.test(p)))) {
    return { text, list: parts, places: ['orderNoList'] };
  }
  const places: QuickPlace[] = [];
  if (/^\d{4}$/.test(text)) places.push('phone4');
  if (IDENTIFIER.test(text)) {
    places.push('orderNo');
    if (text.length >= SUFFIX_MIN) places.push('orderNoEnd');
    places.push('tracking', 'sku', 'buyer');
    // A long run of letters and digits is a number, not a word someone remembers from an address.
    if (text.length < 8 && !/^\d{4}$/.test(text)) places.push('text');
  } else {
    places.push('buyer', 'text');
  }
  return { text, list: null, places };
}

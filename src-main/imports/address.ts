/**
 * Addresses as files write them → the parts orders keep (issue 15, item 9): a postcode is not
 * part of the address, and a municipality written short ("上海 上海市", Taobao's way) is one
 * name ("上海市" as province and city, which the grid shows once).
 */
export interface AddressParts {
  province: string | null;
  city: string | null;
  district: string | null;
  detail: string | null;
}

const MUNICIPALITIES = ['北京', '上海', '天津', '重庆'];
/** A six-digit postcode at either end, bare, in brackets or after 邮编. */
const POSTCODE_END = /[\s,，;；]*[(（[]?(?:邮编|邮政编码)?[:：]?\s*\d{6}[)）\]]?\s*$/;
const POSTCODE_START = /^\s*[(（[]?(?:邮编|邮政编码)?[:：]?\s*\d{6}[)）\]]?[\s,，;；]+/;

export function withoutPostcode(text: string): string {
  return text.replace(POSTCODE_END, '').replace(POSTCODE_START, '').trim();
}

/** "上海" → "上海市"; other names as given. */
export function provinceName(p: string | null): string | null {
  if (!p) return p;
  const t = p.trim();
  return MUNICIPALITIES.includes(t) ? `${t}市` : t;
}

/** `浙江省 杭州市 西湖区 xx路 1号 310000` → parts; fewer than three parts stay whole as the detail. */
export function splitAddress(text: string | null): AddressParts {
  if (!text) return { province: null, city: null, district: null, detail: null };
  const parts = withoutPostcode(text).split(/\s+/).filter(Boolean);
  if (parts.length < 3) return { province: null, city: null, district: null, detail: parts.join(' ') || null };
  const four = parts.length > 3;
  return normalizeParts({ province: parts[0]!, city: parts[1]!, district: four ? parts[2]! : null, detail: parts.slice(four ? 3 : 2).join(' ') });
}

/** Separate columns get the same care: municipality names, no postcode in the detail. */
export function normalizeParts(a: AddressParts): AddressParts {
  const province = provinceName(a.province);
  const city = a.city && province && MUNICIPALITIES.some((m) => `${m}市` === province) && provinceName(a.city) === province ? province : a.city;
  return { province, city, district: a.district, detail: a.detail ? withoutPostcode(a.detail) || null : a.detail };
}

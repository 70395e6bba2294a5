/**
 * Carrier names and codes as shops and files give them → Kuaidi100's company code (`com`,
 * PLATFORMS.md §7.1). Taobao company codes, PDD logistics codes, JD logiCoprId and Chinese names
 * (§9.7); numeric ids mean different carriers on different platforms, so they are read per platform.
 */
const BY_WORD: Record<string, string> = {
  sf: 'shunfeng', shunfeng: 'shunfeng', 顺丰: 'shunfeng',
  yto: 'yuantong', yuantong: 'yuantong', 圆通: 'yuantong',
  zto: 'zhongtong', zhongtong: 'zhongtong', 中通: 'zhongtong',
  yunda: 'yunda', yd: 'yunda', 韵达: 'yunda',
  sto: 'shentong', shentong: 'shentong', 申通: 'shentong',
  ems: 'ems', 'ems经济': 'ems',
  youzhengguonei: 'youzhengguonei', post: 'youzhengguonei', 邮政: 'youzhengguonei', 中国邮政: 'youzhengguonei', 邮政包裹: 'youzhengguonei',
  jd: 'jd', jdl: 'jd', 京东: 'jd',
  jtexpress: 'jtexpress', jtkd: 'jtexpress', jt: 'jtexpress', 极兔: 'jtexpress',
  htky: 'huitongkuaidi', ht: 'huitongkuaidi', huitongkuaidi: 'huitongkuaidi', 百世: 'huitongkuaidi', 百世汇通: 'huitongkuaidi',
  debangwuliu: 'debangwuliu', dbl: 'debangwuliu', 德邦: 'debangwuliu',
  zjs: 'zhaijisong', 宅急送: 'zhaijisong',
};

const BY_NUMBER: Record<string, Record<string, string>> = {
  pdd: { '44': 'shunfeng', '85': 'yuantong', '115': 'zhongtong', '121': 'yunda', '1': 'shentong', '118': 'ems', '120': 'jd', '384': 'jtexpress', '3': 'huitongkuaidi' },
  jd: { '467': 'shunfeng', '463': 'yuantong', '1499': 'zhongtong', '1327': 'yunda', '470': 'shentong', '465': 'ems', '2087': 'jd' },
};

/** The words around a carrier's name that do not name it (快递, 速运, 物流, spaces). */
const NOISE = /(快递|快运|速运|速递|物流|股份|有限公司|公司|express|\s|-|_)/gi;

/** Kuaidi100's code for a carrier, or null when it is not one we know (the parcel is then not tracked). */
export function carrierCode(carrier: string | null | undefined, channelKind?: string | null): string | null {
  const raw = carrier?.trim();
  if (!raw) return null;
  if (/^\d+$/.test(raw)) return (channelKind ? BY_NUMBER[channelKind]?.[raw] : undefined) ?? null;
  const lower = raw.toLowerCase();
  if (BY_WORD[lower]) return BY_WORD[lower];
  const word = lower.replace(NOISE, '');
  if (BY_WORD[word]) return BY_WORD[word];
  for (const [k, v] of Object.entries(BY_WORD)) if (/[\u4e00-\u9fff]/.test(k) && word.startsWith(k)) return v;
  return null;
}

/** Carriers that want the recipient's phone (last 4 digits) with the query (§7.1: SF and ZTO). */
export const NEEDS_PHONE = new Set(['shunfeng', 'zhongtong']);

import { ORDER_HOLD_LABELS, ORDER_STATUS_LABELS, type OrderHold, type OrderStatus } from './orders';
import { CARRIER_NAMES, type Carrier, type ScanRefusal } from './shipping';
import type { HandoverRefusalCode } from './contract/shipping-print';
import type { BinRefusalCode } from './contract/shipping-bins';

type Lang = 'zh' | 'en';

const status = (s: unknown, l: Lang) => ORDER_STATUS_LABELS[s as OrderStatus]?.[l] ?? String(s);
const hold = (h: unknown, l: Lang) => ORDER_HOLD_LABELS[h as OrderHold]?.[l] ?? String(h);

/** A scan refusal in the reader's language, naming the value at fault (shared by main's message and the screen). */
export function scanRefusalText(r: ScanRefusal, lang: Lang): string {
  const p = r.params;
  const zh = lang === 'zh';
  switch (r.code) {
    case 'order_not_found': return zh ? `找不到订单 ${p.orderNo}` : `no order ${p.orderNo}`;
    case 'order_ambiguous': return zh ? `订单号 ${p.orderNo} 在 ${p.shops} 个店铺都有，请在订单页发货` : `order no. ${p.orderNo} exists in ${p.shops} shops; ship it from the orders page`;
    case 'not_ready': return zh ? `订单 ${p.orderNo} 还在「${status(p.status, 'zh')}」，不能发货` : `order ${p.orderNo} is still ${status(p.status, 'en')}; it cannot ship yet`;
    case 'order_closed': return zh ? `订单 ${p.orderNo} 已${status(p.status, 'zh')}，不能发货` : `order ${p.orderNo} is ${status(p.status, 'en')}; it cannot ship`;
    case 'already_shipped': return zh
      ? `订单 ${p.orderNo} 已发货${p.trackingNo ? `（单号 ${p.trackingNo}）` : ''}`
      : `order ${p.orderNo} has already shipped${p.trackingNo ? ` (tracking no. ${p.trackingNo})` : ''}`;
    case 'held': return zh ? `订单 ${p.orderNo} 被拦截（${hold(p.hold, 'zh')}），不能发货` : `order ${p.orderNo} is held (${hold(p.hold, 'en')}); it cannot ship`;
    case 'wrong_warehouse': return zh
      ? `订单 ${p.orderNo} 属于 ${p.warehouse ?? '未分仓'}，不是本仓 ${p.expected}`
      : `order ${p.orderNo} belongs to ${p.warehouse ?? 'no warehouse'}, not this warehouse ${p.expected}`;
    case 'tracking_invalid': return zh ? `物流单号 ${p.trackingNo} 格式不对（6–32 位字母或数字）` : `tracking no. ${p.trackingNo} is not 6–32 letters or digits`;
    case 'tracking_is_order_no': return zh ? `物流单号 ${p.trackingNo} 和订单号相同，请扫面单上的单号` : `tracking no. ${p.trackingNo} is the order number; scan the waybill`;
    case 'tracking_duplicate': return zh ? `物流单号 ${p.trackingNo} 已用于订单 ${p.orderNo}` : `tracking no. ${p.trackingNo} is already used by order ${p.orderNo}`;
    case 'carrier_needed': return zh ? `看不出物流单号 ${p.trackingNo} 是哪家快递，请选择快递公司` : `cannot tell the carrier of ${p.trackingNo}; choose the carrier`;
    case 'carrier_unknown': return zh ? `不认识快递公司「${p.carrier}」` : `unknown carrier "${p.carrier}"`;
    case 'line_invalid': return zh
      ? `订单 ${p.orderNo} 的商品行 ${p.line} 不能发 ${p.qty} 件（剩 ${p.left ?? '?'} 件）`
      : `order ${p.orderNo} line ${p.line} cannot ship ${p.qty} (${p.left ?? '?'} left)`;
    case 'refused': return zh ? `订单 ${p.orderNo} 现在不能发货（${p.code}）` : `order ${p.orderNo} cannot ship now (${p.code})`;
  }
}

export function carrierName(c: string, lang: Lang): string {
  return CARRIER_NAMES[c as Carrier]?.[lang] ?? c;
}

/** The shop's own words inside a connector message ("taobao: 15 … (isv…:B04: 已经发货…)" → "已经发货…"). */
export function shopWords(message: unknown): string {
  const text = typeof message === 'string' ? message : '';
  const zh = /([\u4e00-\u9fff][^()（）]*?)\)?$/.exec(text);
  return (zh?.[1] ?? text).trim();
}

/** Why a shipment confirmation (发货回传) waits or was refused, in the reader's language. */
export function confirmErrorText(e: { code: string; params: Record<string, unknown> } | null, lang: Lang): string {
  if (!e) return '';
  const zh = lang === 'zh';
  const p = e.params;
  switch (e.code) {
    case 'send_transient': case 'send_unknown': return zh ? '平台或网络故障，稍后自动重试' : 'The shop or the network failed; retrying later';
    case 'send_rate_limited': return zh ? '平台限流，稍后自动重试' : 'The shop is rate-limiting; retrying later';
    case 'send_auth': return zh ? '店铺授权失效，请在店铺页重新授权' : "The shop's authorisation failed; authorise it again on the shops page";
    case 'send_refused': return zh ? '店铺接口地址不被允许，请检查店铺设置' : "The shop's endpoint is not allowed; check the shop's settings";
    case 'send_invalid_request': return zh ? '平台不接受这次请求，稍后重试' : 'The shop did not accept the request; retrying later';
    case 'shop_refused': return zh ? `平台拒绝：${shopWords(p.message)}` : `Refused by the shop: ${shopWords(p.message)}`;
    case 'shipped_other_number': return zh ? `平台上已是其他运单号 ${p.theirs}` : `The shop already has tracking no. ${p.theirs}`;
    case 'carrier_not_listed': return zh ? `店铺的快递公司列表里没有「${carrierName(String(p.carrier), 'zh')}」` : `The shop's carrier list has no ${carrierName(String(p.carrier), 'en')}`;
    case 'no_open_fulfillment': return zh ? `平台上没有可发货的履约单（${p.statuses}）` : `The shop has no fulfillment order open to ship (${p.statuses})`;
    case 'carrier_not_mapped': return zh ? `该平台没有「${carrierName(String(p.carrier), 'zh')}」的快递编码` : `The shop has no code for ${carrierName(String(p.carrier), 'en')}`;
    case 'platform_not_built': return zh ? '该类店铺没有发货回传接口，请在平台后台发货' : "This kind of shop has no shipment call; ship it in the shop's back office";
    case 'split_not_built': return zh ? '该平台只能整单发货，分包裹请在平台后台补录运单' : 'This shop ships whole orders only; add the extra parcel in its back office';
    case 'demo_shop': return zh ? '演示店铺，不回传' : 'Demo shop: not sent';
    case 'shop_missing': return zh ? '店铺已删除' : 'The shop was removed';
    default: return e.code;
  }
}

/** A handover refusal (#11 §3, 已交接) in the reader's language, naming the order and the value at fault. */
export function handoverRefusalText(code: HandoverRefusalCode, p: Record<string, string | number | null>, lang: Lang): string {
  const zh = lang === 'zh';
  const c = (v: unknown) => carrierName(String(v ?? ''), lang);
  switch (code) {
    case 'order_not_found': return zh ? `找不到订单 ${p.orderId}` : `no order ${p.orderId}`;
    case 'not_shipped': return zh
      ? `订单 ${p.orderNo} 还没有扫描发货（现在「${status(p.status, 'zh')}」），不能交接`
      : `order ${p.orderNo} has not been scanned out (it is ${status(p.status, 'en')}); it cannot be handed over`;
    case 'other_carrier': return zh
      ? `订单 ${p.orderNo} 的包裹是${c(p.carrier)}（${p.trackingNo}），不是这一批的${c(p.expected)}`
      : `order ${p.orderNo} went with ${c(p.carrier)} (${p.trackingNo}), not this batch's ${c(p.expected)}`;
    case 'already_handed_over': return zh
      ? `订单 ${p.orderNo} 的包裹已在 ${p.at} 交接给${c(p.carrier)}`
      : `order ${p.orderNo}'s parcel was already handed to ${c(p.carrier)} at ${p.at}`;
  }
}

/** Why a bin row was not saved, naming the value (the bins screen and main's answers). */
export function binRefusalText(code: BinRefusalCode, value: string, lang: Lang): string {
  const zh = lang === 'zh';
  switch (code) {
    case 'sku_missing': return zh ? '缺少 SKU 编码' : 'the SKU code is missing';
    case 'sku_unknown': return zh ? `商品资料里没有 SKU「${value}」` : `no SKU "${value}" in the product list`;
    case 'sku_repeated': return zh ? `SKU「${value}」在本次出现了多次且库位不同，请只留一行` : `SKU "${value}" appears more than once with different bins; keep one row`;
    case 'bin_missing': return zh ? '缺少库位' : 'the bin is missing';
    case 'bin_invalid': return zh ? `库位「${value}」不对：最多 32 个字，不能有空格或换行` : `bin "${value}" is not valid: at most 32 characters, no spaces or line breaks`;
  }
}

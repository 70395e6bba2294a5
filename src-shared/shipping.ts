/**
 * Shipping's vocabulary (#11): our carrier codes, each platform's code for them, the refusals a
 * scan can meet and the states of a shipment's confirmation to its shop (发货回传).
 */

/** OrderHub's carrier codes. Stored on orders.carrier and shipments.carrier. */
export const CARRIERS = ['SF', 'ZTO', 'YTO', 'YD', 'STO', 'JD', 'EMS', 'JT'] as const;
export type Carrier = (typeof CARRIERS)[number];

export const CARRIER_NAMES: Record<Carrier, { zh: string; en: string }> = {
  SF: { zh: '顺丰', en: 'SF Express' },
  ZTO: { zh: '中通', en: 'ZTO' },
  YTO: { zh: '圆通', en: 'YTO' },
  YD: { zh: '韵达', en: 'Yunda' },
  STO: { zh: '申通', en: 'STO' },
  JD: { zh: '京东', en: 'JD Logistics' },
  EMS: { zh: 'EMS', en: 'EMS' },
  JT: { zh: '极兔', en: 'J&T' },
};

/**
 * Each platform's code for our carriers (PLATFORMS.md §9.7: examples from captured list calls,
 * CORROBORATED at most; a shop should resolve them from the platform's list call). null = not
 * known for that platform: the shipment is refused before sending, naming the carrier.
 * Douyin and Youzan codes are UNCONFIRMED in §9.7 (申通 = 1 on Youzan only): their confirmers read
 * the shop's own list (order.logisticsCompanyList, youzan.logistics.express.get) and pick the carrier
 * by its Chinese name (CARRIER_NAMES), so no code is guessed here. Shopify's `company` is free text:
 * the carriers' usual English names (whether Shopify links them to a tracking page is UNCONFIRMED).
 */
export const PLATFORM_CARRIER_CODES: Record<'taobao' | 'pdd' | 'jd' | 'shopify', Record<Carrier, string | null>> = {
  taobao: { SF: 'SF', ZTO: 'ZTO', YTO: 'YTO', YD: 'YUNDA', STO: 'STO', JD: null, EMS: 'EMS', JT: null },
  pdd: { SF: '44', ZTO: '115', YTO: '85', YD: '121', STO: '1', JD: '120', EMS: '118', JT: '384' },
  jd: { SF: '467', ZTO: '1499', YTO: '463', YD: '1327', STO: '470', JD: '2087', EMS: '465', JT: null },
  shopify: { SF: 'SF Express', ZTO: 'ZTO Express', YTO: 'YTO Express', YD: 'Yunda Express', STO: 'STO Express', JD: 'JD Logistics', EMS: 'China EMS', JT: 'J&T Express' },
};

/** Why a scan (or a bulk row) was refused; the words live in the renderer's shipping area. */
export const SCAN_REFUSALS = [
  'order_not_found', 'order_ambiguous', 'not_ready', 'order_closed', 'already_shipped', 'held', 'wrong_warehouse',
  'tracking_invalid', 'tracking_is_order_no', 'tracking_duplicate', 'carrier_needed', 'carrier_unknown', 'line_invalid', 'refused',
] as const;
export type ScanRefusalCode = (typeof SCAN_REFUSALS)[number];

export interface ScanRefusal {
  code: ScanRefusalCode;
  params: Record<string, string | number | null>;
}

/** A shipment's confirmation to its shop: waiting (to send or retry), confirmed, refused by the shop (an exception), or not sent (a kind we cannot confirm). */
export const CONFIRM_STATES = ['pending', 'confirmed', 'refused', 'unsupported'] as const;
export type ConfirmState = (typeof CONFIRM_STATES)[number];

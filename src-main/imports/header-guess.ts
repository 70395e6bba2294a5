import { IMPORT_FIELDS } from '../../src-shared/contract/imports';
import type { ChannelKind } from '../../src-shared/orders';
import { BUILTIN_TEMPLATES, normalizeHeader } from './builtin-templates';

/**
 * Headers people write in their own sheets (issue 15, item 8) → the field each most likely
 * is. A guess for the mapping screen to start from; the user confirms it.
 */
const SIMPLE: Record<string, string[]> = {
  platformOrderId: ['单号', '订单号', '订单编号', '单据编号', '销售单号'],
  createdAt: ['日期', '下单时间', '下单日期', '订单日期', '单据日期', '时间', '销售日期'],
  paidAt: ['付款时间', '支付时间'],
  paidYuan: ['实付', '实付金额', '实收', '实收金额', '付款金额', '应收金额'],
  goodsYuan: ['商品金额', '货款', '商品总价', '货款金额'],
  discountYuan: ['优惠', '优惠金额', '折扣金额'],
  postageYuan: ['运费', '邮费'],
  lineQty: ['数量', '件数', '销售数量'],
  lineUnitPriceYuan: ['单价', '售价', '销售单价'],
  linePaidYuan: ['小计', '行金额'],
  platformStatus: ['状态', '订单状态', '单据状态'],
  receiverName: ['收货人', '收件人', '客户', '客户名称', '姓名', '联系人'],
  receiverPhone: ['电话', '手机', '手机号', '联系电话', '收货电话', '收件人电话'],
  address: ['地址', '收货地址', '收件地址', '详细地址'],
  lineTitle: ['商品', '商品名称', '品名', '货品名称', '名称'],
  lineSkuCode: ['sku', '商家编码', '货号', '编码', '商品编码', '货品编码'],
  lineSpec: ['规格', '规格型号'],
  sellerNote: ['备注', '商家备注'],
  buyerRemark: ['买家留言', '客户留言'],
  trackingNo: ['快递单号', '运单号', '物流单号'],
  carrier: ['快递公司', '物流公司', '快递'],
};

/** Column header → field, for every header with a confident guess (each field taken once, first column wins). */
export function suggest(headers: string[]): Record<string, string> {
  const byName = new Map<string, string>();
  for (const t of BUILTIN_TEMPLATES) for (const [field, names] of Object.entries(t.columns)) for (const n of names) if (!byName.has(n)) byName.set(n, field);
  for (const f of IMPORT_FIELDS.orders) byName.set(normalizeHeader(f.zh), f.key);
  for (const [field, names] of Object.entries(SIMPLE)) for (const n of names) byName.set(normalizeHeader(n), field);
  const known = new Set(IMPORT_FIELDS.orders.map((f) => f.key));
  const norm = headers.map(normalizeHeader);
  // "金额" alone is the order's amount; next to 单价/数量 it is the line's (单价 × 数量), and next to 实付 the goods amount.
  const has = (field: string) => norm.some((h) => byName.get(h) === field);
  const amount = has('paidYuan') ? 'goodsYuan' : has('lineUnitPriceYuan') || has('lineQty') ? 'linePaidYuan' : 'paidYuan';
  const out: Record<string, string> = {};
  const taken = new Set<string>();
  headers.forEach((h, i) => {
    const f = norm[i] === '金额' ? amount : byName.get(norm[i]!);
    if (f && known.has(f) && !taken.has(f)) {
      out[h] = f;
      taken.add(f);
    }
  });
  return out;
}

/** The platform a header row looks like it came from, by the words only that platform's exports use. */
export function guessChannelKind(headers: string[]): ChannelKind | null {
  const set = new Set(headers.map(normalizeHeader));
  let best: { kind: ChannelKind; hits: number } | null = null;
  for (const t of BUILTIN_TEMPLATES) {
    if (t.kind !== 'orders' || !t.channelKind) continue;
    const hits = t.signature.filter((h) => set.has(h)).length;
    if (hits >= 2 && (!best || hits > best.hits)) best = { kind: t.channelKind, hits };
  }
  return best?.kind ?? null;
}

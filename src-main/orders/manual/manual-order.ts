import { uuidv7 } from '../../kernel/ids';
import type { ParsedInput } from '../../../src-shared/contract';
import { MANUAL_PAYMENT_WORDS, MANUAL_SOURCE_WORDS, manualStatus } from '../../../src-shared/manual-order-words';
import type { OrderStatus } from '../../../src-shared/orders';
import type { Database, WriteTx } from '../../db';
import type { IngestPipeline } from '../../ingest/pipeline';
import type { NormalizedLine, NormalizedOrder } from '../../ingest/normalized-order';
import { OrderActionError } from '../action-error';

type Input = ParsedInput<'orders.createManual'>;

export const MANUAL_CHANNEL_NAME = '手工订单';

/**
 * Manual orders (phone, QQ, fax, offline B2B) enter through the shop orders' own path
 * (IngestPipeline.ingestOrder): the same customer match, duplicate check, state machine entry
 * and rules. Prices default to the SKU's; the order number is SG<date><sequence> in its shop.
 */
export class ManualOrders {
  private readonly sku;
  private readonly manualChannel;
  private readonly channel;
  private readonly taken;

  constructor(db: Pick<Database, 'sqlite'>, private readonly pipeline: IngestPipeline) {
    const { sqlite } = db;
    this.sku = sqlite.prepare('SELECT code, title, spec, price_fen AS priceFen FROM skus WHERE code = ?');
    this.manualChannel = sqlite.prepare(`SELECT id FROM channels WHERE name = ? AND kind = 'pos' ORDER BY created_at LIMIT 1`).pluck();
    this.channel = sqlite.prepare('SELECT id, kind FROM channels WHERE id = ?');
    this.taken = sqlite.prepare('SELECT 1 FROM orders WHERE channel_id = ? AND platform_order_id = ?').pluck();
  }

  create(tx: WriteTx, input: Input, now: number): { id: string; platformOrderId: string; status: OrderStatus } {
    const channel = this.channelFor(tx, input.channelId, now);
    const lines = this.lines(input);
    const goodsFen = lines.reduce((s, l) => s + l.qty * l.unitPriceFen, 0);
    if (input.discountFen > goodsFen) {
      throw new OrderActionError('invalid_input', `优惠 ${input.discountFen / 100} 元超过了商品金额 ${goodsFen / 100} 元`,
        `the discount ${input.discountFen} fen is more than the goods ${goodsFen} fen`, 'discountFen');
    }
    allocateDiscount(lines, input.discountFen);
    const day = new Date(now + 8 * 3_600_000).toISOString().slice(0, 10).replaceAll('-', '');
    let seq = 1;
    while (this.taken.get(channel.id, orderNo(day, seq))) seq++;
    const platformOrderId = orderNo(day, seq);
    const paid = input.payment !== 'unpaid';
    const a = input.address;
    const order: NormalizedOrder = {
      platformOrderId,
      platformStatus: manualStatus(input.source, input.payment),
      phase: paid ? 'paid' : 'unpaid',
      createdAt: now,
      paidAt: paid ? now : null,
      platformUpdatedAt: now,
      goodsFen,
      discountFen: input.discountFen,
      postageFen: input.postageFen,
      paidFen: goodsFen - input.discountFen + input.postageFen,
      buyer: { nick: input.buyerNick?.trim() || a.receiverName, phone: a.receiverPhone },
      address: {
        receiverName: a.receiverName, receiverPhone: a.receiverPhone, province: a.province, city: a.city || null,
        district: a.district || null, detail: a.detail,
      },
      sellerNote: [`${MANUAL_SOURCE_WORDS[input.source].zh}下单`, MANUAL_PAYMENT_WORDS[input.payment].zh, input.remark?.trim()].filter(Boolean).join(' · '),
      lines,
    };
    const r = this.pipeline.ingestOrder(tx, channel, order, { source: `manual:${input.source}`, payload: JSON.stringify(input) }, now, {
      ...(input.customerId ? { customerId: input.customerId } : {}), entrySource: 'person',
    });
    return { id: r.orderId, platformOrderId, status: r.statusChange?.to ?? 'pending_review' };
  }

  private lines(input: Input): NormalizedLine[] {
    let lastMain = -1;
    return input.lines.map((l, i) => {
      const sku = this.sku.get(l.skuCode) as { code: string; title: string; spec: string | null; priceFen: number | null } | undefined;
      if (!sku) throw new OrderActionError('invalid_input', `商品编码 ${l.skuCode} 不存在`, `SKU ${l.skuCode} does not exist`, `lines.${i}.skuCode`);
      const unit = l.gift ? 0 : (l.unitPriceFen ?? sku.priceFen);
      if (unit === null || unit === undefined) {
        throw new OrderActionError('invalid_input', `商品 ${sku.code} 没有默认价格，请填写单价`, `SKU ${sku.code} has no price: enter one`, `lines.${i}.unitPriceFen`);
      }
      if (l.gift && lastMain < 0) {
        throw new OrderActionError('invalid_input', `赠品 ${sku.code} 前面没有主商品：赠品跟随它前面的商品`, `the gift ${sku.code} has no line before it to go with`, `lines.${i}.gift`);
      }
      if (!l.gift) lastMain = i;
      return {
        skuCode: sku.code, title: sku.title, spec: sku.spec, qty: l.qty, unitPriceFen: unit, discountFen: 0, paidFen: unit * l.qty,
        gift: l.gift, ...(l.gift ? { giftOf: lastMain } : {}),
      };
    });
  }

  /** The shop named, else the workspace's 手工订单 shop (made on first use, paused: nothing to poll). */
  private channelFor(tx: WriteTx, channelId: string | undefined, now: number): { id: string; kind: string } {
    if (channelId) {
      const c = this.channel.get(channelId) as { id: string; kind: string } | undefined;
      if (!c) throw new OrderActionError('invalid_input', `店铺 ${channelId} 不存在`, `shop ${channelId} does not exist`, 'channelId');
      return c;
    }
    const found = this.manualChannel.get(MANUAL_CHANNEL_NAME) as string | undefined;
    if (found) return { id: found, kind: 'pos' };
    const id = uuidv7();
    tx.insert('channels', {
      id, kind: 'pos', name: MANUAL_CHANNEL_NAME, platformShopId: null, configJson: JSON.stringify({ manual: true }), pollerDeviceId: null,
      paused: true, commissionBps: null, createdAt: now, updatedAt: now,
    });
    return { id, kind: 'pos' };
  }
}

function orderNo(day: string, seq: number): string {
  return `SG${day}${String(seq).padStart(4, '0')}`;
}

/** The order's discount spread over the paid lines by amount; the rounding rest on the largest line. */
function allocateDiscount(lines: NormalizedLine[], discountFen: number): void {
  const paying = lines.filter((l) => !l.gift && l.paidFen > 0);
  const total = paying.reduce((s, l) => s + l.paidFen, 0);
  if (!discountFen || !total) return;
  let left = discountFen;
  for (const l of paying) {
    const d = Math.floor((discountFen * l.paidFen) / total);
    l.discountFen = d;
    left -= d;
  }
  const biggest = paying.reduce((a, b) => (b.paidFen > a.paidFen ? b : a));
  biggest.discountFen = (biggest.discountFen ?? 0) + left;
  for (const l of paying) l.paidFen -= l.discountFen ?? 0;
}

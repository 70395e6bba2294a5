import { PHASE_OF_STATUS_WORD, type OrderStatus, type PlatformPhase, type Urgency } from '../../src-shared/orders';
import { DEFAULT_MACHINE } from '../orders/lifecycle/default-machine';
import { slaClock } from '../orders/lifecycle/sla';
import { BUYER_REMARKS, CARRIERS, DEMO_TAGS, FORMULA_REMARKS, ORDER_NOTES, SELLER_NOTES, type DemoShop } from './data/shops';
import type { DemoSku } from './data/products';
import { maskDetail, type BuyerPool } from './people';
import { platformOrderId, platformStatus, possibleStatus, refundedWord, trackingNo } from './platform-formats';
import { Rng, Weighted, uuid7 } from './rng';
import { simulate, type StepActor } from './order-story';

type Row = Record<string, unknown>;

/** The demo people who act in timelines; id null when the workspace has no such user. */
export interface DemoUsers {
  ops: { id: string | null; name: string };
  warehouse: { id: string | null; name: string };
  service: { id: string | null; name: string };
}

export interface BuiltOrder {
  order: Row;
  lines: Row[];
  addresses: Row[];
  events: Row[];
  notes: Row[];
  holds: Row[];
}

export interface Catalogue {
  shop: DemoShop;
  channelId: string;
  skus: DemoSku[];
  bonded: DemoSku[];
  gifts: DemoSku[];
  warehouses: { id: string; code: string; weight: number }[];
}

const LINE_COUNT = new Weighted<number>([[1, 55], [2, 25], [3, 12], [4, 5], [5, 3]]);
const QTY = new Weighted<number>([[1, 80], [2, 15], [3, 5]]);
const carrierPick = new Weighted(CARRIERS.map((c) => [c.code, c.weight] as const));
const OPEN: OrderStatus[] = ['pending_review', 'to_route', 'to_ship', 'picking', 'packed', 'handed_over'];

/** Builds one demo order with its lines, address history, timeline and notes. */
export function buildOrder(i: number, createdAt: number, now: number, cat: Catalogue, buyers: BuyerPool, users: DemoUsers, rng: Rng): BuiltOrder {
  const { shop } = cat;
  const story = simulate(shop.kind, createdAt, now, rng);
  const buyer = buyers.pick(shop.kind);
  const id = uuid7(createdAt, rng);
  const last = story.steps[story.steps.length - 1]!;
  const status = possibleStatus(shop.kind, last.status);

  // Lines: 1–5 products; imported goods (bonded) tend to come alone.
  const lines: Row[] = [];
  const lineCount = LINE_COUNT.pick(rng);
  const useBonded = rng.chance(0.08);
  let goodsFen = 0;
  let lineDiscountFen = 0;
  for (let n = 0; n < lineCount; n++) {
    const sku = useBonded && n === 0 ? rng.pick(cat.bonded) : rng.pick(cat.skus);
    const qty = QTY.pick(rng);
    const gross = sku.priceFen * qty;
    const discount = rng.chance(0.3) ? Math.round((gross * rng.int(5, 20)) / 100) : 0;
    goodsFen += gross;
    lineDiscountFen += discount;
    lines.push({
      id: uuid7(createdAt, rng), orderId: id, lineNo: n + 1, platformLineId: shop.kind === 'pos' ? null : `${rng.digits(12)}`,
      skuCode: sku.code, title: sku.title, spec: sku.spec, qty, unitPriceFen: sku.priceFen, discountFen: discount,
      paidFen: gross - discount, batchNo: sku.batched ? batchOf(sku.code, createdAt) : null, gift: false, parentLineId: null, refundStatus: null, refundFen: 0,
    });
  }
  if (shop.kind !== 'pos' && rng.chance(0.12)) {
    const g = rng.pick(cat.gifts);
    lines.push({
      id: uuid7(createdAt, rng), orderId: id, lineNo: lines.length + 1, platformLineId: null, skuCode: g.code, title: g.title,
      spec: g.spec, qty: 1, unitPriceFen: 0, discountFen: 0, paidFen: 0, batchNo: null, gift: true,
      parentLineId: lines[0]!.id, refundStatus: null, refundFen: 0,
    });
  }
  // Shop coupon on the order (满减), part funded by the platform on the big ones.
  const coupon = goodsFen >= 19900 && rng.chance(0.35) ? Math.min(rng.pick([1000, 2000, 3000, 5000]), lines[0]!.paidFen as number) : 0;
  const platformDiscountFen = coupon && (shop.kind === 'taobao' || shop.kind === 'pdd') && rng.chance(0.5) ? Math.round(coupon / 2) : 0;
  if (coupon) lines[0]!.paidFen = (lines[0]!.paidFen as number) - coupon;
  const postageFen = shop.kind === 'pos' || goodsFen >= 9900 || rng.chance(0.7) ? 0 : rng.pick([600, 800, 1000]);
  const discountFen = lineDiscountFen + coupon;
  const paidFen = goodsFen - discountFen + postageFen;

  // Refunds: full when the order closed after payment; partial on a few completed ones; a few open requests.
  let refundFen = 0;
  let refundStatus: string | null = null;
  if (story.refunded && story.paidAt !== null) {
    refundFen = paidFen;
    refundStatus = refundedWord(shop.kind);
    for (const l of lines) Object.assign(l, { refundStatus, refundFen: l.paidFen });
  } else if (status === 'completed' && lines.length > 1 && rng.chance(0.04)) {
    const l = lines[lines.length - 1]!;
    refundFen = l.paidFen as number;
    refundStatus = refundedWord(shop.kind);
    Object.assign(l, { refundStatus, refundFen });
  } else if ((status === 'shipped' || status === 'delivered') && rng.chance(0.03)) {
    refundStatus = shop.kind === 'pdd' ? '2' : 'WAIT_SELLER_AGREE';
    lines[0]!.refundStatus = refundStatus;
  }

  const reachedWarehouse = story.steps.some((s) => s.status === 'to_ship') || shop.kind === 'pos';
  const bonded = lines.some((l) => cat.bonded.some((b) => b.code === l.skuCode));
  const warehouse = shop.kind === 'pos' ? null : !reachedWarehouse ? null
    : bonded ? cat.warehouses.find((w) => w.code === 'NB-BOND')! : pickWarehouse(cat, rng);
  const shipped = story.shippedAt !== null;
  const carrier = shipped ? carrierPick.pick(rng) : null;
  const promisedShipAt = story.paidAt !== null && shop.shipWithinHours ? story.paidAt + shop.shipWithinHours * 3_600_000 : null;

  const remark = remarkFor(i, rng);
  const tags: string[] = [];
  if (rng.chance(0.1)) tags.push(rng.pick(DEMO_TAGS));
  if (rng.chance(0.03)) tags.push(rng.pick(DEMO_TAGS));
  const urgency = urgencyOf(status, promisedShipAt, now, story.stuck, rng);

  // Address: the buyer's usual one; a few buyers changed it after ordering (history kept).
  const firstAddress = {
    receiverName: buyer.nameMasked, receiverPhone: buyer.phoneMasked, province: buyer.province, city: buyer.city,
    district: buyer.district, detail: shop.kind === 'pos' ? buyer.detail : maskDetail(buyer.detail),
  };
  const ingestedAt = story.steps[0]!.at + rng.int(20, 180) * 1000;
  const addresses: Row[] = [{ id: uuid7(ingestedAt, rng), orderId: id, ...firstAddress, source: `demo:${shop.kind}`, createdAt: ingestedAt }];
  const events: Row[] = [];
  const actor = (a: StepActor) => a === 'ops' ? users.ops : a === 'warehouse' ? users.warehouse : null;
  // Steps that happened before the first poll arrive folded into the 'ingested' event.
  const firstPolled = story.steps.filter((s) => s.at <= ingestedAt);
  const initial = firstPolled.length ? firstPolled[firstPolled.length - 1]! : story.steps[0]!;
  events.push(event(id, ingestedAt, 'ingested', null, 'system', possibleStatus(shop.kind, initial.status), { source: `demo:${shop.kind}`, platformStatus: platformStatus(shop.kind, initial.status) }, rng));
  let prev = possibleStatus(shop.kind, initial.status);
  let lastAt = ingestedAt;
  let statusAt = ingestedAt;
  for (const s of story.steps) {
    if (s.at <= ingestedAt) continue;
    const to = possibleStatus(shop.kind, s.status);
    if (to === prev) continue;
    const who = actor(s.actor);
    // Platform moves reach us at the next poll; people's moves are recorded as they make them.
    const at = s.actor === 'platform' ? s.at + rng.int(20, 300) * 1000 : s.at;
    if (at > now) break;
    events.push(event(id, at, 'status_changed', who?.id ?? null, who?.name ?? 'system', to, { fromStatus: prev, platformStatus: platformStatus(shop.kind, s.status) }, rng));
    prev = to;
    statusAt = at;
    lastAt = Math.max(lastAt, at);
  }
  let receiver = firstAddress;
  if (OPEN.includes(status) && rng.chance(0.04)) {
    const at = Math.min(now, lastAt + rng.int(5, 120) * 60_000);
    receiver = { ...firstAddress, detail: `${firstAddress.detail.split('号')[0]}号（改）${rng.int(1, 20)}幢`, receiverName: firstAddress.receiverName };
    addresses.push({ id: uuid7(at, rng), orderId: id, ...receiver, source: `demo:${shop.kind}`, createdAt: at });
    events.push(event(id, at, 'updated', null, 'system', null, { fields: [], address: true, source: `demo:${shop.kind}` }, rng));
    lastAt = at;
  }
  const notes: Row[] = [];
  if (story.paidAt !== null && rng.chance(0.03)) {
    const at = Math.min(now, story.paidAt + rng.int(10, 48 * 60) * 60_000);
    const body = rng.pick(ORDER_NOTES);
    notes.push({ id: uuid7(at, rng), orderId: id, authorId: users.service.id, authorName: users.service.name, body, createdAt: at });
    events.push(event(id, at, 'note', users.service.id, users.service.name, null, { body }, rng));
    lastAt = Math.max(lastAt, at);
  }
  // Waiting for review: most were flagged by a review rule (a remark to read, a big amount), the rest are just paid.
  // (Its own random stream: the rest of the demo stays what it was before holds existed.)
  const holds: Row[] = [];
  const hr = new Rng(i * 7919 + 17);
  if (status === 'pending_review' && hr.chance(0.6)) {
    const code = remark ? 'buyer_remark' : paidFen >= 100_000 ? 'amount_over' : 'first_order';
    const params = code === 'buyer_remark' ? { remark } : code === 'amount_over' ? { amountFen: paidFen, thresholdFen: 100_000 } : {};
    const at = Math.min(now, statusAt + 1000);
    holds.push({ id: uuid7(at, hr), orderId: id, type: 'review', code, paramsJson: JSON.stringify(params), openedAt: at, openedByName: 'system' });
    events.push(event(id, at, 'hold_opened', null, 'system', null, { type: 'review', code, params }, hr));
  }
  events.sort((a, b) => (a.at as number) - (b.at as number));
  const phase: PlatformPhase = story.refunded ? 'refunded' : PHASE_OF_STATUS_WORD[status];
  const clock = slaClock(DEFAULT_MACHINE, { status, statusAt, paidAt: story.paidAt, channelId: cat.channelId, grade: null });

  const order: Row = {
    id, channelId: cat.channelId, platformOrderId: platformOrderId(shop.kind, createdAt, i, rng), status,
    platformStatus: platformStatus(shop.kind, last.status, story.refunded), platformPhase: phase, statusAt, slaDueAt: clock.dueAt, refundStatus, goodsFen, discountFen, platformDiscountFen, postageFen,
    paidFen, commissionFen: shop.kind === 'taobao' || shop.kind === 'jd' || shop.kind === 'douyin' ? Math.round((paidFen * shop.commissionBps) / 10_000) : null,
    refundFen, createdAt, paidAt: story.paidAt, platformUpdatedAt: last.at, promisedShipAt, shippedAt: story.shippedAt,
    completedAt: story.completedAt, warehouseId: warehouse?.id ?? null, urgency, tags: JSON.stringify(tags), hold: holds.length ? 'review' : null, mergeGroup: null,
    buyerRemark: remark, sellerNote: rng.chance(0.03) ? rng.pick(SELLER_NOTES) : null, customerId: buyer.customerId,
    buyerNick: buyer.nick, receiverName: receiver.receiverName, receiverPhone: receiver.receiverPhone, phoneLast4: buyer.phoneLast4,
    province: receiver.province, city: receiver.city, district: receiver.district, addressDetail: receiver.detail,
    carrier, trackingNo: carrier ? trackingNo(carrier, rng) : null, version: events.length, ingestedAt, modifiedAt: lastAt,
  };
  return { order, lines, addresses, events, notes, holds };
}

function event(orderId: string, at: number, type: string, actorId: string | null, actorName: string | null, toStatus: OrderStatus | null, detail: Record<string, unknown>, rng: Rng): Row {
  const { fromStatus, ...rest } = detail;
  return {
    id: uuid7(at, rng), orderId, at, type, actorId, actorName, fromStatus: (fromStatus as string | undefined) ?? null, toStatus,
    detailJson: JSON.stringify(rest),
  };
}

/** Food batches: one per product every ten days (B + product + the batch's first day), so a frozen batch holds a few days of orders. */
function batchOf(skuCode: string, createdAt: number): string {
  const start = createdAt - (createdAt % (10 * 86_400_000));
  return `B${skuCode.slice(0, 4)}-${new Date(start).toISOString().slice(2, 10).replaceAll('-', '')}`;
}

function pickWarehouse(cat: Catalogue, rng: Rng) {
  const normal = cat.warehouses.filter((w) => w.code !== 'NB-BOND');
  const total = normal.reduce((s, w) => s + w.weight, 0);
  let x = rng.next() * total;
  for (const w of normal) if ((x -= w.weight) < 0) return w;
  return normal[0]!;
}

/** Every 500th order carries a formula-like remark so any export of a sizeable view has one to escape. */
function remarkFor(i: number, rng: Rng): string | null {
  if (i % 500 === 7) return FORMULA_REMARKS[(i / 500) % FORMULA_REMARKS.length | 0]!;
  return rng.chance(0.08) ? rng.pick(BUYER_REMARKS) : null;
}

function urgencyOf(status: OrderStatus, promised: number | null, now: number, stuck: boolean, rng: Rng): Urgency {
  if (OPEN.includes(status) && promised !== null) {
    if (promised < now || stuck) return 'red';
    if (promised - now < 12 * 3_600_000) return 'yellow';
  }
  return rng.chance(0.015) ? 'yellow' : 'green';
}

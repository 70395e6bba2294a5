import { CHANNEL_KIND_LABELS } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import type { Lifecycle } from '../orders/lifecycle/lifecycle';
import { SYSTEM_ACTOR } from '../db';
import { DEFAULT_DEMO_ORDERS } from './defaults';
import { demoSkus } from './data/products';
import { DEMO_SHOPS, DEMO_WAREHOUSES } from './data/shops';
import { buildOrder, type BuiltOrder, type Catalogue, type DemoUsers } from './order-builder';
import { BuyerPool } from './people';
import { Rng, Weighted, uuid7 } from './rng';
import { letWaitingWritersGo } from '../db/write-turns';

export interface DemoOptions {
  /** Orders to generate (default 100,000). 0 = catalogue only. */
  orders?: number;
  /** Same seed (and `now`) → the same workspace. */
  seed?: number;
  /** The demo's "today"; orders spread over the 180 days before it. */
  now?: number;
  /** Orders per write transaction. */
  batchSize?: number;
  onProgress?: (message: string) => void;
  /** After each committed batch: orders written so far, of how many. */
  onBatch?: (done: number, total: number) => void;
  /** Stop between batches (the orders written so far stay). */
  signal?: AbortSignal;
}

export interface DemoResult {
  orders: number;
  lines: number;
  events: number;
  ms: number;
}

export { DEFAULT_DEMO_ORDERS };
export const DEFAULT_DEMO_SEED = 20261111;
const DAY = 86_400_000;
const DAYS = 180;

/**
 * Fills a fresh workspace with a realistic merchant: six shops, three warehouses, ~500 SKUs,
 * buyers, and N orders with lines, addresses and timelines. Everything goes through the
 * write path's bulk insert (rows + outbox, one audit record per batch), batch by batch.
 */
export async function generateDemoWorkspace(db: Database, lifecycle: Pick<Lifecycle, 'insertHistoric'>, opts: DemoOptions = {}): Promise<DemoResult> {
  const started = performance.now();
  const total = opts.orders ?? DEFAULT_DEMO_ORDERS;
  const seed = opts.seed ?? DEFAULT_DEMO_SEED;
  const now = opts.now ?? Date.now();
  const batchSize = opts.batchSize ?? 2000;
  const progress = opts.onProgress ?? (() => {});
  const rng = new Rng(seed);
  const ctx: WriteContext = { actor: SYSTEM_ACTOR, call: 'demo.generate', reason: 'demo workspace' };
  const since = now - DAYS * DAY;

  const channelRows = DEMO_SHOPS.map((s) => ({
    id: uuid7(since - 30 * DAY, rng), kind: s.kind, name: s.name, platformShopId: s.platformShopId,
    // demo: true — the poller never calls a platform for them; channels/demo-feed.ts keeps their health and coverage alive.
    configJson: JSON.stringify({ demo: true, label: CHANNEL_KIND_LABELS[s.kind].zh }), paused: false,
    commissionBps: s.commissionBps, createdAt: since - 30 * DAY, updatedAt: since - 30 * DAY,
  }));
  const warehouseRows = DEMO_WAREHOUSES.map((w) => ({
    id: uuid7(since - 30 * DAY, rng), code: w.code, name: w.name, city: w.city, createdAt: since - 30 * DAY, updatedAt: since - 30 * DAY,
  }));
  const skus = demoSkus();
  const skuRows = skus.map((s) => ({
    id: uuid7(since - 30 * DAY, rng), code: s.code, title: s.title, spec: s.spec, barcode: `69${rng.digits(11)}`,
    priceFen: s.priceFen, weightGrams: s.weightGrams, giftGroup: s.giftGroup, createdAt: since - 30 * DAY, updatedAt: since - 30 * DAY,
  }));
  const buyers = new BuyerPool(rng, seed, now);
  for (const s of DEMO_SHOPS) buyers.add(s.kind, Math.max(20, Math.round((total * s.weight) / 100 / 2.2)));

  db.writes.run(ctx, (tx) => {
    tx.insertMany('channels', channelRows, 'demo shops');
    tx.insertMany('warehouses', warehouseRows, 'demo warehouses');
    tx.insertMany('skus', skuRows, 'demo catalogue');
    for (let i = 0; i < buyers.customerRows.length; i += 5000) tx.insertMany('customers', buyers.customerRows.slice(i, i + 5000), 'demo buyers');
  });
  progress(`演示数据：6 个店铺、3 个仓库、${skuRows.length} 个 SKU、${buyers.customerRows.length} 位买家`);
  if (!total) return { orders: 0, lines: 0, events: 0, ms: performance.now() - started };

  const users = demoUsers(db);
  const catalogues = DEMO_SHOPS.map((shop, k): Catalogue => ({
    shop, channelId: channelRows[k]!.id,
    skus: skus.filter((s) => !s.gift && !s.bonded), bonded: skus.filter((s) => s.bonded), gifts: skus.filter((s) => s.gift),
    warehouses: warehouseRows.map((w, j) => ({ id: w.id, code: w.code, weight: DEMO_WAREHOUSES[j]!.weight })),
  }));
  const shopPick = new Weighted(catalogues.map((c) => [c, c.shop.weight] as const));
  const times = orderTimes(total, since, now, rng);

  let lines = 0;
  let events = 0;
  for (let start = 0; start < total; start += batchSize) {
    const built: BuiltOrder[] = [];
    for (let i = start; i < Math.min(total, start + batchSize); i++) {
      built.push(buildOrder(i, times[i]!, now, shopPick.pick(rng), buyers, users, rng));
    }
    db.writes.run(ctx, (tx) => {
      // History, not live orders: they arrive with the status they reached (the machine's bulk path).
      lifecycle.insertHistoric(tx, built.map((b) => b.order), 'demo orders');
      tx.insertMany('order_holds', built.flatMap((b) => b.holds), 'demo holds');
      tx.insertMany('order_lines', built.flatMap((b) => b.lines), 'demo order lines');
      tx.insertMany('order_addresses', built.flatMap((b) => b.addresses), 'demo addresses');
      tx.insertMany('order_events', built.flatMap((b) => b.events), 'demo order events');
      tx.insertMany('order_notes', built.flatMap((b) => b.notes), 'demo order notes');
    });
    for (const b of built) {
      lines += b.lines.length;
      events += b.events.length;
    }
    const done = Math.min(total, start + batchSize);
    opts.onBatch?.(done, total);
    if (opts.signal?.aborted) return { orders: done, lines, events, ms: performance.now() - started };
    if (done === total || Math.floor(done / 10_000) > Math.floor(start / 10_000)) {
      progress(`演示订单 ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')}`);
    }
    // Let timers and I/O run between batches (the host can log, a window can paint).
    await letWaitingWritersGo(); // a person's first edits and the shops' polls go first
  }
  return { orders: total, lines, events, ms: performance.now() - started };
}

/** Creation times over the last 180 days up to now: growing trade, a Double 11 peak, evenings busier. Sorted. */
function orderTimes(n: number, since: number, now: number, rng: Rng): number[] {
  const BJ = 8 * 3_600_000;
  const dayStart = Math.floor((since + BJ) / DAY) * DAY - BJ; // Beijing midnight on or before `since`
  const days = Math.ceil((now - dayStart) / DAY); // the last one is today (so far)
  const dayPick = new Weighted(Array.from({ length: days }, (_, d) => {
    const at = new Date(dayStart + d * DAY + BJ); // its Beijing date
    const double11 = at.getUTCMonth() === 10 && at.getUTCDate() >= 10 && at.getUTCDate() <= 12;
    return [d, (1 + d / days) * (double11 ? 4 : 1)] as const;
  }));
  // Beijing hour weights 0..23: quiet at night, peaks at lunch and 20–22h.
  const hourWeights = [2, 1, 0.5, 0.3, 0.3, 0.5, 1, 2, 3, 4, 5, 5, 6, 5, 5, 5, 5, 5, 6, 7, 9, 10, 8, 4];
  const hourPick = new Weighted(hourWeights.map((w, h) => [h, w] as const));
  const out: number[] = [];
  while (out.length < n) {
    const t = dayStart + dayPick.pick(rng) * DAY + hourPick.pick(rng) * 3_600_000 + rng.int(0, 3_599_999);
    if (t >= since && t <= now - 10 * 60_000) out.push(t); // later today has not happened yet: draw again
  }
  return out.sort((a, b) => a - b);
}

function demoUsers(db: Database): DemoUsers {
  const rows = db.sqlite.prepare('SELECT id, username FROM users').all() as { id: string; username: string }[];
  const find = (username: string) => {
    const u = rows.find((r) => r.username === username);
    return { id: u?.id ?? null, name: username };
  };
  return { ops: find('ops'), warehouse: find('warehouse'), service: find('service') };
}

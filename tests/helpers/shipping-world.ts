import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import type { WriteContext } from '../../src-main/db';
import { order, PERSON, seedShop } from './lifecycle-fixture';
import { tempApp, type TempApp } from './temp-app';

export { order };

/**
 * A workspace for shipping: a Taobao shop, the 杭州仓 warehouse with counted stock, and orders
 * brought to 待发货 the way the floor does it (reviewed, then routed by hand: a reservation per line).
 */
export interface ShippingWorld {
  app: TempApp;
  channel: { id: string; kind: string };
  /** Ingests orders and brings them to 待发货 with their reservations; returns their ids. */
  ready(...orders: NormalizedOrder[]): string[];
  /** The same, in another shop. */
  readyIn(channel: { id: string; kind: string }, ...orders: NormalizedOrder[]): string[];
  onHand(sku: string, wh?: string): number;
  reserved(orderId: string): number;
  count(sql: string, ...args: unknown[]): number;
  status(orderId: string): string;
  dispose(): void;
}

export async function shippingWorld(opts: Parameters<typeof tempApp>[0] = {}): Promise<ShippingWorld> {
  const app = await tempApp({ shipping: { autostart: false }, ...opts });
  const { db, flow, rules } = app.services;
  const seeded = seedShop(app);
  const now = Date.now();
  db.writes.run(PERSON, (tx) => rules.stock.applySnapshot(tx, ['SKU-001', 'SKU-002', 'GIFT-BAG'].map((skuCode) => ({ skuCode, warehouseId: 'wh-hz', onHand: 1000 })), 'test', now));
  const q = (sql: string) => db.sqlite.prepare(sql).pluck();
  const ops: WriteContext = { actor: { id: null, name: 'ops' }, call: 'test.route' };
  const sys: WriteContext = { actor: { id: null, name: 'system' }, call: 'test.poll' };
  const readyIn = (channel: { id: string; kind: string }, ...orders: NormalizedOrder[]) => {
    const ids = db.writes.run(sys, (tx) => orders.map((o) => app.services.pipeline.ingestOrder(tx, channel, o, { source: 'poll:test', payload: JSON.stringify(o) }, Date.now()).orderId));
    for (const id of ids) {
      db.writes.run(ops, (tx) => {
        flow.lifecycle.transition(tx, { orderId: id, to: 'to_route', source: 'system', reason: { code: 'test' } });
        rules.fulfilment.override(tx, id, 'wh-hz', '测试分仓', { id: null, name: 'ops' });
      });
    }
    return ids;
  };
  return {
    app,
    channel: seeded.channel,
    ready: (...orders) => readyIn(seeded.channel, ...orders),
    readyIn,
    onHand: (sku, wh = 'wh-hz') => q('SELECT on_hand FROM stock_snapshots WHERE sku_code = ? AND warehouse_id = ? ORDER BY at DESC, updated_at DESC LIMIT 1').get(sku, wh) as number,
    reserved: (orderId) => q('SELECT coalesce(sum(qty), 0) FROM stock_reservations WHERE order_id = ? AND released_at IS NULL').get(orderId) as number,
    count: (sql, ...args) => db.sqlite.prepare(sql).pluck().get(...args) as number,
    status: (orderId) => q('SELECT status FROM orders WHERE id = ?').get(orderId) as string,
    dispose: () => app.dispose(),
  };
}

/** Sender rounds until no confirmation is pending, moving the test's clock past each backoff. */
export async function drainConfirmations(w: ShippingWorld, clock: { now(): number; set(t: number): void }, maxRounds: number): Promise<void> {
  const pending = w.app.services.db.sqlite.prepare(`SELECT min(next_attempt_at) FROM shipment_confirmations WHERE state = 'pending'`).pluck();
  for (let i = 0; i < maxRounds; i++) {
    await w.app.services.shipping.sender.runOnce();
    const next = pending.get() as number | null;
    if (next === null) return;
    if (next > clock.now()) clock.set(next);
  }
  throw new Error('confirmations still pending');
}

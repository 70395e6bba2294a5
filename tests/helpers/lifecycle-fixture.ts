import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Database, type WriteContext, type WriteTx } from '../../src-main/db';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import { IngestPipeline } from '../../src-main/ingest/pipeline';
import { createOrderFlow, type OrderFlowServices } from '../../src-main/orders/flow';
import { order } from './channel-fixtures';

export const PERSON: WriteContext = { actor: { id: 'u-ops', name: 'ops' }, call: 'test' };

/**
 * A real replica in a temp dir with the order flow and the ingestion path, one shop and one
 * warehouse: enough to drive the state machine without the app (property tests run it often).
 */
export interface FlowDb {
  db: Database;
  flow: OrderFlowServices;
  pipeline: IngestPipeline;
  channel: { id: string; kind: string };
  warehouseId: string;
  /** Ingests platform orders (as a poll would) and returns their ids. */
  ingest(...orders: NormalizedOrder[]): string[];
  run<T>(fn: (tx: WriteTx) => T, ctx?: WriteContext): T;
  row(id: string): Record<string, unknown>;
  count(sql: string, ...args: unknown[]): number;
  dispose(): void;
}

export async function flowDb(now: () => number = Date.now): Promise<FlowDb> {
  const dir = mkdtempSync(join(tmpdir(), 'orderhub-flow-'));
  const db = await openDatabase(join(dir, 'orderhub.db'));
  const flow = createOrderFlow(db, now);
  const pipeline = new IngestPipeline(db, flow);
  const channel = { id: 'ch-tb', kind: 'taobao' };
  const warehouseId = 'wh-hz';
  db.writes.run(PERSON, (tx) => {
    tx.insert('channels', { id: channel.id, kind: 'taobao', name: '淘宝旗舰店', configJson: '{}', paused: true, createdAt: 0, updatedAt: 0 });
    tx.insert('warehouses', { id: warehouseId, code: 'HZ', name: '杭州仓', city: '杭州', createdAt: 0, updatedAt: 0 });
  });
  const sys: WriteContext = { actor: { id: null, name: 'system' }, call: 'test.poll' };
  return {
    db, flow, pipeline, channel, warehouseId,
    ingest: (...orders) => db.writes.run(sys, (tx) => orders.map((o) => pipeline.ingestOrder(tx, channel, o, { source: 'poll:test', payload: JSON.stringify(o) }, now()).orderId)),
    run: (fn, ctx = PERSON) => db.writes.run(ctx, fn),
    row: (id) => db.sqlite.prepare('SELECT * FROM orders WHERE id = ?').get(id) as Record<string, unknown>,
    count: (sql, ...args) => db.sqlite.prepare(sql).pluck().get(...args) as number,
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export { order };

/** A shop, a warehouse and a few SKUs (two gifts of one group) in an app's workspace; `ingest` polls orders in. */
export function seedShop(app: { services: { db: Database; pipeline: IngestPipeline } }, name = '淘宝旗舰店', id = 'ch-tb') {
  const { db, pipeline } = app.services;
  db.writes.run(PERSON, (tx) => {
    tx.insert('channels', { id, kind: 'taobao', name, configJson: '{}', paused: true, createdAt: 0, updatedAt: 0 });
    if (!db.sqlite.prepare(`SELECT 1 FROM warehouses WHERE id = 'wh-hz'`).get()) {
      tx.insert('warehouses', { id: 'wh-hz', code: 'HZ', name: '杭州仓', city: '杭州', createdAt: 0, updatedAt: 0 });
      for (const s of [
        { code: 'SKU-001', title: 'T恤', priceFen: 8990 }, { code: 'SKU-002', title: '卫衣', priceFen: 15900 },
        { code: 'GIFT-BAG', title: '【赠品】帆布袋', priceFen: 0, giftGroup: '店铺赠品' }, { code: 'GIFT-SOCK', title: '【赠品】船袜', priceFen: 0, giftGroup: '店铺赠品' },
      ]) tx.insert('skus', { id: `sku-${s.code}`, ...s, createdAt: 0, updatedAt: 0 });
    }
  });
  const channel = { id, kind: 'taobao' };
  const sys: WriteContext = { actor: { id: null, name: 'system' }, call: 'test.poll' };
  return {
    channel,
    ingest: (...orders: NormalizedOrder[]) => db.writes.run(sys, (tx) => orders.map((o) => pipeline.ingestOrder(tx, channel, o, { source: 'poll:test', payload: JSON.stringify(o) }, Date.now()).orderId)),
  };
}

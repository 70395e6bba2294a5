import { ApiError } from '../../src-shared/errors';
import type { Database } from '../db';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { Fulfilment } from '../rules/fulfilment';
import { zoneClock } from '../rules/zone-clock';
import type { StockQueries } from './stock-queries';
import type { StockService } from './stock-service';

type InventoryCalls =
  | 'stock.available' | 'stock.page' | 'stock.reminders' | 'stock.reconcile' | 'stock.setSafety' | 'stock.count' | 'stock.waits'
  | 'reservations.list' | 'reservations.release' | 'routing.capacity' | 'routing.setCapacity' | 'routing.override';

export function inventoryHandlers(deps: { db: Database; stock: StockService; queries: StockQueries; fulfilment: Fulfilment; zone: string }): Pick<Handlers, InventoryCalls> {
  const { db, stock, queries, fulfilment } = deps;
  const today = () => zoneClock(deps.zone)(Date.now()).day;
  const orderExists = db.sqlite.prepare('SELECT 1 FROM orders WHERE id = ?').pluck();
  const warehouseExists = db.sqlite.prepare('SELECT 1 FROM warehouses WHERE id = ?').pluck();
  const needOrder = (id: string, ctx: CallContext) => {
    if (!orderExists.get(id)) throw new ApiError('not_found', ctx.say(`订单 ${id} 不存在`, `no order ${id}`), 'orderId');
  };
  const needWarehouse = (id: string, ctx: CallContext) => {
    if (!warehouseExists.get(id)) throw new ApiError('invalid_input', ctx.say(`仓库 ${id} 不存在`, `no warehouse ${id}`), 'warehouseId');
  };
  return {
    'stock.available': (input) => queries.available(input.skuCodes, input.warehouseId),
    'stock.page': (input) => queries.page(input),
    'stock.reminders': () => queries.reminders(Date.now()),
    'stock.reconcile': (input) => queries.reconcile(input.warehouseId),
    'stock.waits': (input) => queries.waits(input.limit),
    'stock.setSafety': (input, ctx) => {
      requireUser(ctx);
      db.writes.run(ctx.write(), (tx) => stock.setSafety(tx, input.skuCode, input.qty, Date.now()));
      return { skuCode: input.skuCode, qty: input.qty };
    },
    'stock.count': (input, ctx) => {
      const user = requireUser(ctx);
      needWarehouse(input.warehouseId, ctx);
      const before = db.sqlite.prepare('SELECT count(*) FROM stock_waits').pluck();
      return db.writes.run(ctx.write(input.note ?? null), (tx) => {
        const waiting = before.get() as number;
        const now = Date.now();
        stock.applySnapshot(tx, [{ skuCode: input.skuCode, warehouseId: input.warehouseId, onHand: input.onHand, at: now }], `count:${user.username}`, now);
        return { onHand: input.onHand, released: Math.max(0, waiting - (before.get() as number)) };
      });
    },
    'reservations.list': (input) => queries.reservations(input),
    'reservations.release': (input, ctx) => {
      const user = requireUser(ctx);
      needOrder(input.orderId, ctx);
      const released = db.writes.run(ctx.write(input.reason), (tx) => fulfilment.release(tx, input.orderId, 'manual', user.displayName));
      return { released };
    },
    'routing.capacity': (input) => {
      const day = input.day ?? today();
      return { day, rows: queries.capacity(day) };
    },
    'routing.setCapacity': (input, ctx) => {
      requireUser(ctx);
      needWarehouse(input.warehouseId, ctx);
      const row = { dailyOrders: input.dailyOrders, cutoffMinute: input.cutoffMinute, priority: input.priority, updatedAt: Date.now() };
      db.writes.run(ctx.write(), (tx) => {
        if (db.sqlite.prepare('SELECT 1 FROM warehouse_capacity WHERE warehouse_id = ?').get(input.warehouseId)) tx.update('warehouse_capacity', input.warehouseId, row);
        else tx.insert('warehouse_capacity', { warehouseId: input.warehouseId, ...row });
      });
      return queries.capacity(today()).find((r) => r.warehouseId === input.warehouseId)!;
    },
    'routing.override': (input, ctx) => {
      const user = requireUser(ctx);
      needOrder(input.orderId, ctx);
      needWarehouse(input.warehouseId, ctx);
      const out = db.writes.run(ctx.write(input.reason), (tx) =>
        fulfilment.override(tx, input.orderId, input.warehouseId, input.reason, { id: user.id, name: user.displayName }));
      return { placed: Boolean(out?.placed), warehouseId: input.warehouseId, reason: input.reason };
    },
  };
}

import type { ScanResult } from '../../src-shared/contract/shipping';
import { scanRefusalText } from '../../src-shared/shipping-words';
import type { Database } from '../db';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import { ScanRefused, type ScanRequest, type ScanToShip } from './scan';
import type { RecentShipment, WarehouseHome } from '../../src-shared/contract/shipping';

type ShippingCalls = 'shipping.scan' | 'shipping.bulk' | 'shipping.home' | 'shipping.recent';

export function shippingHandlers(deps: {
  db: Database;
  scan: ScanToShip;
  home: (warehouseId: string | null, now: number) => WarehouseHome;
  recent: (limit: number) => RecentShipment[];
  /** Wakes the 发货回传 sender after a shipment was queued. */
  queued: () => void;
}): Pick<Handlers, ShippingCalls> {
  const { db, scan } = deps;

  /** One row in its own write: a refused row leaves nothing behind and does not stop the others. */
  const one = (req: ScanRequest, ctx: CallContext): ScanResult => {
    const user = requireUser(ctx);
    try {
      const r = db.writes.run(ctx.write(), (tx) => scan.ship(tx, req, user.permissions));
      return { ok: true, orderId: r.orderId, orderNo: r.orderNo, trackingNo: r.trackingNo, carrier: r.carrier, guessed: r.guessed, partial: r.partial };
    } catch (e) {
      if (!(e instanceof ScanRefused)) throw e;
      return {
        ok: false, orderNo: req.orderNo.trim(), trackingNo: req.trackingNo.trim(), refusal: e.refusal,
        message: scanRefusalText(e.refusal, ctx.locale === 'en' ? 'en' : 'zh'),
      };
    }
  };

  return {
    'shipping.scan': (input, ctx) => {
      const r = one(input, ctx);
      if (r.ok) deps.queued();
      return r;
    },
    'shipping.bulk': (input, ctx) => {
      const results = input.rows.map((row) => one({ ...row, warehouseId: input.warehouseId }, ctx));
      const shipped = results.filter((r) => r.ok).length;
      if (shipped) deps.queued();
      return { shipped, refused: results.length - shipped, results };
    },
    'shipping.home': (input) => deps.home(input.warehouseId ?? null, Date.now()),
    'shipping.recent': (input) => deps.recent(input.limit),
  };
}

import type { RecentShipment, WarehouseHome } from '../../src-shared/contract/shipping';
import { recentReader } from './confirm-view';
import type { ChannelRecord, ChannelStore } from '../channels/channel-store';
import type { Database } from '../db';
import { realClock, type Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { LifecycleApi } from '../orders/lifecycle/types';
import type { RulesServices } from '../rules/services';
import type { ShipmentStore } from '../tracking/shipments';
import { ConfirmSender } from './confirm/sender';
import type { Confirmer } from './confirm/types';
import { warehouseHome } from './home';
import { ScanToShip } from './scan';
import { StockMove } from './stock-move';
import { Handovers } from './print/handover';
import { PackingSlips } from './print/packing-slip';
import { PickLists } from './print/pick-list';
import { pickRenderer, renderPickHere, type PickPdfParams, type PickRenderer } from './print/pick-render';
import type { JobHost } from '../kernel/jobs';
import { BinBook } from './bins/bin-book';
import { formatInZone } from '../../src-shared/time';

/** Scan to ship, the stock it moves, 发货回传, the warehouse home (#11). */
export interface ShippingServices {
  scan: ScanToShip;
  stock: StockMove;
  sender: ConfirmSender;
  home: (warehouseId: string | null, now: number) => WarehouseHome;
  recent: (limit: number) => RecentShipment[];
  /** A shipment was queued: the sender sends soon. */
  wake(): void;
  /** 拣货单, 发货单, 已交接 (#11 §1–3). */
  picks: PickLists;
  slips: PackingSlips;
  handovers: Handovers;
  /** 库位: where each SKU lies per warehouse (the pick list's walk). */
  bins: BinBook;
  /** A time as the sheets print it (workspace zone, to the minute). */
  formatTime: (ms: number) => string;
  /** Draws a pick list's PDF: on a job worker when there are job workers, else here. */
  renderPick: PickRenderer;
  /** Draws it here (what the job kind runs). */
  renderPickHere: (p: PickPdfParams) => Promise<string>;
}

/** Knobs for tests and benches: a virtual clock, a fetch with faults, no background loop. */
export interface ShippingOptions {
  clock?: Clock;
  fetch?: typeof fetch;
  autostart?: boolean;
  confirmerFor?: (kind: ChannelRecord['kind']) => Confirmer | null;
  tickMs?: number;
  /** The first retry's wait (default 30 s). */
  retryBaseMs?: number;
}

export function createShipping(deps: {
  db: Database;
  lifecycle: LifecycleApi;
  rules: Pick<RulesServices, 'engine' | 'stock' | 'fulfilment'>;
  shipments: ShipmentStore;
  channels: Pick<ChannelStore, 'get' | 'credentials'>;
  /** Which shops this PC polls: it alone confirms their shipments. */
  gate: (ch: ChannelRecord) => boolean;
  zone: string;
  log: Logger;
  /** Job workers (the core): the pick list's PDF is drawn there. */
  jobs?: JobHost | undefined;
} & ShippingOptions): ShippingServices {
  const clock = deps.clock ?? realClock;
  const now = () => clock.now();
  const stock = new StockMove(deps.db.sqlite, { ledger: deps.rules.engine.ledger, stock: deps.rules.stock, fulfilment: deps.rules.fulfilment });
  const scan = new ScanToShip(deps.db.sqlite, { lifecycle: deps.lifecycle, shipments: deps.shipments, stock, now });
  const sender = new ConfirmSender({
    db: deps.db, store: deps.channels, gate: deps.gate, clock, log: deps.log,
    ...(deps.fetch ? { fetch: deps.fetch } : {}), ...(deps.confirmerFor ? { confirmerFor: deps.confirmerFor } : {}), ...(deps.tickMs ? { tickMs: deps.tickMs } : {}), ...(deps.retryBaseMs ? { retryBaseMs: deps.retryBaseMs } : {}),
  });
  const formatTime = (ms: number) => formatInZone(ms, deps.zone).slice(0, 16);
  const picks = new PickLists(deps.db.sqlite, { lifecycle: deps.lifecycle, now });
  return {
    scan, stock, sender, home: warehouseHome(deps.db.sqlite, deps.zone), recent: recentReader(deps.db.sqlite), wake: () => sender.wake(),
    picks,
    renderPick: pickRenderer(picks, deps.jobs),
    renderPickHere: (p) => renderPickHere(picks, p),
    slips: new PackingSlips(deps.db.sqlite, { formatTime }),
    handovers: new Handovers(deps.db.sqlite, { now, formatTime }),
    bins: new BinBook(deps.db.sqlite, now),
    formatTime,
  };
}

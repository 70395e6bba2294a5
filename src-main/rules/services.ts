import { join } from 'node:path';
import type { Database } from '../db';
import { StockQueries } from '../inventory/stock-queries';
import { StockService } from '../inventory/stock-service';
import type { Logger } from '../log';
import type { HoldsApi, LifecycleApi } from '../orders/lifecycle/types';
import { DryRunJobs } from './dry-run-jobs';
import { RulesEngine } from './engine';
import { Fulfilment } from './fulfilment';

/** Rules and stock, built together (routing reserves stock; stock arriving releases waiting orders). */
export interface RulesServices {
  engine: RulesEngine;
  stock: StockService;
  stockQueries: StockQueries;
  fulfilment: Fulfilment;
  dryRuns: DryRunJobs;
  /** Sweeps expired reservations every minute until stopped. */
  startExpirySweep(): () => void;
}

export function createRulesServices(deps: {
  db: Database;
  zone: string;
  dataDir: string;
  log: Logger;
  lifecycle: LifecycleApi | null;
  holds: HoldsApi | null;
  now?: () => number;
}): RulesServices {
  const now = deps.now ?? Date.now;
  const engine = new RulesEngine({ sqlite: deps.db.sqlite, zone: deps.zone, now });
  const stock = new StockService(deps.db.sqlite, engine.ledger);
  const fulfilment = new Fulfilment(engine, stock, { sqlite: deps.db.sqlite, now, lifecycle: deps.lifecycle, holds: deps.holds });
  const dryRuns = new DryRunJobs({ sqlite: deps.db.sqlite, zone: deps.zone, dir: join(deps.dataDir, 'dry-runs'), log: deps.log, compiledAt: (v) => engine.rules.compiledAt(v) });
  const startExpirySweep = () => {
    const sweep = () => {
      try {
        if (engine.ledger.expiredOrders(now()).length) deps.db.writes.run({ actor: { id: null, name: 'system' }, call: 'reservations.expire' }, (tx) => fulfilment.expireDue(tx));
      } catch (e) {
        deps.log.error('reservation expiry sweep failed', e);
      }
    };
    const timer = setInterval(sweep, 60_000);
    timer.unref();
    return () => clearInterval(timer);
  };
  return { engine, stock, stockQueries: new StockQueries(deps.db.sqlite), fulfilment, dryRuns, startExpirySweep };
}

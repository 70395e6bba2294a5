import type { Database } from '../db';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import { FinanceExporter } from './exporter';
import { FinanceScheduler } from './schedule';

/** Finance exports: the on-demand file and the monthly schedule that writes it to a folder. */
export interface FinanceService {
  exporter: FinanceExporter;
  scheduler: FinanceScheduler;
}

export function createFinanceService(db: Database, zone: string, log: Logger, clock?: Pick<Clock, 'now'>): FinanceService {
  const exporter = new FinanceExporter(db, zone);
  return { exporter, scheduler: new FinanceScheduler(db, exporter, zone, log, clock) };
}

import type { Database } from '../db';
import type { Logger } from '../log';
import { FinanceExporter } from './exporter';
import { FinanceScheduler } from './schedule';

/** Finance exports: the on-demand file and the monthly schedule that writes it to a folder. */
export interface FinanceService {
  exporter: FinanceExporter;
  scheduler: FinanceScheduler;
}

export function createFinanceService(db: Database, zone: string, log: Logger, now?: () => number): FinanceService {
  const exporter = new FinanceExporter(db, zone);
  return { exporter, scheduler: new FinanceScheduler(db, exporter, zone, log, now) };
}

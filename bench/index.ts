import { coreBenches } from './core';
import { auditBulkBench } from './audit-bulk';
import { demoGenerateBench } from './demo-generate';
import { erpBench } from './erp';
import { financeBenches } from './finance-export';
import { foundationBenches } from './foundation';
import { importBench } from './imports';
import { ordersExportBench } from './orders-export';
import { ordersLiveBench } from './orders-live';
import { ordersPageBench } from './orders-page';
import { ordersQuickBench } from './orders-quick';
import { pipelineBenches } from './pipeline';
import { storageBench } from './storage';
import { storageProjectionBench } from './storage-projection';
import { rulesBenches } from './rules';
import { exceptionBenches } from './exceptions';
import { syncBenches } from './sync';
import { shippingConfirmBench } from './shipping';
import { shippingScanBench } from './shipping-scan';
import { pickListBench } from './pick-list';

/** Every benchmark; add yours with one line. `run` prints; nothing here asserts. */
export interface Bench {
  name: string;
  what: string;
  run(): Promise<void>;
}

export const BENCHES: Bench[] = [
  ...foundationBenches,
  ...financeBenches,
  ordersPageBench,
  ordersQuickBench,
  ordersLiveBench,
  demoGenerateBench,
  auditBulkBench,
  ordersExportBench,
  importBench,
  ...pipelineBenches,
  storageBench,
  storageProjectionBench,
  ...rulesBenches,
  ...exceptionBenches,
  ...syncBenches,
  erpBench,
  ...coreBenches,
  shippingConfirmBench,
  shippingScanBench,
  pickListBench,
];

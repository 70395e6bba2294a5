import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  channels, customers, orderAddresses, orderEvents, orderLines, orderNotes, orders, savedViews, settings, skus, users, warehouses,
} from './schema';
import { importTemplates, stockSnapshots } from './schema/imports';
import { lifecycleMachines, orderHolds, orderLinks, qualityHolds } from './schema/lifecycle';
import { orderRoutes, safetyStock, stockReservations, stockWaits, warehouseCapacity } from './schema/inventory';
import { buyerBlacklist, orderAssignments, ruleSetVersions } from './schema/rules';
import { detectorSettings, exceptionEvents, exceptions, purchaseMarks } from './schema/exceptions';
import { shipmentEvents, shipments } from './schema/tracking';
import { alertPolicies, alertRobots } from './schema/notify';

/**
 * Tables whose changes sync to the cloud store. Every write to them goes through the
 * write path; add a capability's synced tables here. `owned` fields are written only by the
 * one module that claims their key from the write path.
 */
export const SYNCED_TABLES: { table: SQLiteTable; idKey?: string; redact?: string[]; owned?: string[] }[] = [
  { table: users, redact: ['passwordHash'] },
  { table: settings },
  { table: channels, redact: ['secretsSealed'] },
  { table: warehouses },
  { table: skus },
  { table: customers },
  // status has one writer: the state machine (src-main/orders/lifecycle/), holding the key to it.
  { table: orders, owned: ['status'] },
  { table: orderLines },
  { table: orderAddresses },
  { table: orderEvents },
  { table: orderNotes },
  { table: savedViews },
  { table: importTemplates }, { table: stockSnapshots },
  { table: lifecycleMachines }, { table: orderHolds }, { table: qualityHolds }, { table: orderLinks },
  { table: ruleSetVersions }, { table: buyerBlacklist }, { table: orderAssignments, idKey: 'orderId' },
  { table: stockReservations }, { table: orderRoutes }, { table: stockWaits, idKey: 'orderId' },
  { table: safetyStock, idKey: 'skuCode' }, { table: warehouseCapacity, idKey: 'warehouseId' },
  // Exceptions (#12): counts kept by triggers (exception_counts, exception_owner_counts) are derived, not synced.
  { table: exceptions }, { table: exceptionEvents }, { table: detectorSettings, idKey: 'detector' }, { table: purchaseMarks },
  { table: shipments }, { table: shipmentEvents },
  { table: alertRobots }, { table: alertPolicies, idKey: 'detector' },
];

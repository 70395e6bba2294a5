import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import {
  channels, customers, orderAddresses, orderEvents, orderLines, orderNotes, orders, savedViews, settings, skus, users, warehouses,
} from './schema';
import { erpConnections, erpMappings } from './schema/erp';
import { importTemplates, stockSnapshots } from './schema/imports';
import { lifecycleMachines, orderHolds, orderLinks, qualityHolds } from './schema/lifecycle';

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
  { table: erpConnections }, { table: erpMappings },
];

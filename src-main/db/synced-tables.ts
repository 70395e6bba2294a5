import type { SQLiteTable } from 'drizzle-orm/sqlite-core';
import { settings, users } from './schema';

/**
 * Tables whose changes sync to the cloud store. Every write to them goes through the
 * write path; add a capability's synced tables here.
 */
export const SYNCED_TABLES: { table: SQLiteTable; idKey?: string; redact?: string[] }[] = [
  { table: users, redact: ['passwordHash'] },
  { table: settings },
];

/**
 * A demo workspace replica for benchmarks (the demo generator's output, no users), cached under
 * bench/.data/ while the generator version and the newest migration match.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src-main/db';
import { loadMigrations } from '../src-main/db/migrate';
import { DEFAULT_DEMO_SEED, generateDemoWorkspace } from '../src-main/demo/generate';
import { migrationsPath } from '../src-main/paths';
import { createOrderFlow } from '../src-main/orders/flow';

const DEMO_VERSION = 'demo-v3';
/** A fixed "today" so cached and fresh replicas hold the same orders. */
export const DEMO_NOW = Date.UTC(2026, 10, 23, 6, 0, 0);

export function demoDatabaseFile(orders: number): string {
  const tag = loadMigrations(migrationsPath()).at(-1)!.tag;
  return join(import.meta.dirname, '.data', `demo-${DEMO_VERSION}-${orders}-${tag}.db`);
}

/** Keeps a freshly generated replica as the cache (after a checkpoint, so it is one file). */
export function keepAsCache(db: Database, file: string, orders: number): void {
  const target = demoDatabaseFile(orders);
  if (existsSync(target)) return;
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  mkdirSync(join(import.meta.dirname, '.data'), { recursive: true });
  copyFileSync(file, `${target}.copying`); // the temp dir may be another file system
  renameSync(`${target}.copying`, target);
}

/** The cached replica's path, generating it first when missing. */
export async function demoDatabase(orders: number, log: (s: string) => void): Promise<string> {
  const file = demoDatabaseFile(orders);
  if (existsSync(file)) {
    log(`reusing ${file}`);
    return file;
  }
  mkdirSync(join(import.meta.dirname, '.data'), { recursive: true });
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const db = await openDatabase(tmp);
  const r = await generateDemoWorkspace(db, createOrderFlow(db).lifecycle, { orders, seed: DEFAULT_DEMO_SEED, now: DEMO_NOW });
  log(`generated ${orders.toLocaleString('en-US')} demo orders in ${(r.ms / 1000).toFixed(1)} s`);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  return file;
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OrderUpserter } from '../../src-main/ingest/order-upsert';
import { createOrderFlow } from '../../src-main/orders/flow';
import { openDatabase, type Database } from '../../src-main/db';
import type { WriteContext } from '../../src-main/db/write-path/types';
import { order } from './channel-fixtures';

export interface OneOrderDb {
  db: Database;
  /** One order (platform id T1) upserted as a poll would. */
  orderId: string;
  /** Closes the database and removes its folder. */
  close(): void;
}

/** A real database file in a temp folder, with one Taobao shop (`ch`) and one order ingested through the write path. */
export async function oneOrderDb(prefix: string, ctx: WriteContext): Promise<OneOrderDb> {
  const dir = mkdtempSync(join(tmpdir(), `orderhub-${prefix}-`));
  const db = await openDatabase(join(dir, 'orderhub.db'));
  db.writes.run(ctx, (tx) => tx.insert('channels', { id: 'ch', kind: 'taobao', name: '店', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
  const orderId = db.writes.run(ctx, (tx) => new OrderUpserter(db.sqlite, createOrderFlow(db)).upsert(tx, 'ch', order('T1'), { source: 'test', payload: '{}' }).orderId);
  return {
    db, orderId,
    close() {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

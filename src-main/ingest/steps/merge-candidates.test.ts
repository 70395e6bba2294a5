import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../db';
import { SAME_RECEIVER_SQL } from './merge-candidates';

describe('the merge check', () => {
  it("seeks the receiver's orders by last four digits and phone together, not every order sharing the last four", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'orderhub-merge-'));
    const db = await openDatabase(join(dir, 'orderhub.db'));
    try {
      const plan = (db.sqlite.prepare(`EXPLAIN QUERY PLAN ${SAME_RECEIVER_SQL}`).all(...Array(8).fill('x')) as { detail: string }[]).map((r) => r.detail);
      expect(plan).toContain('SEARCH orders USING INDEX orders_phone_idx (phone_last4=? AND receiver_phone=?)');
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

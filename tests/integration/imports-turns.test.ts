import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { csv, importFile, ordersOf, PDD_HEADER, pddRow, seedFileShops, utf8Bom } from '../helpers/import-fixtures';

// Whether the batch should give the write lock up now (in the core: a shop's poll or a person's edit
// waits on the writer, and the batch has held the lock 50 ms). Here a switch the test flips.
const lock = vi.hoisted(() => ({ waitingFromCheck: Infinity, checks: 0 }));
vi.mock('../../src-main/db/write-turns', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src-main/db/write-turns')>();
  return { ...real, shouldYieldLock: () => ++lock.checks >= lock.waitingFromCheck };
});

/** The import's write transactions: one bulk audit record of orders each. */
function orderBatches(app: TempApp): number {
  return app.services.db.sqlite.prepare(`SELECT count(*) FROM audit_log WHERE action = 'bulk_insert' AND entity = 'orders' AND reason LIKE '导入 %'`).pluck().get() as number;
}

describe('imports: turns at the write lock', () => {
  let app: TempApp;
  let token: string;
  beforeEach(async () => {
    app = await tempApp();
    token = await app.login('owner');
    seedFileShops(app, ['pdd']);
    Object.assign(lock, { waitingFromCheck: Infinity, checks: 0 });
  });
  afterEach(() => app.dispose());

  const pdd = (n: number) => utf8Bom(csv([PDD_HEADER, ...Array.from({ length: n }, (_, i) =>
    pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id: `260518-${String(i).padStart(15, '0')}`, status: '待发货', goods: '10', paid: '10', qty: '1' }))]));

  it('with nobody waiting, 3,000 rows are written in one transaction', async () => {
    const job = await importFile(app, token, 'a.csv', pdd(3000));
    expect(job).toMatchObject({ state: 'done', rowsImported: 3000, progress: 1 });
    expect(orderBatches(app)).toBe(1);
  });

  it('when the batch should give way, it commits after the order in hand and the rest follow, nothing lost', async () => {
    lock.waitingFromCheck = 40; // from the 41st order on, someone is always waiting
    const job = await importFile(app, token, 'a.csv', pdd(120));
    expect(job).toMatchObject({ state: 'done', rowsImported: 120, progress: 1 });
    expect(ordersOf(app)).toHaveLength(120);
    // Orders 1–40 together, then one order per transaction: the waiting writer gets the lock after each.
    expect(orderBatches(app)).toBe(1 + 80);
  });

  it('all or nothing stays one transaction, whoever waits', async () => {
    lock.waitingFromCheck = 1;
    const job = await importFile(app, token, 'a.csv', pdd(50), { allOrNothing: true });
    expect(job).toMatchObject({ state: 'done', rowsImported: 50 });
    expect(orderBatches(app)).toBe(1);
  });
});

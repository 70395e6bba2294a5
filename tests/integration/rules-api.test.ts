import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Rule } from '../../src-shared/rules';
import { RulesWorld, T0 } from '../helpers/rules-world';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let owner: string;
let service: string;
let w: RulesWorld;
const MIN = 60_000;

beforeAll(async () => {
  app = await tempApp();
  owner = await app.login('owner');
  service = await app.login('service');
  w = new RulesWorld(app.services.db, app.dataDir);
  w.stock([{ sku: 'TS01', wh: 'wh-hz', onHand: 3 }, { sku: 'TS01', wh: 'wh-nb', onHand: 0 }]);
  w.ingest(Array.from({ length: 30 }, (_, i) => ({
    no: `API${i}`, paidAt: T0 + i * MIN, lines: [{ sku: 'TS01', qty: 1 }], paidFen: i % 10 === 0 ? 60_000 : 5_000,
    remark: i % 7 === 0 ? '请发顺丰' : null, province: i % 3 ? '浙江省' : '广东省',
  })));
});
afterAll(() => app.dispose());

const RULES: Rule[] = [
  { id: 'big', name: '大额审核', stage: 'review', priority: 1, enabled: true, when: { '>': [{ var: 'paidFen' }, 50_000] }, actions: [{ type: 'hold', reason: 'amount_over' }] },
  { id: 'sf', name: '顺丰留言', stage: 'review', priority: 2, enabled: true, when: { in: ['顺丰', { var: 'remark' }] }, actions: [{ type: 'addTag', tag: '顺丰' }] },
  { id: 'gd', name: '广东走宁波', stage: 'route', priority: 1, enabled: true, when: { '==': [{ var: 'province' }, '广东省'] }, actions: [{ type: 'assignWarehouse', warehouseId: 'wh-nb' }] },
];

describe('rules and stock over the API', () => {
  it('saves versions, refuses a stale save with conflict, and lists them', async () => {
    expect(await app.call('rules.save', { rules: RULES, baseVersion: 0, note: '第一版' }, owner)).toEqual({ version: 1 });
    const stale = await app.raw('rules.save', { rules: [], baseVersion: 0 }, owner);
    expect(stale).toMatchObject({ error: { code: 'conflict', field: 'baseVersion' } });
    const bad = await app.raw('rules.save', { rules: [{ ...RULES[0]!, when: { '>': [{ var: 'price' }, 1] } }], baseVersion: 1 }, owner);
    expect(bad).toMatchObject({ error: { code: 'invalid_input', field: 'rules.0.when' } });
    expect((bad as { error: { message: string } }).error.message).toContain('未知字段“price”');
    const list = await app.call('rules.list', {}, owner);
    expect(list.current?.version).toBe(1);
    expect(list.versions).toEqual([expect.objectContaining({ version: 1, note: '第一版', ruleCount: 3 })]);
  });

  it('customer service can neither read nor save rules (ops lead and owner do)', async () => {
    expect(await app.raw('rules.save', { rules: [], baseVersion: 1 }, service)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await app.raw('rules.list', {}, service)).toMatchObject({ error: { code: 'forbidden' } });
    expect((await app.call('rules.list', {}, await app.login('ops'))).current?.version).toBe(1);
  });

  it('dry-runs a version over a period as a job: progress, counts by action, a sample and a CSV', async () => {
    const { jobId } = await app.call('rules.dryRun', { ruleSetVersion: 1, from: T0, to: T0 + 30 * MIN }, owner);
    await app.services.rules.dryRuns.wait(jobId);
    const job = await app.call('rules.dryRunStatus', { jobId }, owner);
    expect(job).toMatchObject({ state: 'done', version: 1, processed: 30, total: 30 });
    expect(job.firstResultMs).not.toBeNull();
    // 3 big orders held; 5 remarks (0,7,14,21,28: 0 and 28? 0 is big) tagged; 广东 (i % 3 == 0, not held) to 宁波 which has no TS01.
    expect(job.counts['hold:amount_over']).toBe(3);
    expect(job.counts['tag:顺丰']).toBe(5);
    expect(job.counts['route:wh-hz']).toBe(3); // 杭州 has 3 units
    expect(job.counts.stock_short).toBe(30 - 3 - 3);
    expect(job.sample[0]).toMatchObject({ platformOrderId: 'API0', fired: [{ name: '大额审核', facts: { paidFen: 60_000 } }, { name: '顺丰留言' }] });
    const csv = await app.call('rules.dryRunCsv', { jobId }, owner);
    const rows = parse(Buffer.from(csv.contentBase64, 'base64').toString('utf8').replace(/^\uFEFF/, '')) as string[][];
    expect(rows[0]).toEqual(['订单号', '付款时间', '触发的规则', '依据', '加标签', '紧急度', '指派给', '挂起', '发货仓', '发货日']);
    expect(rows).toHaveLength(31);
    expect(rows[1]!.slice(2, 4)).toEqual(['大额审核；顺丰留言', '实付金额 ¥600.00；买家留言 “请发顺丰”']);
    expect(rows[1]![7]).toContain('审单挂起：金额超过阈值');
    // Nothing was written: a dry run only reads.
    expect(app.services.db.sqlite.prepare('SELECT count(*) FROM stock_reservations').pluck().get()).toBe(0);
  });

  it('dry-runs an unsaved draft and can be cancelled', async () => {
    const { jobId } = await app.call('rules.dryRun', { rules: [RULES[1]!], from: T0, to: T0 + 30 * MIN }, owner);
    await app.services.rules.dryRuns.wait(jobId);
    expect((await app.call('rules.dryRunStatus', { jobId }, owner)).counts['hold:amount_over']).toBeUndefined();
    expect(await app.raw('rules.dryRun', { from: T0, to: T0 - 1 }, owner)).toMatchObject({ error: { code: 'invalid_input', field: 'to' } });
  });

  it('stock.available, safety stock, counts and reservations answer with numbers a person can check', async () => {
    const ids = w.ingest([{ no: 'API-R1', paidAt: T0 + 40 * MIN, lines: [{ sku: 'TS01', qty: 2 }] }]);
    w.run(ids.get('API-R1')!);
    await app.call('stock.setSafety', { skuCode: 'TS01', qty: 1 }, owner);
    expect(await app.call('stock.available', { skuCodes: ['TS01'], warehouseId: 'wh-hz' }, service)).toEqual([
      expect.objectContaining({ skuCode: 'TS01', warehouseId: 'wh-hz', warehouseName: '杭州主仓', onHand: 3, reserved: 2, safety: 1, available: 0 }),
    ]);
    const res = await app.call('reservations.list', { orderId: ids.get('API-R1')! }, service);
    expect(res).toEqual([expect.objectContaining({ platformOrderId: 'API-R1', qty: 2, warehouseName: '杭州主仓', releasedAt: null })]);
    expect(await app.raw('reservations.release', { orderId: ids.get('API-R1')!, reason: 'x' }, service)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await app.call('reservations.release', { orderId: ids.get('API-R1')!, reason: '客户改约' }, owner)).toEqual({ released: 1 });
    expect((await app.call('reservations.list', { skuCode: 'TS01' }, owner))[0]).toMatchObject({ releaseReason: 'manual', releasedByName: '王老板' });
    expect(await app.raw('stock.count', { skuCode: 'TS01', warehouseId: 'nope', onHand: 1 }, owner)).toMatchObject({ error: { code: 'invalid_input', field: 'warehouseId' } });
    expect(await app.call('stock.count', { skuCode: 'TS01', warehouseId: 'wh-nb', onHand: 9 }, owner)).toMatchObject({ onHand: 9 });
    const page = await app.call('stock.page', { quick: 'TS0', startRow: 0, endRow: 50 }, owner);
    expect(page.rows.map((r) => [r.warehouseName, r.onHand])).toEqual([['杭州主仓', 3], ['宁波保税仓', 9]]);
  });

  it('purchase reminders show SKUs below safety stock with 7/30-day velocity and days of cover; reconciliation lists differences', async () => {
    await app.call('stock.setSafety', { skuCode: 'TS01', qty: 20 }, owner);
    const now = Date.now();
    w.now = now;
    w.ingest(Array.from({ length: 7 }, (_, i) => ({ no: `VEL${i}`, paidAt: now - (i + 1) * 86_400_000 + 1000, lines: [{ sku: 'TS01', qty: 2 }] })));
    const [r] = await app.call('stock.reminders', {}, owner);
    expect(r).toMatchObject({ skuCode: 'TS01', onHand: 12, safety: 20, velocity7: 2 });
    expect(r!.daysOfCover).toBeCloseTo(r!.onHand / 2 - 0, 0);
    // A reservation on a warehouse never counted shows up in reconciliation.
    const ids = w.ingest([{ no: 'REC1', paidAt: T0 + 50 * MIN, lines: [{ sku: 'NEW-1', qty: 1 }] }]);
    w.tx((tx) => w.services.engine.ledger.commit(tx, ids.get('REC1')!, {
      routes: [{ warehouseId: 'wh-hz', shipDay: '2026-11-10', reason: { code: 'manual' } }],
      assignments: [{ lineId: app.services.db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ?').pluck().get(ids.get('REC1')) as string, skuCode: 'NEW-1', qty: 1, warehouseId: 'wh-hz' }],
    }, { kind: 'person', id: null, name: 't', ruleVersion: null }, T0));
    const rec = await app.call('stock.reconcile', {}, owner);
    expect(rec.find((x) => x.skuCode === 'NEW-1')).toBeUndefined(); // untracked SKU: never reserved
  });

  it('routing capacity per warehouse and setting it', async () => {
    const row = await app.call('routing.setCapacity', { warehouseId: 'wh-hz', dailyOrders: 500, cutoffMinute: 960, priority: 1 }, owner);
    expect(row).toMatchObject({ warehouseName: '杭州主仓', dailyOrders: 500, cutoffMinute: 960, priority: 1 });
    const cap = await app.call('routing.capacity', { day: '2026-11-10' }, owner);
    expect(cap.rows.map((r) => r.warehouseName)).toEqual(['杭州主仓', '宁波保税仓']);
    expect(await app.raw('routing.setCapacity', { warehouseId: 'wh-hz', dailyOrders: 1, cutoffMinute: 960, priority: 1 }, service)).toMatchObject({ error: { code: 'forbidden' } });
  });
});

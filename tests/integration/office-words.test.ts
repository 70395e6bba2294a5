/**
 * Issue #15 items 1 and 2 in the main process: the drawer and the finance export carry
 * platform statuses and sources in words, errors name fields in words, and the audit log reads
 * as a journal (one entry per action, words, search by order number or person, phones masked).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Reconciliation } from '../../src-main/finance/reconciliation';
import { tempApp, type TempApp } from '../helpers/temp-app';

type Row = Record<string, unknown>;
let app: TempApp;
let owner: string;
let ops: string;

beforeAll(async () => {
  app = await tempApp({ demoOrders: 300 });
  owner = await app.login('owner');
  ops = await app.login('ops');
});
afterAll(() => app.dispose());

const one = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).get(...args) as Row;

describe('words, not codes', () => {
  it('a Pinduoduo order’s platform status and source read as words in the drawer', async () => {
    const { id } = one(`SELECT o.id FROM orders o JOIN channels c ON c.id = o.channel_id WHERE c.kind = 'pdd' AND o.platform_status = '1' LIMIT 1`);
    const d = await app.call('orders.get', { id: id as string }, ops);
    expect(d.order.platformStatus).toBe('1');
    expect(d.order.platformStatusText).toBe('待发货');
    const ingested = d.events.find((e) => e.type === 'ingested')!.detail as Row;
    expect(ingested).toMatchObject({ source: '拼多多接口', platformStatus: '待发货' });
    expect(d.addresses[0]!.source).toBe('拼多多接口');
  });

  it('the finance export’s platform status column has the platform’s word (交易成功, not TRADE_FINISHED)', () => {
    const rec = new Reconciliation(app.services.db.sqlite);
    const rows = [...rec.orders({ from: 0, to: Date.now() + 86_400_000, basis: 'paid' } as never)];
    const taobao = rows.filter((r) => r.channelKind === 'taobao');
    expect(taobao.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.platformStatus).not.toMatch(/^[A-Z0-9_]+$/);
    expect(taobao.map((r) => r.platformStatus)).toEqual(expect.arrayContaining([expect.stringMatching(/交易|等待|卖家|买家/)]));
  });

  it('an invalid input names the field in words: 用户名, never 字段 "username"', async () => {
    const r = await app.raw('users.create', { username: 'x', displayName: '李四', role: 'service', password: 'li-si-pass-1' }, owner);
    expect(r).toMatchObject({ error: { code: 'invalid_input', field: 'username' } });
    const message = (r as { error: { message: string } }).error.message;
    expect(message).toMatch(/^用户名：/);
    expect(message).not.toMatch(/username|字段/);
  });
});

describe('the audit journal', () => {
  it('one entry per action in words, with the objects listed, searchable by order number and person, phones masked', async () => {
    await app.call('users.create', { username: 'lisi', displayName: '李四', role: 'service', password: 'li-si-pass-1' }, owner);
    const orders = app.services.db.sqlite.prepare(`SELECT id, platform_order_id AS no FROM orders WHERE urgency = 'green' LIMIT 3`).all() as { id: string; no: string }[];
    expect(orders).toHaveLength(3);
    await app.call('orders.setUrgency', { orderIds: orders.map((o) => o.id), urgency: 'red' }, ops);
    await app.call('orders.setUrgency', { orderIds: [orders[0]!.id], urgency: 'yellow' }, ops);

    const { entries } = await app.call('audit.journal', { limit: 5 }, owner);
    const [single, bulk, created] = entries;
    expect(single).toMatchObject({ actor: '李主管', action: '设置紧急度', subject: orders[0]!.no, count: 1, changes: '紧急度 紧急 → 关注' });
    expect(bulk).toMatchObject({ actor: '李主管', action: '设置紧急度', subject: '3 个订单', count: 3, changes: '紧急度 正常 → 紧急' });
    expect(bulk!.objects.sort()).toEqual(orders.map((o) => o.no).sort());
    expect(bulk!.seqTo - bulk!.seqFrom + 1).toBeGreaterThanOrEqual(6); // an order row and a timeline line each, one entry
    expect(created).toMatchObject({ actor: '王老板', action: '新建用户', subject: '李四' });

    // By order number: the two urgency changes of that order (and its creation by the demo).
    const byOrder = await app.call('audit.journal', { q: orders[0]!.no }, owner);
    expect(byOrder.entries.filter((e) => e.action === '设置紧急度')).toHaveLength(2);
    // By person: what 李主管 (ops) did.
    const byPerson = await app.call('audit.journal', { q: 'ops' }, owner);
    expect(byPerson.entries.length).toBeGreaterThan(0);
    expect(new Set(byPerson.entries.map((e) => e.actor))).toEqual(new Set(['李主管']));
    // Paging: the next page starts where this one ended, nothing repeated.
    const page1 = await app.call('audit.journal', { limit: 2 }, owner);
    const page2 = await app.call('audit.journal', { limit: 2, before: page1.next! }, owner);
    expect(page2.entries[0]!.seqTo).toBeLessThan(page1.entries.at(-1)!.seqFrom);

    // No field keys or codes, and no whole phone number, anywhere in the journal.
    const all = await app.call('audit.journal', { limit: 200 }, owner);
    const text = JSON.stringify(all.entries.map(({ seqFrom: _a, seqTo: _b, at: _c, ...words }) => words));
    expect(text).not.toMatch(/[a-z]+_[a-z]+|[a-z]+[A-Z][a-z]+|(?<!\d)1[3-9]\d{9}(?!\d)/);
  });
});

describe('long calls show counts and can be cancelled', () => {
  it('an export reports its rows as it goes and stops when cancelled, saving nothing', async () => {
    const jobId = 'export-0000-0001';
    const audits = () => (one(`SELECT count(*) AS n FROM audit_log WHERE call = 'orders.export' AND action = 'export'`).n as number);
    const before = audits();
    const finance = await app.login('finance');
    const exporting = app.raw('orders.export', { format: 'csv', jobId }, ops);
    // Another person cannot see or stop it; its owner can.
    let seen = null as null | { done: number; total: number | null };
    for (let i = 0; i < 200 && !seen?.done; i++) {
      seen = await app.call('jobs.progress', { id: jobId }, ops);
      await new Promise((r) => setImmediate(r));
    }
    expect(seen).toMatchObject({ total: 300 });
    expect(seen!.done).toBeGreaterThan(0);
    expect(seen!.done).toBeLessThan(300);
    expect(await app.call('jobs.progress', { id: jobId }, finance)).toBeNull();
    expect(await app.call('jobs.cancel', { id: jobId }, finance)).toEqual({ cancelled: false });
    expect(await app.call('jobs.cancel', { id: jobId }, ops)).toEqual({ cancelled: true });
    const r = await exporting;
    expect(r).toMatchObject({ error: { code: 'conflict' } });
    expect((r as { error: { message: string } }).error.message).toMatch(/导出已取消/);
    expect(audits()).toBe(before);
    expect(await app.call('jobs.progress', { id: jobId }, ops)).toBeNull();
  });
});

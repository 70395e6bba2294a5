import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeReason } from '../../src-shared/rules-words';
import { StockSink } from '../../src-main/erp/stock-sink';
import { RulesWorld, rule, T0 } from '../helpers/rules-world';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let w: RulesWorld;
beforeEach(async () => {
  app = await tempApp();
  w = new RulesWorld(app.services.db, app.dataDir);
});
afterEach(() => app.dispose());

const q = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).all(...args) as Record<string, unknown>[];
const one = (sql: string, ...args: unknown[]) => app.services.db.sqlite.prepare(sql).get(...args) as Record<string, unknown>;
const events = (orderId: string, stage?: 'review' | 'route') => q(`SELECT detail_json FROM order_events WHERE order_id = ? AND type = 'rules_applied' ORDER BY at, id`, orderId)
  .map((e) => JSON.parse(e.detail_json as string))
  .filter((e) => !stage || e.stage === stage);
const MIN = 60_000;

describe('review rules (审单)', () => {
  it('hold an order for its remark, amount, address keyword, blacklist and first order, naming the rule version and the facts', () => {
    const v = w.saveRules([
      rule('review', '留言审核', { '!!': [{ var: 'remark' }] }, [{ type: 'hold', reason: 'buyer_remark' }]),
      rule('review', '大额订单', { '>': [{ var: 'paidFen' }, 50000] }, [{ type: 'hold', reason: 'amount_over' }, { type: 'setUrgency', urgency: 'red' }]),
      rule('review', '偏远地址', { in: ['村', { var: 'address' }] }, [{ type: 'hold', reason: 'address_keyword' }]),
      rule('review', '黑名单', { '==': [{ var: 'customer.blacklisted' }, true] }, [{ type: 'hold', reason: 'blacklisted' }]),
      rule('review', '新客标记', { '==': [{ var: 'customer.firstOrder' }, true] }, [{ type: 'addTag', tag: '新客' }, { type: 'assignTo', userId: null, userName: '客服小张' }]),
    ]);
    app.services.db.writes.run({ actor: { id: null, name: 't' }, call: 't' }, (tx) =>
      tx.insert('buyer_blacklist', { id: 'bl1', customerId: null, buyerNick: '坏买家', reason: '恶意退款', createdAt: T0, createdByName: 't' }));
    w.services.engine.facts.refreshBlacklist();
    const ids = w.ingest([
      { no: 'A1', paidAt: T0, lines: [{ sku: 'TS01-W-M', qty: 1 }], remark: '请发顺丰' },
      { no: 'A2', paidAt: T0 + MIN, lines: [{ sku: 'TS01-W-M', qty: 1 }], paidFen: 52_000 },
      { no: 'A3', paidAt: T0 + 2 * MIN, lines: [{ sku: 'TS01-W-M', qty: 1 }], detail: '王家村 3 组' },
      { no: 'A4', paidAt: T0 + 3 * MIN, lines: [{ sku: 'TS01-W-M', qty: 1 }], buyer: '坏买家' },
      { no: 'A5', paidAt: T0 + 4 * MIN, lines: [{ sku: 'TS01-W-M', qty: 1 }] },
    ]);
    const held = (no: string) => w.run(ids.get(no)!).held;
    expect(['A1', 'A2', 'A3', 'A4', 'A5'].map(held)).toEqual([true, true, true, true, false]);

    const a2 = events(ids.get('A2')!)[0];
    expect(a2).toMatchObject({ stage: 'review', version: v, urgency: 'red', fired: [{ name: '大额订单', facts: { paidFen: 52_000 } }, { name: '新客标记' }] });
    expect(describeReason(a2.holds[0], 'zh')).toBe(`审单挂起：金额超过阈值，规则“大额订单”v${v}，依据：实付金额 ¥520.00`);
    expect(describeReason(a2.holds[0], 'en')).toBe(`Held for review: Amount over the threshold, rule "大额订单" v${v}, because Amount paid: ¥520.00`);
    expect(one('SELECT urgency, tags FROM orders WHERE id = ?', ids.get('A2'))).toEqual({ urgency: 'red', tags: '["新客"]' });
    expect(events(ids.get('A4')!)[0].holds.map((h: { params: { reason: string } }) => h.params.reason)).toEqual(['blacklisted']);
    expect(one('SELECT user_name, rule_version FROM order_assignments WHERE order_id = ?', ids.get('A5'))).toEqual({ user_name: '客服小张', rule_version: v });
  });

  it('suspects a duplicate: the same buyer ordering the same items within 10 minutes, the later order only', () => {
    w.saveRules([rule('review', '疑似重复', { '==': [{ var: 'duplicateSuspect' }, true] }, [{ type: 'hold', reason: 'suspect_duplicate' }])]);
    const ids = w.ingest([
      { no: 'D1', paidAt: T0, lines: [{ sku: 'X-1', qty: 2 }], buyer: 'tb_dup' },
      { no: 'D2', paidAt: T0 + 3 * MIN, lines: [{ sku: 'X-1', qty: 2 }], buyer: 'tb_dup' },
      { no: 'D3', paidAt: T0 + 4 * MIN, lines: [{ sku: 'X-1', qty: 3 }], buyer: 'tb_dup' },
      { no: 'D4', paidAt: T0 + 30 * MIN, lines: [{ sku: 'X-1', qty: 2 }], buyer: 'tb_dup' },
    ]);
    expect(['D1', 'D2', 'D3', 'D4'].map((no) => w.run(ids.get(no)!).held)).toEqual([false, true, false, false]);
  });

  it('skips disabled rules and runs enabled ones by priority (first urgency wins)', () => {
    w.saveRules([
      { ...rule('review', '低优先', true, [{ type: 'setUrgency', urgency: 'yellow' }]), priority: 20 },
      { ...rule('review', '高优先', true, [{ type: 'setUrgency', urgency: 'red' }]), priority: 5 },
      { ...rule('review', '停用', true, [{ type: 'hold', reason: 'other' }]), enabled: false },
    ]);
    const ids = w.ingest([{ no: 'P1', paidAt: T0, lines: [{ sku: 'X-1', qty: 1 }] }]);
    expect(w.run(ids.get('P1')!)).toMatchObject({ held: false });
    expect(events(ids.get('P1')!)[0].fired.map((f: { name: string }) => f.name)).toEqual(['高优先', '低优先']);
    expect(one('SELECT urgency FROM orders WHERE id = ?', ids.get('P1'))).toEqual({ urgency: 'red' });
  });
});

describe('routing (分仓) and reservations', () => {
  it('routes by rule, reserves each line, and by default picks the first warehouse by priority that has the stock', () => {
    w.stock([{ sku: 'TS01', wh: 'wh-hz', onHand: 1 }, { sku: 'TS01', wh: 'wh-nb', onHand: 5 }]);
    w.saveRules([rule('route', '广东走宁波', { '==': [{ var: 'province' }, '广东省'] }, [{ type: 'assignWarehouse', warehouseId: 'wh-nb' }])]);
    const ids = w.ingest([
      { no: 'R1', paidAt: T0, lines: [{ sku: 'TS01', qty: 2 }], province: '广东省' },
      { no: 'R2', paidAt: T0 + MIN, lines: [{ sku: 'TS01', qty: 1 }] },
      { no: 'R3', paidAt: T0 + 2 * MIN, lines: [{ sku: 'TS01', qty: 1 }] },
    ]);
    for (const no of ['R1', 'R2', 'R3']) expect(w.run(ids.get(no)!).placed).toBe(true);
    const wh = (no: string) => one('SELECT warehouse_id AS w FROM orders WHERE id = ?', ids.get(no)).w;
    expect([wh('R1'), wh('R2'), wh('R3')]).toEqual(['wh-nb', 'wh-hz', 'wh-nb']); // R3: 杭州 is out after R2
    expect(w.available('TS01', 'wh-hz')).toMatchObject({ onHand: 1, reserved: 1, raw: 0 });
    expect(w.available('TS01', 'wh-nb')).toMatchObject({ onHand: 5, reserved: 3, raw: 2 });
    const r1 = one(`SELECT made_by_kind, made_by_name, rule_version, qty FROM stock_reservations WHERE order_id = ?`, ids.get('R1'));
    expect(r1).toEqual({ made_by_kind: 'rule', made_by_name: '广东走宁波', rule_version: 1, qty: 2 });
    expect(events(ids.get('R2')!, 'route')[0].warehouses[0].reason).toEqual({ code: 'default_stock' });
  });

  it('holds an order that would oversell with the missing quantities, and releases waiting orders in paid-time order when stock arrives', () => {
    w.stock([{ sku: 'JN01', wh: 'wh-hz', onHand: 1 }, { sku: 'JN01', wh: 'wh-nb', onHand: 0 }]);
    w.services.engine.rules.current();
    const ids = w.ingest([
      { no: 'S1', paidAt: T0, lines: [{ sku: 'JN01', qty: 1 }] },
      { no: 'S2', paidAt: T0 + MIN, lines: [{ sku: 'JN01', qty: 2 }] },
      { no: 'S3', paidAt: T0 + 2 * MIN, lines: [{ sku: 'JN01', qty: 1 }] },
    ]);
    // Routed in arrival order S3 before S2: S3 waits too, and payment order decides who gets the stock.
    expect(w.run(ids.get('S1')!).placed).toBe(true);
    expect(w.run(ids.get('S3')!).placed).toBe(false);
    expect(w.run(ids.get('S2')!).placed).toBe(false);
    const wait = q('SELECT order_id, missing_json FROM stock_waits ORDER BY paid_at');
    expect(wait.map((x) => x.order_id)).toEqual([ids.get('S2'), ids.get('S3')]);
    expect(JSON.parse(wait[0]!.missing_json as string)).toEqual([{ skuCode: 'JN01', warehouseId: 'wh-hz', warehouse: '杭州主仓', need: 2, available: 0 }]);
    const hold = events(ids.get('S2')!, 'route')[0].holds[0];
    expect(describeReason(hold, 'zh', (id) => (id === 'wh-hz' ? '杭州主仓' : id))).toBe('缺货待发：JN01 需 2 件，杭州主仓可用 0 件，缺 2 件');

    w.now += 3_600_000;
    w.stock([{ sku: 'JN01', wh: 'wh-hz', onHand: 3 }]); // 2 more: exactly S2's quantity, not S3's too
    expect(q('SELECT order_id FROM stock_waits').map((x) => x.order_id)).toEqual([ids.get('S3')]);
    expect(one('SELECT sum(qty) AS n FROM stock_reservations WHERE order_id = ? AND released_at IS NULL', ids.get('S2'))).toEqual({ n: 2 });
    w.stock([{ sku: 'JN01', wh: 'wh-nb', onHand: 4 }]);
    expect(q('SELECT order_id FROM stock_waits')).toEqual([]);
    expect(one('SELECT warehouse_id FROM stock_reservations WHERE order_id = ?', ids.get('S3'))).toEqual({ warehouse_id: 'wh-nb' });
  });

  it('ERP counts pulled in bulk settle the ledger like any count: a higher one frees the waiting order, a lower one takes reservations back', () => {
    w.stock([{ sku: 'JN01', wh: 'wh-hz', onHand: 1 }, { sku: 'JN01', wh: 'wh-nb', onHand: 0 }]);
    const ids = w.ingest([
      { no: 'E1', paidAt: T0, lines: [{ sku: 'JN01', qty: 1 }] },
      { no: 'E2', paidAt: T0 + MIN, lines: [{ sku: 'JN01', qty: 1 }] },
    ]);
    expect(w.run(ids.get('E1')!).placed).toBe(true);
    expect(w.run(ids.get('E2')!).placed).toBe(false);
    const sink = new StockSink(app.services.db.sqlite, 'erp-test', w.services.stock);
    w.now += 3_600_000;
    w.tx((tx) => sink.write(tx, [{ skuCode: 'JN01', warehouseId: 'wh-hz', onHand: 2, was: null }], w.now, 'counts'));
    expect(q('SELECT order_id FROM stock_waits')).toEqual([]);
    expect(one('SELECT sum(qty) AS n FROM stock_reservations WHERE order_id = ? AND released_at IS NULL', ids.get('E2'))).toEqual({ n: 1 });
    // The ERP says one unit after all: the later-paid order gives its unit back and waits.
    w.now += 3_600_000;
    w.tx((tx) => sink.write(tx, [{ skuCode: 'JN01', warehouseId: 'wh-hz', onHand: 1, was: 2 }], w.now, 'counts'));
    expect(q('SELECT order_id FROM stock_waits').map((x) => x.order_id)).toEqual([ids.get('E2')]);
    expect(one('SELECT sum(qty) AS n FROM stock_reservations WHERE order_id = ? AND released_at IS NULL', ids.get('E1'))).toEqual({ n: 1 });
  });

  it('respects daily capacity and the cut-off time (paid after it: ships the next day)', () => {
    w.tx((tx) => {
      tx.insert('warehouse_capacity', { warehouseId: 'wh-hz', dailyOrders: 1, cutoffMinute: 16 * 60, priority: 1, updatedAt: T0 });
      tx.insert('warehouse_capacity', { warehouseId: 'wh-nb', dailyOrders: 1, cutoffMinute: 16 * 60, priority: 2, updatedAt: T0 });
    });
    const late = Date.UTC(2026, 10, 10, 9, 30); // 17:30 Beijing
    const ids = w.ingest([
      { no: 'C1', paidAt: T0, lines: [{ sku: null, qty: 1 }] },
      { no: 'C2', paidAt: T0 + MIN, lines: [{ sku: null, qty: 1 }] },
      { no: 'C3', paidAt: T0 + 2 * MIN, lines: [{ sku: null, qty: 1 }] },
      { no: 'C4', paidAt: late, lines: [{ sku: null, qty: 1 }] },
    ]);
    w.now = T0; // the real run decides when the order arrives
    expect(w.run(ids.get('C1')!).placed).toBe(true);
    expect(w.run(ids.get('C2')!).placed).toBe(true);
    expect(w.run(ids.get('C3')!).placed).toBe(false);
    w.now = late;
    expect(w.run(ids.get('C4')!).placed).toBe(true);
    const routes = q('SELECT o.platform_order_id AS no, r.warehouse_id AS wh, r.ship_day AS day FROM order_routes r JOIN orders o ON o.id = r.order_id ORDER BY no');
    expect(routes).toEqual([
      { no: 'C1', wh: 'wh-hz', day: '2026-11-10' }, { no: 'C2', wh: 'wh-nb', day: '2026-11-10' }, { no: 'C4', wh: 'wh-hz', day: '2026-11-11' },
    ]);
    expect(events(ids.get('C3')!, 'route')[0].holds[0].code).toBe('capacity_full');
  });

  it('splits an order across warehouses when a split rule allows it', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 1 }, { sku: 'B', wh: 'wh-nb', onHand: 1 }]);
    w.saveRules([rule('route', '允许拆单', true, [{ type: 'splitByWarehouse', warehouseIds: ['wh-hz', 'wh-nb'] }])]);
    const ids = w.ingest([{ no: 'X1', paidAt: T0, lines: [{ sku: 'A', qty: 1 }, { sku: 'B', qty: 1 }, { sku: null, qty: 1 }] }]);
    expect(w.run(ids.get('X1')!).placed).toBe(true);
    expect(q('SELECT sku_code AS s, warehouse_id AS w FROM stock_reservations ORDER BY s')).toEqual([{ s: 'A', w: 'wh-hz' }, { s: 'B', w: 'wh-nb' }]);
    expect(q('SELECT warehouse_id AS w FROM order_routes ORDER BY w')).toEqual([{ w: 'wh-hz' }, { w: 'wh-nb' }]);
  });

  it('a manual override moves the reservations (re-routed) and records who and why', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 5 }, { sku: 'A', wh: 'wh-nb', onHand: 5 }]);
    const ids = w.ingest([{ no: 'M1', paidAt: T0, lines: [{ sku: 'A', qty: 2 }] }]);
    w.run(ids.get('M1')!);
    const out = w.tx((tx) => w.services.fulfilment.override(tx, ids.get('M1')!, 'wh-nb', '客户要求宁波发', { id: null, name: '王主管' }));
    expect(out?.placed).toBe(true);
    expect(q('SELECT warehouse_id AS w, released_at IS NOT NULL AS rel, release_reason AS why, made_by_kind AS kind, made_by_name AS by FROM stock_reservations ORDER BY created_at, rel DESC')).toEqual([
      { w: 'wh-hz', rel: 1, why: 'rerouted', kind: 'system', by: 'default_routing' },
      { w: 'wh-nb', rel: 0, why: null, kind: 'person', by: '王主管' },
    ]);
    expect(describeReason(events(ids.get('M1')!, 'route')[1].warehouses[0].reason, 'zh')).toBe('人工指定（王主管：客户要求宁波发）');
  });

  it('releases a reservation exactly once: a second release is a no-op, and the database refuses an edit of a released one', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 5 }]);
    const ids = w.ingest([{ no: 'E1', paidAt: T0, lines: [{ sku: 'A', qty: 2 }] }]);
    w.run(ids.get('E1')!);
    expect(w.tx((tx) => w.services.fulfilment.release(tx, ids.get('E1')!, 'cancelled', '客服'))).toBe(1);
    expect(w.tx((tx) => w.services.fulfilment.release(tx, ids.get('E1')!, 'manual', '客服'))).toBe(0);
    expect(w.available('A', 'wh-hz')).toMatchObject({ reserved: 0, raw: 5 });
    const id = one('SELECT id FROM stock_reservations').id as string;
    expect(() => w.tx((tx) => tx.update('stock_reservations', id, { releaseReason: 'shipped' }))).toThrow(/already released/);
    expect(one('SELECT release_reason FROM stock_reservations')).toEqual({ release_reason: 'cancelled' });
  });

  it('a lower count leaves no reservation uncovered: the latest-paid order gives way and waits for stock', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 3 }]);
    const ids = w.ingest([
      { no: 'L1', paidAt: T0, lines: [{ sku: 'A', qty: 2 }] },
      { no: 'L2', paidAt: T0 + MIN, lines: [{ sku: 'A', qty: 1 }] },
    ]);
    w.run(ids.get('L1')!);
    w.run(ids.get('L2')!);
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 2 }]);
    expect(w.available('A', 'wh-hz')).toMatchObject({ onHand: 2, reserved: 2, raw: 0 });
    expect(q('SELECT order_id FROM stock_waits')).toEqual([{ order_id: ids.get('L2') }]);
    expect(one(`SELECT release_reason FROM stock_reservations WHERE order_id = ?`, ids.get('L2'))).toEqual({ release_reason: 'rerouted' });
  });

  it('safety stock is kept back: an order may not reserve into it', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 3 }]);
    w.tx((tx) => w.services.stock.setSafety(tx, 'A', 2, w.now));
    const ids = w.ingest([{ no: 'F1', paidAt: T0, lines: [{ sku: 'A', qty: 2 }] }, { no: 'F2', paidAt: T0 + MIN, lines: [{ sku: 'A', qty: 1 }] }]);
    expect(w.run(ids.get('F1')!).placed).toBe(false);
    expect(w.run(ids.get('F2')!).placed).toBe(true);
    expect(w.available('A', 'wh-hz')).toMatchObject({ onHand: 3, reserved: 1, safety: 2, raw: 0 });
  });
});

describe('rule set versions', () => {
  it('saves each set as the next version and refuses a save over a newer one, an unknown field or an action the stage cannot take', () => {
    expect(w.saveRules([rule('review', 'a', true, [{ type: 'addTag', tag: 'x' }])])).toBe(1);
    expect(w.saveRules([rule('review', 'b', true, [{ type: 'addTag', tag: 'y' }])])).toBe(2);
    const store = w.services.engine.rules;
    const save = (rules: Parameters<typeof store.save>[1], base = 2) => w.tx((tx) => store.save(tx, rules, { baseVersion: base, note: null, by: { id: null, name: 't' }, now: T0, say: (zh) => zh }));
    expect(() => save([], 1)).toThrow(/已被他人保存为版本 2/);
    expect(() => save([rule('review', '坏字段', { '==': [{ var: 'buyer.phone' }, 1] }, [{ type: 'addTag', tag: 'x' }])])).toThrow(/未知字段“buyer.phone”/);
    expect(() => save([rule('review', '坏动作', true, [{ type: 'assignWarehouse', warehouseId: 'wh-hz' }])])).toThrow(/审单规则不能执行/);
    expect(() => save([rule('route', '坏仓', true, [{ type: 'assignWarehouse', warehouseId: 'wh-none' }])])).toThrow(/仓库不存在/);
    expect(store.latestVersion()).toBe(2);
    expect(store.get(1)!.rules[0]!.name).toBe('a');
  });
});

describe('reservation expiry', () => {
  it('a reservation past its expiry is released as expired and the order is routed again', () => {
    w.stock([{ sku: 'A', wh: 'wh-hz', onHand: 1 }]);
    const ids = w.ingest([{ no: 'X9', paidAt: T0, lines: [{ sku: 'A', qty: 1 }] }]);
    const lineId = one('SELECT id FROM order_lines WHERE order_id = ?', ids.get('X9')).id as string;
    w.tx((tx) => w.services.engine.ledger.commit(tx, ids.get('X9')!, {
      routes: [{ warehouseId: 'wh-hz', shipDay: '2026-11-10', reason: { code: 'manual', params: { by: 'x', note: 'y' } } }],
      assignments: [{ lineId, skuCode: 'A', qty: 1, warehouseId: 'wh-hz' }],
    }, { kind: 'person', id: null, name: '小李', ruleVersion: null }, T0, T0 + 3_600_000));
    w.now = T0 + 3_600_001;
    expect(w.tx((tx) => w.services.fulfilment.expireDue(tx))).toBe(1);
    expect(q('SELECT made_by_name AS by, release_reason AS why FROM stock_reservations ORDER BY created_at, release_reason IS NULL')).toEqual([
      { by: '小李', why: 'expired' }, { by: 'default_routing', why: null },
    ]);
    expect(w.tx((tx) => w.services.fulfilment.expireDue(tx))).toBe(0);
  });
});

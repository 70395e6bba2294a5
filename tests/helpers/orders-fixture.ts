import { ORDER_STATUSES, PHASE_OF_STATUS_WORD, URGENCIES, type ChannelKind } from '../../src-shared/orders';
import type { Database } from '../../src-main/db';
import { Lifecycle } from '../../src-main/orders/lifecycle/lifecycle';

/** Small deterministic PRNG (mulberry32): the same seed gives the same orders on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const FIXTURE_CHANNELS: { id: string; kind: ChannelKind; name: string }[] = [
  { id: 'ch-tb', kind: 'taobao', name: '天猫旗舰店' },
  { id: 'ch-tb2', kind: 'taobao', name: '淘宝企业店' },
  { id: 'ch-jd', kind: 'jd', name: '京东自营店' },
  { id: 'ch-pdd', kind: 'pdd', name: '拼多多专营店' },
  { id: 'ch-dy', kind: 'douyin', name: '抖店' },
  { id: 'ch-pos', kind: 'pos', name: '杭州门店' },
];
export const FIXTURE_WAREHOUSES = [
  { id: 'wh-hz', code: 'HZ', name: '杭州主仓' },
  { id: 'wh-nb', code: 'NB', name: '宁波保税仓' },
  { id: 'wh-jx', code: 'JX', name: '嘉兴前置仓' },
];
const PROVINCES = ['浙江省', '江苏省', '上海市', '广东省', '北京市', '四川省'];
const CITIES = ['杭州市', '南京市', '上海市', '广州市', '北京市', '成都市'];
const NICKS = ['小王', '王大锤', 'tb_8812', 'Alice', 'alice_w', '李雷', '韩梅梅', 'zhang_san', '张三丰', '%_weird\\'];
const TAGS = ['VIP', '加急', '赠品', '缺货', '待核实'];
const REMARKS = ['请尽快发货', '=HYPERLINK("http://x")', '+86 电话联系', '不要放快递柜', "' OR 1=1 --"];
export const FIXTURE_T0 = Date.UTC(2026, 5, 1);

/**
 * Inserts `count` orders (plus 6 channels and 3 warehouses) through the write path's bulk
 * insert, with the nulls, ties and odd characters a grid must get right.
 */
export function insertFixtureOrders(db: Database, count: number, seed = 42): void {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const ctx = { actor: { id: null, name: 'fixture' }, call: 'test.fixture' };
  const now = FIXTURE_T0;
  db.writes.run(ctx, (tx) => {
    for (const c of FIXTURE_CHANNELS) tx.insert('channels', { ...c, configJson: '{}', paused: false, createdAt: now, updatedAt: now });
    for (const w of FIXTURE_WAREHOUSES) tx.insert('warehouses', { ...w, city: null, createdAt: now, updatedAt: now });
  });
  const rows: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const status = pick(ORDER_STATUSES);
    // Coarse times (whole hours) so sorts meet ties; ids break them.
    const createdAt = now - Math.floor(rnd() * 24 * 90) * 3_600_000;
    const paid = status !== 'pending_payment' && rnd() > 0.05;
    const goods = Math.floor(rnd() * 200) * 100;
    const tags = rnd() < 0.5 ? [] : [pick(TAGS), ...(rnd() < 0.3 ? [pick(TAGS)] : [])];
    const phone = rnd() < 0.9 ? `138${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}` : null;
    rows.push({
      id: `o-${String(i).padStart(6, '0')}`,
      channelId: pick(FIXTURE_CHANNELS).id,
      platformOrderId: String(3_000_000_000_000_000 + i * 7919),
      status,
      platformStatus: status.toUpperCase(),
      platformPhase: PHASE_OF_STATUS_WORD[status],
      goodsFen: goods,
      paidFen: goods - Math.floor(rnd() * 10) * 100,
      createdAt,
      paidAt: paid ? createdAt + Math.floor(rnd() * 3) * 3_600_000 : null,
      platformUpdatedAt: createdAt,
      promisedShipAt: paid && rnd() < 0.8 ? createdAt + 48 * 3_600_000 : null,
      warehouseId: rnd() < 0.8 ? pick(FIXTURE_WAREHOUSES).id : null,
      urgency: pick(URGENCIES),
      tags: JSON.stringify([...new Set(tags)]),
      hold: rnd() < 0.05 ? 'manual' : null,
      buyerRemark: rnd() < 0.3 ? pick(REMARKS) : null,
      buyerNick: rnd() < 0.95 ? `${pick(NICKS)}${rnd() < 0.5 ? '' : Math.floor(rnd() * 50)}` : null,
      receiverName: rnd() < 0.9 ? `${pick(['王', '李', '张', '刘'])}**` : null,
      receiverPhone: phone ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : null,
      phoneLast4: phone ? phone.slice(-4) : null,
      province: rnd() < 0.95 ? pick(PROVINCES) : null,
      city: pick(CITIES),
      trackingNo: ['shipped', 'delivered', 'completed'].includes(status) ? `SF${1_000_000_000 + i}` : null,
      carrier: ['shipped', 'delivered', 'completed'].includes(status) ? '顺丰' : null,
      version: 1,
      ingestedAt: createdAt,
      modifiedAt: createdAt,
    });
  }
  const lifecycle = new Lifecycle(db);
  db.writes.run(ctx, (tx) => lifecycle.insertHistoric(tx, rows, `fixture: ${count} orders`));
}

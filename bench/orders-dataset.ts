/**
 * The 5 M-order benchmark replica: generated once by a raw fast path (indexes and triggers
 * dropped during the load, recreated after; the search index filled by the migration's own
 * statements), cached under bench/.data/ and reused while its version key (generator version +
 * newest migration) matches. Orders carry what a merchant's grid is searched by: full receiver
 * names, addresses down to the room, remarks, and 1–3 lines with product titles.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src-main/db';
import { loadMigrations } from '../src-main/db/migrate';
import { PROVINCES } from '../src-main/demo/data/places';
import { PRODUCTS } from '../src-main/demo/data/products';
import { migrationsPath } from '../src-main/paths';
import { ORDER_STATUSES, URGENCIES } from '../src-shared/orders';

const GENERATOR_VERSION = 'orders-v2';
export const CHANNELS = [
  ['ch-tm', 'taobao', '天猫旗舰店'], ['ch-tb', 'taobao', '淘宝企业店'], ['ch-jd', 'jd', '京东自营店'],
  ['ch-pdd', 'pdd', '拼多多专营店'], ['ch-dy', 'douyin', '抖店'], ['ch-pos', 'pos', '杭州门店'],
] as const;
const WAREHOUSES = [['wh-hz', 'HZ', '杭州主仓'], ['wh-nb', 'NB', '宁波保税仓'], ['wh-jx', 'JX', '嘉兴前置仓']] as const;
/** The commonest surnames, most frequent first (王 and 李 are each about 7 % of people). */
export const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤'.split('');
const GIVEN = '伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华玉萍红娥玲芬燕彬鑫斌宇浩凯健俊帆帅旭宁龙林欣佳雪婷慧莹晶妍倩璐瑶怡婕馨颖琳萱晨阳鹏辉峰亮波斌建国志文博思雨梓涵子轩一诺欣怡浩然宇轩嘉豪俊杰子涵'.split('');
const STREETS = ['文三路', '学院路', '天目山路', '莫干山路', '延安路', '解放路', '中山北路', '人民路', '建设路', '新华路', '长江路', '黄河路', '青年路', '和平路', '胜利路', '滨江大道', '环城北路', '南京西路', '淮海中路', '汉中路', '五四路', '湖滨路', '江南大道', '钱江路', '世纪大道', '东风路', '朝阳路', '金鸡路', '工业园大道', '科技路'];
const COMMUNITIES = ['阳光花园', '金色家园', '翠苑一区', '绿城桂花园', '万科城', '滨江花园', '紫金小区', '锦绣江南', '东方名苑', '新城国际'];
const REMARKS = ['请尽快发货', '不要放快递柜', '送人的，不要放发票', '周末不在家，工作日送', '麻烦包装结实一点', '电话联系后再送', '发顺丰', '备注：生日礼物'];
const NOTES = ['已电话确认地址', '老客户，送试吃装', '缺货待补，优先发', '客户要求改期发货'];
const TAGS = ['VIP', '加急', '赠品', '缺货', '待核实'];
export const T_END = Date.UTC(2026, 10, 1);
const SPAN = 3.3 * 365 * 86_400_000;

export function platformOrderNo(i: number): string {
  return String(4_100_000_000_000_000_000n + BigInt(i) * 7_919n);
}

function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Opens (building if missing) the cached replica with `count` orders. */
export async function benchDatabase(count: number, log: (s: string) => void): Promise<Database> {
  const migrations = loadMigrations(migrationsPath());
  const key = `${GENERATOR_VERSION}-${count}-${migrations.at(-1)!.tag}`;
  const dir = join(import.meta.dirname, '.data');
  const file = join(dir, `orders-${key}.db`);
  if (existsSync(file)) {
    log(`reusing ${file}`);
    return openDatabase(file);
  }
  mkdirSync(dir, { recursive: true });
  const tmp = `${file}.building`;
  for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
  const db = await openDatabase(tmp);
  const started = performance.now();
  generate(db, count, log);
  log(`generated ${count.toLocaleString()} orders in ${((performance.now() - started) / 1000).toFixed(0)} s`);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, file);
  return openDatabase(file);
}

/** The migrations' own statements that fill the search indexes (text, and order numbers' ends) from existing rows. */
function searchFillStatements(): string[] {
  const ms = loadMigrations(migrationsPath()).filter((x) => x.tag.endsWith('_orders_search') || x.tag.endsWith('_order_no_search'));
  if (!ms.length) throw new Error('no orders_search migration');
  return ms.flatMap((m) => m.sql.split('--> statement-breakpoint').map((s) => s.trim()).filter((s) => /^INSERT INTO (order|line|order_no)_search \(rowid/.test(s)));
}

function generate(db: Database, count: number, log: (s: string) => void): void {
  const s = db.sqlite;
  s.pragma('synchronous = OFF');
  s.pragma('foreign_keys = OFF');
  s.pragma('cache_size = -1000000');
  const now = T_END;
  for (const [id, kind, name] of CHANNELS) {
    s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, ?, ?, '{}', 0, ?, ?)`).run(id, kind, name, now, now);
  }
  for (const [id, code, name] of WAREHOUSES) {
    s.prepare('INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, code, name, now, now);
  }
  // Load without secondary indexes and triggers, then build them once (sorting beats 5 M random inserts).
  const extras = s
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('orders', 'order_lines') AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
    .all() as { type: string; name: string; sql: string }[];
  for (const e of extras) s.exec(`DROP ${e.type.toUpperCase()} "${e.name}"`);

  const cols = [
    'id', 'channel_id', 'platform_order_id', 'status', 'platform_status', 'goods_fen', 'discount_fen', 'postage_fen', 'paid_fen',
    'created_at', 'paid_at', 'platform_updated_at', 'promised_ship_at', 'shipped_at', 'completed_at', 'warehouse_id', 'urgency',
    'tags', 'buyer_remark', 'seller_note', 'buyer_nick', 'receiver_name', 'receiver_phone', 'phone_last4', 'province', 'city',
    'district', 'address_detail', 'carrier', 'tracking_no', 'version', 'ingested_at', 'modified_at',
  ];
  const insert = s.prepare(`INSERT INTO orders (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const line = s.prepare(`INSERT INTO order_lines (id, order_id, line_no, sku_code, title, spec, qty, unit_price_fen, paid_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const rnd = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  // Surnames are skewed (Zipf-like): the first few cover a large share, as in real life.
  const surname = () => SURNAMES[Math.floor(SURNAMES.length * rnd() ** 2.2)]!;
  const BATCH = 50_000;
  for (let b = 0; b < count; b += BATCH) {
    s.transaction(() => {
      for (let i = b; i < Math.min(count, b + BATCH); i++) {
        const createdAt = Math.floor(now - SPAN + (i / count) * SPAN + rnd() * 60_000);
        const age = now - createdAt;
        // Old orders are done; the last days hold the open work.
        const status = age > 20 * 86_400_000 ? (rnd() < 0.9 ? 'completed' : pick(['cancelled', 'closed'] as const)) : pick(ORDER_STATUSES);
        const paid = status !== 'pending_payment' && status !== 'cancelled';
        const paidAt = paid ? createdAt + Math.floor(rnd() * 600_000) : null;
        const shipped = ['shipped', 'delivered', 'completed'].includes(status);
        const phone = `1${30 + Math.floor(rnd() * 60)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
        const province = pick(PROVINCES);
        const city = pick(province.cities);
        const id = `0${String(i).padStart(9, '0')}-bench`;
        const lineCount = rnd() < 0.6 ? 1 : rnd() < 0.75 ? 2 : 3;
        let goods = 0;
        const lines: unknown[][] = [];
        for (let n = 1; n <= lineCount; n++) {
          const p = pick(PRODUCTS);
          const qty = rnd() < 0.85 ? 1 : 2;
          const price = p.priceFen;
          goods += price * qty;
          lines.push([`${id}-${n}`, id, n, `${p.code}-${Math.floor(rnd() * 20)}`, p.title, p.dims.map(([, v]) => pick(v)).join(' '), qty, price, price * qty]);
        }
        const given = rnd() < 0.7 ? pick(GIVEN) + (rnd() < 0.6 ? pick(GIVEN) : '') : pick(GIVEN);
        const detail = `${pick(STREETS)}${1 + Math.floor(rnd() * 999)}号${rnd() < 0.6 ? `${pick(COMMUNITIES)}${1 + Math.floor(rnd() * 30)}幢${1 + Math.floor(rnd() * 3)}单元${101 + Math.floor(rnd() * 2700)}室` : ''}`;
        insert.run(
          id, pick(CHANNELS)[0], platformOrderNo(i), status, status.toUpperCase(), goods, 0, 0,
          goods - Math.floor(rnd() * 500), createdAt, paidAt, createdAt, paidAt ? paidAt + 48 * 3_600_000 : null,
          shipped ? createdAt + 86_400_000 : null, status === 'completed' ? createdAt + 7 * 86_400_000 : null,
          rnd() < 0.9 ? pick(WAREHOUSES)[0] : null, pick(URGENCIES), rnd() < 0.85 ? '[]' : JSON.stringify([pick(TAGS)]),
          rnd() < 0.2 ? pick(REMARKS) : null, rnd() < 0.03 ? pick(NOTES) : null, `${surname()}${Math.floor(rnd() * 100_000)}`, `${surname()}${given}`,
          `${phone.slice(0, 3)}****${phone.slice(-4)}`, phone.slice(-4), province.name, city.name, pick(city.districts), detail,
          shipped ? '顺丰' : null, shipped ? `SF${1_400_000_000_000 + i}` : null, 1, createdAt, createdAt,
        );
        for (const l of lines) line.run(...l);
      }
    })();
    if ((b / BATCH) % 20 === 0) log(`  ${b.toLocaleString()} rows…`);
  }
  log('  building indexes and the search index…');
  // No ANALYZE: the app never runs it, so the planner here sees what it sees on a user's PC.
  for (const e of extras.filter((x) => x.type === 'index')) s.exec(e.sql);
  for (const sql of searchFillStatements()) s.exec(sql);
  s.exec(`INSERT INTO order_search (order_search) VALUES ('optimize'); INSERT INTO line_search (line_search) VALUES ('optimize'); INSERT INTO order_no_search (order_no_search) VALUES ('optimize')`);
  for (const e of extras.filter((x) => x.type === 'trigger')) s.exec(e.sql);
}

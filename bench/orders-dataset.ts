/**
 * The 5 M-order benchmark replica: generated once by a raw fast path (indexes and the revision
 * triggers dropped during the load, recreated after), cached under bench/.data/ and reused
 * while its version key (generator version + newest migration) matches.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src-main/db';
import { loadMigrations } from '../src-main/db/migrate';
import { migrationsPath } from '../src-main/paths';
import { ORDER_STATUSES, URGENCIES } from '../src-shared/orders';

const GENERATOR_VERSION = 'orders-v1';
export const CHANNELS = [
  ['ch-tm', 'taobao', '天猫旗舰店'], ['ch-tb', 'taobao', '淘宝企业店'], ['ch-jd', 'jd', '京东自营店'],
  ['ch-pdd', 'pdd', '拼多多专营店'], ['ch-dy', 'douyin', '抖店'], ['ch-pos', 'pos', '杭州门店'],
] as const;
const WAREHOUSES = [['wh-hz', 'HZ', '杭州主仓'], ['wh-nb', 'NB', '宁波保税仓'], ['wh-jx', 'JX', '嘉兴前置仓']] as const;
const PROVINCES = ['浙江省', '江苏省', '上海市', '安徽省', '广东省', '北京市', '山东省', '四川省'];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄'];
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

function generate(db: Database, count: number, log: (s: string) => void): void {
  const s = db.sqlite;
  s.pragma('synchronous = OFF');
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
    .prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'orders' AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
    .all() as { type: string; name: string; sql: string }[];
  for (const e of extras) s.exec(`DROP ${e.type.toUpperCase()} "${e.name}"`);

  const cols = [
    'id', 'channel_id', 'platform_order_id', 'status', 'platform_status', 'goods_fen', 'discount_fen', 'postage_fen', 'paid_fen',
    'created_at', 'paid_at', 'platform_updated_at', 'promised_ship_at', 'shipped_at', 'completed_at', 'warehouse_id', 'urgency',
    'tags', 'buyer_remark', 'buyer_nick', 'receiver_name', 'receiver_phone', 'phone_last4', 'province', 'city', 'carrier',
    'tracking_no', 'version', 'ingested_at', 'modified_at',
  ];
  const insert = s.prepare(`INSERT INTO orders (${cols.join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`);
  const rnd = prng(7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
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
        const goods = 1000 + Math.floor(rnd() * 50_000);
        const shipped = ['shipped', 'delivered', 'completed'].includes(status);
        const phone = `1${30 + Math.floor(rnd() * 60)}${String(Math.floor(rnd() * 1e8)).padStart(8, '0')}`;
        insert.run(
          `0${String(i).padStart(9, '0')}-bench`, pick(CHANNELS)[0], platformOrderNo(i), status, status.toUpperCase(), goods, 0, 0,
          goods - Math.floor(rnd() * 500), createdAt, paidAt, createdAt, paidAt ? paidAt + 48 * 3_600_000 : null,
          shipped ? createdAt + 86_400_000 : null, status === 'completed' ? createdAt + 7 * 86_400_000 : null,
          rnd() < 0.9 ? pick(WAREHOUSES)[0] : null, pick(URGENCIES), rnd() < 0.85 ? '[]' : JSON.stringify([pick(TAGS)]),
          rnd() < 0.2 ? '请尽快发货' : null, `${pick(SURNAMES)}${Math.floor(rnd() * 100_000)}`, `${pick(SURNAMES)}**`,
          `${phone.slice(0, 3)}****${phone.slice(-4)}`, phone.slice(-4), pick(PROVINCES), null,
          shipped ? '顺丰' : null, shipped ? `SF${1_400_000_000_000 + i}` : null, 1, createdAt, createdAt,
        );
      }
    })();
    if ((b / BATCH) % 20 === 0) log(`  ${b.toLocaleString()} rows…`);
  }
  log('  building indexes…');
  // No ANALYZE: the app never runs it, so the planner here sees what it sees on a user's PC.
  for (const e of extras) s.exec(e.sql);
}

/**
 * Orders WITH lines, buyers and stock for the rules benchmarks, written by a raw fast path
 * (secondary indexes dropped during the load, rebuilt after). `cachedRulesDatabase` keeps the
 * 1 M-order replica under bench/.data/ while its key (generator + newest migration) matches.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database } from '../src-main/db';
import { loadMigrations } from '../src-main/db/migrate';
import { migrationsPath } from '../src-main/paths';

const GENERATOR = 'rules-v1';
export const WAREHOUSES = [['wh-hz', 'HZ', '杭州主仓'], ['wh-nb', 'NB', '宁波保税仓'], ['wh-jx', 'JX', '嘉兴前置仓']] as const;
const PROVINCES = ['浙江省', '江苏省', '上海市', '安徽省', '广东省', '北京市', '山东省', '四川省', '新疆维吾尔自治区'];
const STYLES = Array.from({ length: 100 }, (_, i) => `S${String(i).padStart(3, '0')}`);
export const SKUS = STYLES.flatMap((s) => ['W-M', 'W-L', 'B-M', 'B-L', 'G-S'].map((v) => `${s}-${v}`));
const REMARKS = ['请发顺丰', '不要放快递柜', '周末送货', '加急！', '送人的，不要放发票'];
const DAY = 86_400_000;

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

export interface RulesDataset {
  count: number;
  /** Paid times lie in [from, to). */
  from: number;
  to: number;
}

/** Writes `count` paid orders (status 待审核) with 1–3 lines each over [from, to), buyers, and ample stock. */
export function generateRulesOrders(db: Database, count: number, from: number, to: number, log: (s: string) => void = () => {}): void {
  const s = db.sqlite;
  const rnd = prng(11);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES ('ch-bench', 'taobao', '基准店', '{}', 1, ?, ?)`).run(from, from);
  for (const [id, code, name] of WAREHOUSES) s.prepare('INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(id, code, name, from, from);
  const snap = s.prepare(`INSERT INTO stock_snapshots (id, sku_code, warehouse_id, on_hand, at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'bench', ?, ?)`);
  s.transaction(() => {
    let n = 0;
    for (const sku of SKUS) for (const [wh] of WAREHOUSES) snap.run(`snap-${n++}`, sku, wh, 1_000_000, from - DAY, from, from);
  })();
  const extras = s.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('orders', 'order_lines', 'customers') AND type IN ('index', 'trigger') AND sql IS NOT NULL`)
    .all() as { type: string; name: string; sql: string }[];
  for (const e of extras) s.exec(`DROP ${e.type.toUpperCase()} "${e.name}"`);
  const buyers = Math.max(10, Math.floor(count / 3));
  const cust = s.prepare(`INSERT INTO customers (id, channel_kind, platform_buyer_id, nick, grade, created_at, updated_at) VALUES (?, 'taobao', ?, ?, ?, ?, ?)`);
  s.transaction(() => {
    for (let i = 0; i < buyers; i++) cust.run(`cu-${i}`, `b${i}`, `买家${i}`, pick(['A', 'B', 'C', 'C', 'C']), from, from);
  })();
  const order = s.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, platform_phase, goods_fen, paid_fen, created_at, paid_at,
    platform_updated_at, customer_id, buyer_nick, buyer_remark, receiver_name, province, city, address_detail, urgency, tags, version, ingested_at, modified_at)
    VALUES (?, 'ch-bench', ?, 'pending_review', 'WAIT_SELLER_SEND_GOODS', 'paid', ?, ?, ?, ?, ?, ?, ?, ?, '张**', ?, '某市', ?, 'green', '[]', 1, ?, ?)`);
  const line = s.prepare(`INSERT INTO order_lines (id, order_id, line_no, sku_code, title, qty, unit_price_fen, paid_fen) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
  const BATCH = 20_000;
  for (let b = 0; b < count; b += BATCH) {
    s.transaction(() => {
      for (let i = b; i < Math.min(count, b + BATCH); i++) {
        const paidAt = Math.floor(from + ((i + rnd()) / count) * (to - from));
        const id = `o-${String(i).padStart(8, '0')}`;
        const buyer = Math.floor(rnd() * buyers);
        const lines = 1 + Math.floor(rnd() * rnd() * 3);
        let fen = 0;
        const ls: [string, number, number][] = [];
        for (let k = 0; k < lines; k++) {
          const qty = 1 + Math.floor(rnd() * rnd() * 4);
          const price = 2_000 + Math.floor(rnd() * 30_000);
          fen += qty * price;
          ls.push([pick(SKUS), qty, price]);
        }
        order.run(id, String(3_000_000_000_000 + i), fen, fen, paidAt - 30_000, paidAt, paidAt, `cu-${buyer}`, `买家${buyer}`,
          rnd() < 0.08 ? pick(REMARKS) : null, pick(PROVINCES), rnd() < 0.03 ? '某某村 3 组' : '文三路 1 号', paidAt, paidAt);
        ls.forEach(([sku, qty, price], k) => line.run(`${id}-${k}`, id, k + 1, sku, '基准商品', qty, price, qty * price));
      }
    })();
    if (b && b % 200_000 === 0) log(`  ${b.toLocaleString()} orders…`);
  }
  for (const e of extras) s.exec(e.sql);
}

/** The cached replica with `count` orders paid over the 90 days before 2026-11-01. */
export async function cachedRulesDatabase(count: number, log: (s: string) => void): Promise<{ db: Database; file: string; data: RulesDataset }> {
  const to = Date.UTC(2026, 10, 1);
  const from = to - 90 * DAY;
  const key = `${GENERATOR}-${count}-${loadMigrations(migrationsPath()).at(-1)!.tag}`;
  const dir = join(import.meta.dirname, '.data');
  const file = join(dir, `rules-${key}.db`);
  if (!existsSync(file)) {
    mkdirSync(dir, { recursive: true });
    const tmp = `${file}.building`;
    for (const f of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(f, { force: true });
    const db = await openDatabase(tmp);
    db.sqlite.pragma('synchronous = OFF');
    const t = performance.now();
    generateRulesOrders(db, count, from, to, log);
    log(`generated ${count.toLocaleString()} orders with lines in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    renameSync(tmp, file);
  } else log(`reusing ${file}`);
  return { db: await openDatabase(file), file, data: { count, from, to } };
}

/**
 * Workspaces for the exceptions benchmarks, written by a raw fast path (indexes dropped during the
 * load, rebuilt after; the exception counters kept by their triggers). `cachedBoardDataDir` keeps
 * the 1 M-order / 50 k-exception workspace under bench/.data/ for the day (its figures are relative
 * to now), keyed by the generator and the newest migration.
 */
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AuthService } from '../src-main/auth/auth-service';
import { openDatabase, SYSTEM_ACTOR, type Database } from '../src-main/db';
import { loadMigrations } from '../src-main/db/migrate';
import { migrationsPath } from '../src-main/paths';
import { DETECTORS } from '../src-main/exceptions/detectors';

const GENERATOR = 'exceptions-v1';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const BENCH_PASSWORD = 'bench-owner-pass';
const SHOPS = ['天猫旗舰店', '京东自营', '拼多多专卖店', '抖音小店', '有赞商城', '线下门店'];
const OPEN = ['pending_review', 'to_route', 'to_ship', 'to_ship', 'to_ship', 'picking', 'packed'] as const;
const CARRIERS = ['ZTO', 'YTO', 'YUNDA', 'SF', 'STO'];

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

function base(s: Database['sqlite'], now: number): void {
  SHOPS.forEach((name, i) => s.prepare(`INSERT INTO channels (id, kind, name, config_json, paused, created_at, updated_at) VALUES (?, 'taobao', ?, '{}', ?, 0, 0)`).run(`ch-${i}`, name, i === 5 ? 1 : 0));
  SHOPS.forEach((_, i) => s.prepare(`INSERT INTO channel_state (channel_id, state, last_success_at, last_error_at, last_error, failures) VALUES (?, ?, ?, ?, ?, ?)`)
    .run(`ch-${i}`, i === 2 ? 'error' : 'active', now - (i === 2 ? 3 * HOUR : 60_000), i === 2 ? now - 60_000 : null, i === 2 ? '27 Invalid session' : null, i === 2 ? 12 : 0));
  for (const [id, code] of [['wh-hz', 'HZ'], ['wh-nb', 'NB'], ['wh-jx', 'JX']]) s.prepare('INSERT INTO warehouses (id, code, name, created_at, updated_at) VALUES (?, ?, ?, 0, 0)').run(id, code, `${code} 仓`);
  const snap = s.prepare(`INSERT INTO stock_snapshots (id, sku_code, warehouse_id, on_hand, at, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'bench', 0, 0)`);
  const safety = s.prepare('INSERT INTO safety_stock (sku_code, qty, updated_at) VALUES (?, ?, 0)');
  const rnd = prng(3);
  s.transaction(() => {
    for (let i = 0; i < 500; i++) {
      const sku = `SKU-${String(i).padStart(4, '0')}`;
      for (const wh of ['wh-hz', 'wh-nb', 'wh-jx']) snap.run(`snap-${i}-${wh}`, sku, wh, Math.floor(rnd() * 300), now - DAY);
      if (i % 2 === 0) safety.run(sku, 50 + Math.floor(rnd() * 200));
    }
  })();
}

/**
 * `count` orders over the `days` before now: the last 3 days still open with SLA clocks running
 * (`lateShare` of them already late), the rest completed.
 */
export function generateOrders(db: Database, count: number, days: number, now: number, seed = 11, lateShare = 0.3): void {
  const s = db.sqlite;
  const rnd = prng(seed);
  const extras = s.prepare(`SELECT type, name, sql FROM sqlite_master WHERE tbl_name = 'orders' AND type IN ('index', 'trigger') AND sql IS NOT NULL`).all() as { type: string; name: string; sql: string }[];
  for (const e of extras) s.exec(`DROP ${e.type.toUpperCase()} "${e.name}"`);
  const ins = s.prepare(`INSERT INTO orders (id, channel_id, platform_order_id, status, platform_status, platform_phase, status_at, sla_due_at, goods_fen, paid_fen,
    created_at, paid_at, platform_updated_at, shipped_at, completed_at, warehouse_id, carrier, tracking_no, urgency, tags, version, ingested_at, modified_at)
    VALUES (?, ?, ?, ?, 'X', ?, ?, ?, 9900, 9900, ?, ?, ?, ?, ?, ?, ?, ?, 'green', '[]', 1, ?, ?)`);
  const from = now - days * DAY;
  const BATCH = 50_000;
  for (let b = 0; b < count; b += BATCH) {
    s.transaction(() => {
      for (let i = b; i < Math.min(count, b + BATCH); i++) {
        const paidAt = Math.floor(from + ((i + rnd()) / count) * (now - from));
        const open = paidAt > now - 3 * DAY;
        const status = open ? OPEN[Math.floor(rnd() * OPEN.length)]! : 'completed';
        const sla = open ? (rnd() < lateShare ? now - Math.floor(rnd() * 30 * HOUR) - 60_000 : Math.max(paidAt + 24 * HOUR, now + Math.floor(rnd() * 20 * HOUR))) : null;
        const shipped = open ? null : paidAt + Math.floor(rnd() * 30 * HOUR);
        ins.run(`o-${String(i).padStart(8, '0')}`, `ch-${i % 5}`, String(4_000_000_000_000 + i), status, open ? 'paid' : 'completed', paidAt, sla,
          paidAt - 60_000, paidAt, paidAt, shipped, shipped === null ? null : shipped + 3 * DAY, ['wh-hz', 'wh-nb', 'wh-jx'][i % 3], open ? null : CARRIERS[i % 5], open ? null : `T${i}`, paidAt, paidAt);
      }
    })();
  }
  for (const e of extras) s.exec(e.sql);
}

/** `count` exceptions opened over the last 180 days; most closed, the rest open (a few snoozed). */
export function generateExceptions(db: Database, count: number, orders: number, now: number, seed = 5): void {
  const s = db.sqlite;
  const rnd = prng(seed);
  const ins = s.prepare(`INSERT INTO exceptions (id, detector, type, subject_kind, subject_id, order_id, channel_id, severity, cause_code, cause_params_json, owner_role,
    owner_user_id, state, opened_at, due_at, snoozed_until, closed_at, close_kind, updated_at) VALUES (?, ?, ?, 'order', ?, ?, ?, ?, ?, '{}', ?, NULL, ?, ?, ?, ?, ?, ?, ?)`);
  const orderDetectors = DETECTORS.filter((d) => d.scope === 'order');
  s.transaction(() => {
    for (let i = 0; i < count; i++) {
      const d = orderDetectors[i % orderDetectors.length]!;
      const openedAt = now - Math.floor(Math.pow(rnd(), 1.5) * 180 * DAY);
      const took = Math.floor(rnd() * rnd() * 72 * HOUR);
      const closed = openedAt + took < now && rnd() < 0.88;
      const state = closed ? 'closed' : rnd() < 0.05 ? 'snoozed' : 'open';
      // A distinct order per exception: one open per cause per order.
      const orderId = `o-${String(Math.floor((i / count) * orders)).padStart(8, '0')}`;
      ins.run(`e-${i}`, d.code, d.type, orderId, orderId, `ch-${i % 5}`, rnd() < 0.25 ? 'critical' : 'warning', d.code, d.owner, state, openedAt,
        openedAt + d.targetMinutes * 60_000, state === 'snoozed' ? now + HOUR : null, closed ? openedAt + took : null, closed ? 'person' : null, now);
    }
  })();
}

/** The board's workspace: a data folder the headless host can open (owner user `owner`, password BENCH_PASSWORD). */
export async function cachedBoardDataDir(orders: number, exceptions: number, log: (s: string) => void): Promise<string> {
  const day = new Date().toISOString().slice(0, 10);
  const key = `${GENERATOR}-${orders}-${exceptions}-${day}-${loadMigrations(migrationsPath()).at(-1)!.tag}`;
  const root = join(import.meta.dirname, '.data');
  const dir = join(root, `board-${key}`);
  if (existsSync(join(dir, 'orderhub.db'))) {
    log(`reusing ${dir}`);
    return dir;
  }
  mkdirSync(root, { recursive: true });
  const tmp = `${dir}.building`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  const db = await openDatabase(join(tmp, 'orderhub.db'));
  db.sqlite.pragma('synchronous = OFF');
  const now = Date.now();
  const t = performance.now();
  base(db.sqlite, now);
  generateOrders(db, orders, 180, now);
  generateExceptions(db, exceptions, orders, now);
  await new AuthService(db).createUser({ actor: SYSTEM_ACTOR, call: 'bench.setup', reason: 'bench' }, { username: 'owner', displayName: '老板', role: 'owner', password: BENCH_PASSWORD }, 'zh-CN');
  log(`generated ${orders.toLocaleString()} orders and ${exceptions.toLocaleString()} exceptions in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  db.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  renameSync(tmp, dir);
  return dir;
}

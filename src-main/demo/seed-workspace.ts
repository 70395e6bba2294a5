import type { AuthService } from '../auth/auth-service';
import type { Database } from '../db';
import { createDemoUsers } from '../demo-users';
import type { Logger } from '../log';
import type { Lifecycle } from '../orders/lifecycle/lifecycle';
import { DEFAULT_DEMO_ORDERS } from './defaults';
import { demoPictureTime } from './picture-time';
import type { DemoResult } from './generate';

/** What the generator needs of the order lifecycle: historic orders inserted in their states. */
export type DemoLifecycle = Pick<Lifecycle, 'insertHistoric'>;

/** How far the demo orders have filled in (`meta.demo_fill`), for the banner of a workspace still filling. */
export interface DemoFill {
  done: number;
  total: number;
  state: 'running' | 'done' | 'interrupted';
}

export interface SeedOptions {
  orders?: number | undefined;
  onProgress?: ((message: string) => void) | undefined;
  log: Logger;
  /** Generates the orders where long work runs (a job worker); here when absent. */
  fill?: (orders: number) => Promise<unknown>;
  /** Return once the users exist; the orders fill in behind (the demo opens at once). */
  background?: boolean;
  /** 够了，先看看: stop between batches and keep what was written. */
  signal?: AbortSignal;
  /** Told once the fill has ended, however it ended (finished, stopped, failed): the banner goes. */
  onSettled?: (fill: DemoFill | null) => void;
}

/**
 * Turns a NEW workspace into the demo workspace: the five demo users, the demo flag (the
 * banner), and N generated orders. Used by `--demo [N]` and by the first-run choice.
 */
export async function seedDemoWorkspace(db: Database, lifecycle: DemoLifecycle, auth: AuthService, opts: SeedOptions): Promise<void> {
  await createDemoUsers(auth);
  db.sqlite.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')`).run();
  const orders = opts.orders ?? DEFAULT_DEMO_ORDERS;
  if (orders <= 0) return;
  const n = orders.toLocaleString('en-US');
  // Said before the work starts: a first start is otherwise silent for the better part of a minute.
  opts.onProgress?.(`新的演示工作区：正在生成 ${n} 条演示订单… / new demo workspace: generating ${n} demo orders …`);
  writeDemoFill(db, { done: 0, total: orders, state: 'running' });
  const filling = (opts.fill ? opts.fill(orders) : fillDemoOrders(db, lifecycle, { orders, onProgress: opts.onProgress, ...(opts.signal ? { signal: opts.signal } : {}) })).then(
    (r) => {
      const res = r as DemoResult | undefined;
      if (!res) return;
      opts.onProgress?.(`演示订单已生成：${n} 条，用时 ${(res.ms / 1000).toFixed(1)} 秒 / ${n} demo orders generated in ${(res.ms / 1000).toFixed(1)} s`);
      opts.log.info(`demo workspace: ${res.orders} orders, ${res.lines} lines, ${res.events} events in ${(res.ms / 1000).toFixed(1)} s`);
    },
    (e: unknown) => {
      opts.log.error('demo generation failed', e);
      const fill = readDemoFill(db);
      if (fill?.state === 'running') writeDemoFill(db, { ...fill, state: 'interrupted' });
      if (!opts.background) throw e;
    },
  ).finally(() => opts.onSettled?.(readDemoFill(db)));
  if (!opts.background) await filling;
}

/** The demo job: the orders in short batches, progress after each (meta.demo_fill and the caller's hook). */
export async function fillDemoOrders(
  db: Database,
  lifecycle: DemoLifecycle,
  opts: { orders: number; onProgress?: ((m: string) => void) | undefined; onBatch?: (done: number, total: number) => void; signal?: AbortSignal; batchSize?: number },
): Promise<DemoResult> {
  // The generator (and faker's name tables) load only where demo orders are generated.
  const { generateDemoWorkspace } = await import('./generate');
  const r = await generateDemoWorkspace(db, lifecycle, {
    orders: opts.orders,
    now: demoPictureTime(Date.now()),
    ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
    ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    ...(opts.signal ? { signal: opts.signal } : {}),
    onBatch: (done, total) => {
      writeDemoFill(db, { done, total, state: done === total ? 'done' : 'running' });
      opts.onBatch?.(done, total);
    },
  });
  if (r.orders < opts.orders) writeDemoFill(db, { done: r.orders, total: opts.orders, state: 'interrupted' });
  return r;
}

export function readDemoFill(db: Database): DemoFill | null {
  const raw = db.sqlite.prepare(`SELECT value FROM meta WHERE key = 'demo_fill'`).pluck().get() as string | undefined;
  return raw ? (JSON.parse(raw) as DemoFill) : null;
}

function writeDemoFill(db: Database, fill: DemoFill): void {
  db.sqlite.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('demo_fill', ?)`).run(JSON.stringify(fill));
}

/** At start-up, by the writer: a fill that was running when the app stopped will not finish. */
export function markDemoFillInterrupted(db: Database): void {
  const fill = readDemoFill(db);
  if (fill?.state === 'running') writeDemoFill(db, { ...fill, state: 'interrupted' });
}

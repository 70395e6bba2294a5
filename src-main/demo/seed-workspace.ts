import type { AuthService } from '../auth/auth-service';
import type { Database } from '../db';
import { createDemoUsers } from '../demo-users';
import type { Progress } from '../kernel/progress';
import type { Logger } from '../log';
import type { Lifecycle } from '../orders/lifecycle/lifecycle';
import { DEFAULT_DEMO_ORDERS, generateDemoWorkspace } from './generate';

/**
 * Turns a NEW workspace into the demo workspace: the five demo users, the demo flag (the
 * banner), and N generated orders. Used by `--demo [N]` and by the first-run choice.
 */
export async function seedDemoWorkspace(
  db: Database,
  lifecycle: Pick<Lifecycle, 'insertHistoric'>,
  auth: AuthService,
  opts: { orders?: number | undefined; onProgress?: ((message: string) => void) | undefined; log: Logger; progress?: Progress },
): Promise<void> {
  await createDemoUsers(auth);
  db.sqlite.prepare(`INSERT OR REPLACE INTO meta (key, value) VALUES ('demo', '1')`).run();
  const orders = opts.orders ?? DEFAULT_DEMO_ORDERS;
  if (orders > 0) {
    const n = orders.toLocaleString('en-US');
    // Said before the work starts: a first start is otherwise silent for the better part of a minute.
    opts.onProgress?.(`新的演示工作区：正在生成 ${n} 条演示订单… / new demo workspace: generating ${n} demo orders …`);
    const p = opts.progress;
    if (p) p.total = orders;
    const r = await generateDemoWorkspace(db, lifecycle, {
      orders, onProgress: opts.onProgress,
      ...(p ? { onCount: (done: number) => (p.done = done), cancelled: () => p.cancelled } : {}),
    });
    if (r.orders < orders) opts.log.info(`demo generation cancelled at ${r.orders} of ${orders} orders`);
    opts.onProgress?.(`演示订单已生成：${r.orders.toLocaleString('en-US')} 条，用时 ${(r.ms / 1000).toFixed(1)} 秒 / ${n} demo orders generated in ${(r.ms / 1000).toFixed(1)} s`);
    opts.log.info(`demo workspace: ${r.orders} orders, ${r.lines} lines, ${r.events} events in ${(r.ms / 1000).toFixed(1)} s`);
  }
}

import type { MigrationProgress } from '../db';
import { say, type Locale } from '../kernel/i18n';

export type { MigrationProgress };

/** An update's migration as the front keeps it: where it stands, and since when it runs. */
export type Migrating = MigrationProgress & { since: number };

/** How long a call waits for a migration to end before it is answered with where it stands. */
export const MIGRATING_WAIT_MS = 2_000;

/**
 * What a person is told while an update migrates the workspace (calls wait for it; at 1 M orders
 * the backup kept before migrating and the rebuild of a large table take about a minute): what
 * runs, how far it is, that it goes on by itself, and not to close the app meanwhile.
 */
export function migratingWords(m: Migrating, locale: Locale, now = Date.now()): string {
  const seconds = Math.max(0, Math.round((now - m.since) / 1000));
  if (m.phase === 'backup') {
    const pct = m.totalPages ? Math.floor((100 * m.copiedPages) / m.totalPages) : 0;
    return say(locale,
      `正在升级本地数据：先备份数据库（已完成 ${pct}%，已用 ${seconds} 秒）。完成后自动继续，请不要关闭 OrderHub。`,
      `Updating the local data: backing up the database first (${pct}% done, ${seconds} s so far). It goes on by itself; please keep OrderHub open.`);
  }
  return say(locale,
    `正在升级本地数据（第 ${m.step}/${m.steps} 步，已用 ${seconds} 秒；订单很多时约需一两分钟）。完成后自动继续，请不要关闭 OrderHub。`,
    `Updating the local data (step ${m.step} of ${m.steps}, ${seconds} s so far; a minute or two with many orders). It goes on by itself; please keep OrderHub open.`);
}

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

/**
 * The migration a starting core reports, kept where calls wait for that core (the front; Electron's
 * main process), and the one way those calls wait: for the core to open, but while a migration
 * runs at most MIGRATING_WAIT_MS, then told where it stands.
 */
export class MigrationWatch {
  current: Migrating | null = null;

  report(p: MigrationProgress): void {
    this.current = { ...p, since: this.current?.since ?? Date.now() };
  }

  done(): void {
    this.current = null;
  }

  /**
   * Waits for `opened()` (asked again every 250 ms: the caller's promise may be replaced, as a
   * restarted core's is) and gives what it settled to; or the words for the migration once it has
   * waited MIGRATING_WAIT_MS; or `gaveUp` after `giveUpMs`.
   */
  async wait<T>(opened: () => Promise<T> | null, locale: Locale, giveUpMs = Infinity): Promise<{ opened: T } | { words: string } | { gaveUp: true }> {
    const asked = Date.now();
    for (;;) {
      const tick = new Promise<typeof NOT_YET>((r) => setTimeout(() => r(NOT_YET), 250));
      const settled = await Promise.race([opened() ?? tick, tick]);
      if (settled !== NOT_YET) return { opened: settled as T };
      const waited = Date.now() - asked;
      if (this.current && waited >= MIGRATING_WAIT_MS) return { words: migratingWords(this.current, locale) };
      if (waited >= giveUpMs) return { gaveUp: true };
    }
  }
}

const NOT_YET = Symbol('not yet');

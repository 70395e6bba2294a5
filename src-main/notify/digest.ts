import { uuidv7 } from '../kernel/ids';
import type { DetectorCode } from '../../src-shared/exceptions';
import type { Sqlite } from '../db';
import { startOfDay } from '../metrics/board';
import type { AlertOutbox } from './outbox';
import { noticeText, type NoticeWords } from './notice-words';
import { minuteOfDay } from './policies';
import type { AlertPayload } from './render';
import type { Robots } from './robots';

const DAY = 86_400_000;
const META_KEY = 'notify.digest.day';
/** 08:30 in the workspace zone. */
export const DIGEST_MINUTE = 8 * 60 + 30;

/**
 * The daily digest (#12 §4): at 08:30 each owner — a person with exceptions assigned, or anybody
 * whose role owns unassigned ones — gets their three longest-open and yesterday's half-life, on
 * the group robots and as a desktop notice. Once per workspace day (remembered in `meta`).
 */
export class DailyDigest {
  private readonly lastDay;
  private readonly saveDay;
  private readonly users;
  private readonly countOf;
  private readonly topOf;
  private readonly insertNotice;

  constructor(sqlite: Sqlite, private readonly deps: {
    outbox: AlertOutbox; robots: Robots; zone: string; dayOf: (ms: number) => string;
    halfLifeOfDay: (from: number, to: number) => number | null; minute?: number;
  }) {
    this.lastDay = sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.saveDay = sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
    this.users = sqlite.prepare('SELECT id, display_name AS name, role FROM users WHERE disabled = 0 ORDER BY created_at');
    const mine = `state <> 'closed' AND (owner_user_id = @id OR (owner_user_id IS NULL AND owner_role = @role))`;
    this.countOf = sqlite.prepare(`SELECT count(*) FROM exceptions WHERE ${mine}`).pluck();
    this.topOf = sqlite.prepare(
      `SELECT e.detector, e.opened_at AS openedAt, e.cause_params_json AS params, o.platform_order_id AS orderNo
       FROM exceptions e LEFT JOIN orders o ON o.id = e.order_id
       WHERE e.state <> 'closed' AND (e.owner_user_id = @id OR (e.owner_user_id IS NULL AND e.owner_role = @role)) ORDER BY e.opened_at, e.id LIMIT 3`,
    );
    this.insertNotice = sqlite.prepare('INSERT INTO desktop_notices (id, user_id, title, body, words_json, exception_id, created_at, shown_at) VALUES (?, ?, ?, ?, ?, NULL, ?, NULL)');
  }

  /** Runs the digest when 08:30 has passed today and it has not run today; returns how many owners got one. */
  maybeRun(now: number): number {
    const day = this.deps.dayOf(now);
    if (minuteOfDay(now, this.deps.zone) < (this.deps.minute ?? DIGEST_MINUTE)) return 0;
    if (this.lastDay.get(META_KEY) === day) return 0;
    const n = this.run(now, day);
    this.saveDay.run(META_KEY, day);
    return n;
  }

  run(now: number, day: string): number {
    const todayStart = startOfDay(now, this.deps.dayOf);
    const halfLifeMs = this.deps.halfLifeOfDay(todayStart - DAY, todayStart);
    const robots = this.deps.robots.list().filter((r) => r.enabled);
    let owners = 0;
    for (const u of this.users.all() as { id: string; name: string; role: string }[]) {
      const open = this.countOf.get({ id: u.id, role: u.role }) as number;
      if (!open) continue;
      owners++;
      const top = (this.topOf.all({ id: u.id, role: u.role }) as { detector: DetectorCode; openedAt: number; params: string; orderNo: string | null }[])
        .map((t) => ({ detector: t.detector, orderNo: t.orderNo, openMinutes: Math.floor((now - t.openedAt) / 60_000), causeParams: JSON.parse(t.params) as Record<string, unknown> }));
      const payload: AlertPayload = { kind: 'digest', ownerName: u.name, top, open, halfLifeMs, day };
      for (const r of robots) this.deps.outbox.enqueue({ target: `robot:${r.id}`, kind: 'digest', exceptionId: null, severity: 'info', payload, notBefore: now }, now);
      const words: NoticeWords = { kind: 'digest', open, top: top.map(({ detector, orderNo, causeParams }) => ({ detector, orderNo, causeParams })) };
      const { title, body } = noticeText(words, 'zh');
      this.insertNotice.run(uuidv7(), u.id, title, body, JSON.stringify(words), now);
    }
    return owners;
  }
}

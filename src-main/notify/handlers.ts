import { ApiError } from '../../src-shared/errors';
import type { DeliveryView, DesktopNotice } from '../../src-shared/contract/alerts';
import type { Database } from '../db';
import { requireUser, type Handlers } from '../kernel/call';
import type { Clock } from '../kernel/clock';
import type { TrackingService } from '../tracking/service';
import { noticeText, type NoticeWords } from './notice-words';
import { RobotRefusal } from './robots';
import type { NotifyService } from './service';

/** Robots, alert policies, the outbox, desktop notices, and the tracking account (#12 §4, §5). */
export function notifyHandlers({ db, notify, tracking, clock }: { db: Database; notify: NotifyService; tracking: TrackingService; clock: Clock }): Pick<
  Handlers, 'alerts.robots.list' | 'alerts.robots.save' | 'alerts.robots.delete' | 'alerts.robots.test' | 'alerts.policies.list' | 'alerts.policies.save'
  | 'alerts.outbox' | 'alerts.notices' | 'tracking.settings.get' | 'tracking.settings.save' | 'tracking.shipment' | 'tracking.pollNow'
> {
  const { robots, policies, outbox, sender } = notify;
  const { sqlite } = db;
  const deliveries = sqlite.prepare(
    `SELECT id, target, state, alert_count AS alertCount, created_at AS createdAt, attempt_at AS attemptAt, attempts, resent, sent_at AS sentAt, last_error AS lastError
     FROM alert_deliveries ORDER BY created_at DESC, id DESC LIMIT ?`,
  );
  // The newest few pop up; a flood of older ones is marked shown with them (the 异常 workspace lists them all).
  const notices = sqlite.prepare('SELECT id, title, body, words_json AS wordsJson, exception_id AS exceptionId, created_at AS createdAt FROM desktop_notices WHERE user_id = ? AND shown_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 20');
  const markShown = sqlite.prepare('UPDATE desktop_notices SET shown_at = ? WHERE user_id = ? AND shown_at IS NULL');

  return {
    'alerts.robots.list': () => robots.list().map((r) => robots.view(r, clock.now())),

    'alerts.robots.save': (input, ctx) => {
      requireUser(ctx);
      try {
        const r = robots.save(ctx.write(`robot ${input.name}`), input, ctx.say, clock.now());
        // A fixed robot gets its refused messages again.
        sqlite.prepare(`UPDATE alert_deliveries SET state = 'retry', next_attempt_at = ? WHERE target = ? AND state = 'failed'`).run(clock.now(), `robot:${r.id}`);
        return robots.view(r, clock.now());
      } catch (e) {
        if (e instanceof RobotRefusal) throw new ApiError('invalid_input', e.message, e.field);
        throw e;
      }
    },

    'alerts.robots.delete': (input, ctx) => {
      requireUser(ctx);
      robots.remove(ctx.write('robot removed'), input.id);
      outbox.dropQueued(`robot:${input.id}`);
      return { ok: true as const };
    },

    'alerts.robots.test': async (input, ctx) => {
      requireUser(ctx);
      const r = robots.get(input.id);
      if (!r) throw new ApiError('not_found', ctx.say(`没有这个机器人（${input.id}）`, `no robot ${input.id}`), 'id');
      if (!robots.secretsOf(r.id).webhook) return { ok: false, message: ctx.say('这台电脑上还没有填写机器人的网址', 'the robot\'s webhook is not set on this PC') };
      const now = clock.now();
      outbox.enqueue({ target: `robot:${r.id}`, kind: 'test', exceptionId: null, severity: 'info', payload: { kind: 'test', robotName: r.name }, notBefore: now }, now);
      await sender.tick();
      const last = deliveries.all(20) as DeliveryView[];
      const mine = last.find((d) => d.target === `robot:${r.id}`);
      return mine?.state === 'sent'
        ? { ok: true, message: ctx.say('测试消息已发送', 'test message sent') }
        : { ok: false, message: ctx.say(`发送失败：${mine?.lastError ?? '未发送（本分钟额度已用完）'}`, `not sent: ${mine?.lastError ?? 'this minute\'s budget is used up'}`) };
    },

    'alerts.policies.list': () => policies.all(),

    'alerts.policies.save': (input, ctx) => {
      requireUser(ctx);
      const known = new Set(robots.list().map((r) => r.id));
      const unknown = input.robotIds.find((id) => id !== '*' && !known.has(id));
      if (unknown) throw new ApiError('invalid_input', ctx.say(`没有这个机器人（${unknown}）`, `no robot ${unknown}`), 'robotIds');
      db.writes.run(ctx.write(`alert policy ${input.detector}`), (tx) => policies.save(tx, input, clock.now()));
      return policies.of(input.detector);
    },

    'alerts.outbox': (input) => {
      const names = new Map(robots.list().map((r) => [`robot:${r.id}`, r.name]));
      return (deliveries.all(input.limit) as (Omit<DeliveryView, 'targetName' | 'resent'> & { resent: number })[])
        .map((d) => ({ ...d, resent: d.resent === 1, targetName: names.get(d.target) ?? d.target }));
    },

    'alerts.notices': (_input, ctx) => {
      const u = requireUser(ctx);
      const rows = notices.all(u.id) as (DesktopNotice & { wordsJson: string | null })[];
      markShown.run(clock.now(), u.id);
      // In the reader's language; a notice written before its words were kept as data has its Chinese only.
      const lang = ctx.locale === 'en' ? 'en' : 'zh';
      return rows.map(({ wordsJson, ...n }) => (wordsJson ? { ...n, ...noticeText(JSON.parse(wordsJson) as NoticeWords, lang) } : n));
    },

    'tracking.settings.get': () => tracking.settings(),

    'tracking.settings.save': (input, ctx) => {
      requireUser(ctx);
      const why = tracking.save(ctx.write('tracking settings'), input, ctx.say);
      if (why) throw new ApiError('invalid_input', why, 'endpoint');
      return tracking.settings();
    },

    'tracking.shipment': (input) => tracking.shipments.view(input.orderId),

    'tracking.pollNow': async (input) => {
      await tracking.pollOrder(input.orderId);
      return tracking.shipments.view(input.orderId);
    },
  };
}

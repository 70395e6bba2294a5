import { ApiError } from '../../src-shared/errors';
import type { BulkOutcome, DetectorView } from '../../src-shared/contract/exceptions';
import type { Database } from '../db';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { ShipmentStore } from '../tracking/shipments';
import { ExceptionRefusal } from './actions';
import { PurchaseMarks } from './purchases';
import type { ExceptionsService } from './service';
import type { DetectorConfig } from './settings';

/** A refusal in the reader's language, with the field at fault. */
function refusalError(ctx: CallContext, e: unknown): never {
  if (e instanceof ExceptionRefusal) throw new ApiError(e.code, ctx.say(e.zh, e.en), e.field);
  throw e;
}

function detectorView(d: DetectorConfig): DetectorView {
  return {
    code: d.code, type: d.type, enabled: d.enabled, severity: d.severity, escalatesTo: d.escalate?.severity ?? null, ownerRole: d.owner,
    ownerUserId: d.ownerUserId, ownerName: d.ownerName, confirmations: d.confirmations, targetMinutes: d.targetMinutes, limits: d.limits, when: d.when,
  };
}

/** The 异常 workspace's calls (#12 §1 API). */
export function exceptionHandlers({ db, exceptions, shipments }: { db: Database; exceptions: ExceptionsService; shipments: ShipmentStore }): Pick<
  Handlers, 'exceptions.list' | 'exceptions.counts' | 'exceptions.get' | 'exceptions.assign' | 'exceptions.confirm' | 'exceptions.close'
  | 'exceptions.snooze' | 'exceptions.note' | 'exceptions.people' | 'exceptions.detectors' | 'exceptions.saveDetector' | 'exceptions.runNow'
  | 'purchases.list' | 'purchases.mark' | 'purchases.clear'
> {
  const { queries, actions, settings, runner, clock } = exceptions;
  const purchases = new PurchaseMarks(db.sqlite);
  const userById = db.sqlite.prepare('SELECT id, display_name AS name, role, disabled FROM users WHERE id = ?');
  const people = db.sqlite.prepare('SELECT id, display_name AS displayName, role FROM users WHERE disabled = 0 ORDER BY created_at');

  type Tx = Parameters<Parameters<Database['writes']['run']>[1]>[0];
  /**
   * `id`: one exception, a refusal is the call's error. `ids`: each in its own transaction, so one
   * refusal does not undo the others; each answers done or refused in words.
   */
  function run(ctx: CallContext, x: { id?: string | undefined; ids?: string[] | undefined }, reason: string, fn: (tx: Tx, id: string) => void): BulkOutcome[] {
    if (x.id !== undefined) {
      try {
        db.writes.run(ctx.write(reason), (tx) => fn(tx, x.id!));
      } catch (e) {
        refusalError(ctx, e);
      }
      return [{ id: x.id, ok: true }];
    }
    return [...new Set(x.ids ?? [])].map((id) => {
      try {
        db.writes.run(ctx.write(reason), (tx) => fn(tx, id));
        return { id, ok: true as const };
      } catch (e) {
        if (e instanceof ExceptionRefusal) return { id, ok: false as const, message: ctx.say(e.zh, e.en) };
        throw e;
      }
    });
  }

  return {
    'exceptions.list': (input, ctx) => {
      const u = requireUser(ctx);
      return queries.list(input, { id: u.id, role: u.role }, clock.now());
    },

    'exceptions.counts': (_input, ctx) => {
      const u = requireUser(ctx);
      return queries.counts({ id: u.id, role: u.role }, clock.now());
    },

    'exceptions.get': (input, ctx) => {
      const exception = queries.get(input.id, clock.now());
      if (!exception) throw new ApiError('not_found', ctx.say(`没有这条异常（${input.id}）`, `no exception ${input.id}`), 'id');
      return { exception, events: queries.history(input.id), shipment: exception.orderId ? shipments.view(exception.orderId) : null };
    },

    'exceptions.assign': (input, ctx) => {
      const u = requireUser(ctx);
      let to: { userId: string | null; name: string | null; role: typeof input.role };
      if (input.userId) {
        const target = userById.get(input.userId) as { id: string; name: string; role: typeof input.role; disabled: number } | undefined;
        if (!target || target.disabled) throw new ApiError('invalid_input', ctx.say(`没有这个可用的用户（${input.userId}）`, `no active user ${input.userId}`), 'userId');
        to = { userId: target.id, name: target.name, role: target.role };
      } else to = { userId: null, name: null, role: input.role };
      return run(ctx, input, input.reason.note ?? input.reason.code, (tx, id) => actions.assign(tx, u, id, to, input.reason, clock.now()));
    },

    'exceptions.confirm': (input, ctx) => {
      const u = requireUser(ctx);
      try {
        return db.writes.run(ctx.write(input.note ?? 'confirm'), (tx) => actions.confirm(tx, u, input.id, input.note, clock.now(), input.expectedVersion));
      } catch (e) {
        return refusalError(ctx, e);
      }
    },

    'exceptions.close': (input, ctx) => {
      const u = requireUser(ctx);
      return run(ctx, input, input.reason.note ?? input.reason.code, (tx, id) => actions.close(tx, u, id, input.reason, clock.now(), input.id !== undefined ? input.expectedVersion : undefined));
    },

    'exceptions.snooze': (input, ctx) => {
      const u = requireUser(ctx);
      return run(ctx, input, input.reason.note ?? input.reason.code, (tx, id) => actions.snooze(tx, u, id, input.minutes, input.reason, clock.now()));
    },

    'exceptions.note': (input, ctx) => {
      const u = requireUser(ctx);
      try {
        db.writes.run(ctx.write(), (tx) => actions.note(tx, u, input.id, input.body, clock.now()));
      } catch (e) {
        refusalError(ctx, e);
      }
      return { ok: true as const };
    },

    'exceptions.people': () => people.all() as { id: string; displayName: string; role: 'owner' }[],

    'exceptions.detectors': () => settings.all().map(detectorView),

    'exceptions.saveDetector': (input, ctx) => {
      requireUser(ctx);
      const { code, ...change } = input;
      if (change.ownerUserId) {
        const target = userById.get(change.ownerUserId) as { disabled: number } | undefined;
        if (!target || target.disabled) throw new ApiError('invalid_input', ctx.say(`没有这个可用的用户（${change.ownerUserId}）`, `no active user ${change.ownerUserId}`), 'ownerUserId');
      }
      const known = Object.keys(settings.all().find((d) => d.code === code)!.limits);
      for (const k of Object.keys(change.limits ?? {})) {
        if (!known.includes(k)) throw new ApiError('invalid_input', ctx.say(`检测项没有阈值“${k}”（可用：${known.join('、') || '无'}）`, `the detector has no threshold "${k}" (has: ${known.join(', ') || 'none'})`), 'limits');
      }
      db.writes.run(ctx.write(`detector ${code}`), (tx) => settings.save(tx, code, change, clock.now()));
      return detectorView(settings.all().find((d) => d.code === code)!);
    },

    'exceptions.runNow': async () => {
      const r = await runner.runPass();
      return { opened: r.opened, escalated: r.escalated, cleared: r.cleared, orders: r.orders };
    },

    'purchases.list': (input) => purchases.list(input.skuCode),

    'purchases.mark': (input, ctx) => {
      const u = requireUser(ctx);
      return db.writes.run(ctx.write(input.note ?? 'purchase under way'), (tx) => purchases.mark(tx, input, u.displayName, clock.now()));
    },

    'purchases.clear': (input, ctx) => {
      requireUser(ctx);
      const m = purchases.get(input.id);
      if (!m) throw new ApiError('not_found', ctx.say(`没有这条采购记录（${input.id}）`, `no purchase mark ${input.id}`), 'id');
      if (m.clearedAt === null) db.writes.run(ctx.write('purchase cleared'), (tx) => purchases.clear(tx, input.id, clock.now()));
      return { ok: true as const };
    },
  };
}

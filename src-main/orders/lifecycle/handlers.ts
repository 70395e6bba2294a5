import { ApiError } from '../../../src-shared/errors';
import type { FamilyOrder, OrderLifecycleView, ReasonInput, TransitionOutcome } from '../../../src-shared/contract/lifecycle';
import { PERSON_SOURCES } from '../../../src-shared/lifecycle';
import type { OrderStatus, PlatformPhase } from '../../../src-shared/orders';
import type { Database } from '../../db';
import { requireUser, type CallContext, type Handlers } from '../../kernel/call';
import type { OrderFlowServices } from '../flow';
import { DEFAULT_MACHINE } from './default-machine';
import type { Reason } from './types';

type Raw = Record<string, unknown>;

/** A person's reason as stored (code + params) and as the audit record's reason text. */
export function personReason(r: ReasonInput | undefined): Reason | undefined {
  if (!r) return undefined;
  const note = r.params?.note?.trim();
  return { code: r.code, params: note ? { note } : {} };
}

export function reasonText(r: ReasonInput | undefined): string | null {
  if (!r) return null;
  const note = r.params?.note?.trim();
  return note ? `${r.code}: ${note}` : r.code;
}

/** Moves through the machine, the order's place in it, and the machine itself. */
export function lifecycleHandlers({ db, flow }: { db: Database; flow: OrderFlowServices }): Pick<
  Handlers, 'orders.transition' | 'orders.lifecycle' | 'lifecycle.get' | 'lifecycle.save'
> {
  const { lifecycle, holds } = flow;
  const orderRow = db.sqlite.prepare(
    `SELECT id, status, platform_phase, version, machine_version, status_at, address_changed_at, parent_order_id, merged_into_id
     FROM orders WHERE id = ?`,
  );
  const family = db.sqlite.prepare('SELECT id, platform_order_id AS platformOrderId, status FROM orders WHERE id = ?');
  const parts = db.sqlite.prepare(
    `SELECT id, platform_order_id AS platformOrderId, status FROM orders WHERE parent_order_id = ? AND status <> 'merged' ORDER BY created_at, platform_order_id`,
  );
  const members = db.sqlite.prepare('SELECT id, platform_order_id AS platformOrderId, status FROM orders WHERE merged_into_id = ? ORDER BY paid_at, id');

  return {
    'orders.transition': (input, ctx) => {
      const user = requireUser(ctx);
      const ids = [...new Set(input.ids)];
      const reason = personReason(input.reason);
      const results: TransitionOutcome[] = db.writes.run(ctx.write(reasonText(input.reason)), (tx) =>
        ids.map((orderId) => {
          const expectedVersion = ids.length === 1 ? (input.expectedVersion ?? input.versions?.[orderId]) : input.versions?.[orderId];
          const r = lifecycle.transition(tx, {
            orderId, to: input.to, source: 'person', permissions: user.permissions,
            ...(reason ? { reason } : {}), ...(input.fields ? { fields: input.fields } : {}),
            ...(expectedVersion !== undefined ? { expectedVersion } : {}), force: input.force,
          });
          return r.ok ? { id: orderId, ok: true as const, from: r.from, to: r.to, version: r.version } : { id: orderId, ok: false as const, refusal: r.refusal };
        }),
      );
      return { results };
    },

    'orders.lifecycle': (input, ctx) => {
      const user = requireUser(ctx);
      const o = orderRow.get(input.id) as Raw | undefined;
      if (!o) throw new ApiError('not_found', ctx.say(`订单 ${input.id} 不存在`, `order ${input.id} does not exist`), 'id');
      const status = o.status as OrderStatus;
      const machine = lifecycle.machines.get(o.machine_version as number).definition;
      const one = (id: unknown) => (id ? ((family.get(id) as FamilyOrder | undefined) ?? null) : null);
      const view: OrderLifecycleView = {
        status,
        platformPhase: (o.platform_phase as PlatformPhase | null) ?? null,
        version: o.version as number,
        machineVersion: o.machine_version as number,
        statusAt: (o.status_at as number | null) ?? null,
        clock: lifecycle.clockOf(input.id) ?? { stateDueAt: null, shipDueAt: null, dueAt: null },
        moves: machine.transitions
          .filter((t) => t.from === status && t.sources.some((s) => PERSON_SOURCES.includes(s)))
          .map((t) => ({
            to: t.to, requires: t.requires, permission: t.permission, holdsBlock: t.holdsBlock,
            allowed: t.permission === null || user.permissions.includes(t.permission),
          })),
        holds: holds.historyOf(input.id),
        addressChangedAt: (o.address_changed_at as number | null) ?? null,
        family: {
          parent: one(o.parent_order_id),
          parts: parts.all(input.id) as FamilyOrder[],
          mergedInto: one(o.merged_into_id),
          members: members.all(input.id) as FamilyOrder[],
        },
      };
      return view;
    },

    'lifecycle.get': (input) => ({
      current: lifecycle.machines.latest(),
      versions: lifecycle.machines.history(),
      builtin: DEFAULT_MACHINE,
      requested: input.version ? lifecycle.machines.get(input.version) : null,
    }),

    'lifecycle.save': (input, ctx: CallContext) => {
      requireUser(ctx);
      return db.writes.run(ctx.write(input.note ?? null), (tx) => {
        const latest = lifecycle.machines.latestVersion();
        if (input.expectedVersion !== latest) {
          throw new ApiError('conflict', ctx.say(
            `状态机在您编辑期间已被保存为第 ${latest} 版（您编辑的是第 ${input.expectedVersion} 版），请重新打开后再改`,
            `the state machine was saved as version ${latest} while you edited version ${input.expectedVersion}; reopen it and edit again`,
          ), 'expectedVersion');
        }
        return lifecycle.machines.save(tx, input.definition, input.note ?? null, Date.now());
      });
    },
  };
}

import { uuidv7 } from '../kernel/ids';
import { ApiError } from '../../src-shared/errors';
import { URGENCY_LABELS } from '../../src-shared/orders';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { Sqlite } from '../db';
import type { Database } from '../db';
import { inWords } from './action-error';
import type { OrderChanges } from './lifecycle/conflict';
import { VersionCheck } from './versions';

type Current = { id: string; urgency: string; tags: string; version: number };

/**
 * Bulk actions from the grid's selection: notes, urgency, tags. Each call is one write
 * transaction: every order changes (with its timeline event and audit record) or none does.
 */
export function orderBulkHandlers({ db, changes }: { db: Database; changes: OrderChanges }): Pick<Handlers, 'orders.addNote' | 'orders.setUrgency' | 'orders.tag'> {
  const versions = new VersionCheck(db.sqlite, changes);
  /** Every order as the person saw it, or the whole call is refused (nothing changed) naming what changed. */
  const seen = (v: Record<string, number> | undefined, ctx: CallContext) => inWords(ctx, () => v && versions.expectAll(v));
  return {
    'orders.addNote': (input, ctx) => {
      const user = requireUser(ctx);
      const ids = existing(db.sqlite, input.orderIds, ctx).map((o) => o.id);
      const now = Date.now();
      db.writes.run(ctx.write(), (tx) => {
        for (const orderId of ids) {
          const note = { id: uuidv7(), orderId, authorId: user.id, authorName: user.username, body: input.body, createdAt: now };
          // The note and its timeline entry are one business change: one audit record.
          tx.insertAggregate('order_notes', note, [{ entity: 'order_events', rows: [event(orderId, now, 'note', ctx, { noteId: note.id, body: input.body })] }]);
        }
      });
      return { added: ids.length };
    },

    'orders.setUrgency': (input, ctx) => {
      requireUser(ctx);
      const orders = existing(db.sqlite, input.orderIds, ctx);
      const now = Date.now();
      let changed = 0;
      db.writes.run(ctx.write(), (tx) => {
        seen(input.versions, ctx);
        for (const o of orders) {
          if (o.urgency === input.urgency) continue;
          tx.update('orders', o.id, { urgency: input.urgency, version: o.version + 1, modifiedAt: now });
          tx.insert('order_events', event(o.id, now, 'urgency_changed', ctx, {
            from: o.urgency, to: input.urgency, label: URGENCY_LABELS[input.urgency].zh,
          }));
          changed++;
        }
      });
      return { changed };
    },

    'orders.tag': (input, ctx) => {
      requireUser(ctx);
      const add = [...new Set(input.add)];
      const remove = [...new Set(input.remove)];
      if (!add.length && !remove.length) {
        throw new ApiError('invalid_input', ctx.say('请指定要添加或移除的标签', 'name a tag to add or remove'), 'add');
      }
      const both = add.find((t) => remove.includes(t));
      if (both) {
        throw new ApiError('invalid_input', ctx.say(`标签“${both}”不能同时添加和移除`, `tag "${both}" cannot be both added and removed`), 'remove');
      }
      const orders = existing(db.sqlite, input.orderIds, ctx);
      const now = Date.now();
      let changed = 0;
      db.writes.run(ctx.write(), (tx) => {
        seen(input.versions, ctx);
        for (const o of orders) {
          const before = parseTags(o.tags);
          const after = [...before.filter((t) => !remove.includes(t)), ...add.filter((t) => !before.includes(t))];
          const added = after.filter((t) => !before.includes(t));
          const removed = before.filter((t) => !after.includes(t));
          if (!added.length && !removed.length) continue;
          tx.update('orders', o.id, { tags: JSON.stringify(after), version: o.version + 1, modifiedAt: now });
          tx.insert('order_events', event(o.id, now, 'tags_changed', ctx, { added, removed, tags: after }));
          changed++;
        }
      });
      return { changed };
    },
  };
}

/** The orders named, in the order given (duplicates dropped); refuses the whole call if one does not exist. */
function existing(sqlite: Sqlite, orderIds: string[], ctx: CallContext): Current[] {
  const ids = [...new Set(orderIds)];
  const found = new Map<string, Current>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = sqlite.prepare(`SELECT id, urgency, tags, version FROM orders WHERE id IN (${chunk.map(() => '?').join(',')})`).all(...chunk) as Current[];
    for (const r of rows) found.set(r.id, r);
  }
  const missing = ids.find((id) => !found.has(id));
  if (missing) throw new ApiError('not_found', ctx.say(`订单 ${missing} 不存在，未做任何修改`, `order ${missing} does not exist; nothing was changed`), 'orderIds');
  return ids.map((id) => found.get(id)!);
}

function event(orderId: string, at: number, type: string, ctx: CallContext, detail: Record<string, unknown>) {
  const actor = ctx.write().actor;
  return {
    id: uuidv7(), orderId, at, type, actorId: actor.id, actorName: actor.name, fromStatus: null, toStatus: null,
    detailJson: JSON.stringify(detail),
  };
}

function parseTags(v: string): string[] {
  try {
    const parsed: unknown = JSON.parse(v);
    return Array.isArray(parsed) ? parsed.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
}

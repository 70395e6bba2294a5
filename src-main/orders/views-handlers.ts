import { uuidv7 } from '../kernel/ids';
import type { SavedView } from '../../src-shared/contract';
import { ApiError } from '../../src-shared/errors';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { AuthedUser } from '../kernel/call';
import type { Database } from '../db';

/** A view's saved grid state is small (columns, filters, sort); refuse anything absurd. */
const MAX_STATE_CHARS = 200_000;

interface ViewRow {
  id: string;
  grid: string;
  name: string;
  owner_id: string;
  owner_name: string | null;
  shared: number;
  state_json: string;
  updated_at: number;
}

/**
 * Saved grid views: everybody keeps their own; publishing one to everybody needs views.share,
 * and a shared view may be changed or deleted only by its owner or a views.share holder.
 * Writes go through the write path (views are synced).
 */
export function viewsHandlers({ db }: { db: Database }): Pick<Handlers, 'views.list' | 'views.save' | 'views.delete'> {
  const sqlite = db.sqlite;
  const select = `SELECT v.id, v.grid, v.name, v.owner_id, u.display_name AS owner_name, v.shared, v.state_json, v.updated_at
    FROM views v LEFT JOIN users u ON u.id = v.owner_id`;
  const byId = sqlite.prepare(`${select} WHERE v.id = ?`);
  const list = sqlite.prepare(`${select} WHERE v.grid = ? AND (v.owner_id = ? OR v.shared = 1)
    ORDER BY v.owner_id <> ?, v.shared, v.name`);
  const sameName = sqlite.prepare('SELECT id FROM views WHERE grid = ? AND owner_id = ? AND name = ? AND id <> ?').pluck();

  const toView = (r: ViewRow, user: AuthedUser): SavedView => ({
    id: r.id,
    name: r.name,
    shared: r.shared === 1,
    ownerId: r.owner_id,
    ownerName: r.owner_name ?? '',
    mine: r.owner_id === user.id,
    state: JSON.parse(r.state_json) as unknown,
    updatedAt: r.updated_at,
  });

  /** Someone else's private view does not exist as far as this user is concerned. */
  const visible = (id: string, user: AuthedUser, ctx: CallContext): ViewRow => {
    const row = byId.get(id) as ViewRow | undefined;
    if (!row || (row.owner_id !== user.id && row.shared !== 1)) {
      throw new ApiError('not_found', ctx.say(`视图 ${id} 不存在`, `view ${id} does not exist`), 'id');
    }
    return row;
  };
  const refuse = (ctx: CallContext, zh: string, en: string, field: string): never => {
    db.writes.record(ctx.write(), { entity: 'views', action: 'forbidden', after: { permission: 'views.share', field } });
    throw new ApiError('forbidden', ctx.say(zh, en), field);
  };

  return {
    'views.list': (input, ctx) => {
      const user = requireUser(ctx);
      return (list.all(input.grid, user.id, user.id) as ViewRow[]).map((r) => toView(r, user));
    },

    'views.save': (input, ctx) => {
      const user = requireUser(ctx);
      const canShare = user.permissions.includes('views.share');
      if (input.shared && !canShare) {
        refuse(ctx, '当前角色无权共享视图（需要权限 views.share）', 'your role may not share views (needs views.share)', 'shared');
      }
      const stateJson = JSON.stringify(input.state ?? null);
      if (stateJson.length > MAX_STATE_CHARS) {
        throw new ApiError('invalid_input', ctx.say(`视图状态过大（${stateJson.length} 字符）`, `view state too large (${stateJson.length} chars)`), 'state');
      }
      const now = Date.now();
      const existing = input.id ? visible(input.id, user, ctx) : null;
      if (existing && existing.owner_id !== user.id && !canShare) {
        refuse(ctx, '只有视图创建者或有共享权限的人可以修改共享视图', 'only the owner or a views.share holder may change a shared view', 'id');
      }
      const ownerId = existing?.owner_id ?? user.id;
      const grid = existing?.grid ?? input.grid;
      if (sameName.get(grid, ownerId, input.name, existing?.id ?? '')) {
        throw new ApiError('conflict', ctx.say(`已有名为「${input.name}」的视图`, `a view named "${input.name}" already exists`), 'name');
      }
      const id = existing?.id ?? input.id ?? uuidv7();
      db.writes.run(ctx.write(), (tx) => {
        if (existing) tx.update('views', id, { name: input.name, shared: input.shared, stateJson, updatedAt: now });
        else tx.insert('views', { id, grid, name: input.name, ownerId, shared: input.shared, stateJson, createdAt: now, updatedAt: now });
      });
      return toView(byId.get(id) as ViewRow, user);
    },

    'views.delete': (input, ctx) => {
      const user = requireUser(ctx);
      const row = visible(input.id, user, ctx);
      if (row.shared === 1 && !user.permissions.includes('views.share')) {
        refuse(ctx, '删除共享视图需要权限 views.share', 'deleting a shared view needs views.share', 'id');
      }
      db.writes.run(ctx.write(), (tx) => tx.delete('views', row.id));
      return { ok: true as const };
    },
  };
}

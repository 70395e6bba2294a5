import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';

/** Saved grid views: private by default, shared only with views.share, guarded in the main process. */
let app: TempApp;
const t: Record<string, string> = {};
const state = { columns: [{ colId: 'paidFen', width: 120, pinned: null, hide: false }], filters: { status: { type: 'set', values: ['to_ship'] } }, sort: [{ colId: 'paidAt', sort: 'desc' }], quick: '' };

beforeAll(async () => {
  app = await tempApp({ inTeam: true });
  for (const u of ['owner', 'ops', 'service', 'warehouse']) t[u] = await app.login(u);
});
afterAll(() => app.dispose());

const viewRow = (id: string) => app.services.db.sqlite.prepare('SELECT name, shared, owner_id FROM views WHERE id = ?').get(id);
const outboxFor = (id: string) => app.services.db.sqlite.prepare(`SELECT count(*) FROM outbox WHERE entity = 'views' AND entity_id = ?`).pluck().get(id);

describe('saved views', () => {
  it('a user saves a private view, gets it back with its state, and nobody else sees it', async () => {
    const v = await app.call('views.save', { name: '我的待发货', state }, t.service!);
    expect(v).toMatchObject({ name: '我的待发货', shared: false, mine: true, state });
    expect(outboxFor(v.id)).toBe(1); // synced through the write path
    expect((await app.call('views.list', {}, t.service!)).map((x) => x.id)).toContain(v.id);
    expect((await app.call('views.list', {}, t.warehouse!)).map((x) => x.id)).not.toContain(v.id);
    expect(await app.raw('views.save', { id: v.id, name: '偷改', state: {} }, t.warehouse!)).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    expect(await app.raw('views.delete', { id: v.id }, t.warehouse!)).toMatchObject({ error: { code: 'not_found', field: 'id' } });
    expect(viewRow(v.id)).toMatchObject({ name: '我的待发货', shared: 0 });
  });

  it('sharing needs views.share: service is refused, nothing is written, the refusal is audited', async () => {
    const before = app.services.db.sqlite.prepare('SELECT count(*) FROM views').pluck().get();
    const r = await app.raw('views.save', { name: '全员可见', shared: true, state }, t.service!);
    expect(r).toMatchObject({ error: { code: 'forbidden', field: 'shared' } });
    expect(app.services.db.sqlite.prepare('SELECT count(*) FROM views').pluck().get()).toBe(before);
    const audit = app.services.db.sqlite.prepare(`SELECT actor_name FROM audit_log WHERE entity = 'views' AND action = 'forbidden' ORDER BY seq DESC LIMIT 1`).pluck().get();
    expect(audit).toBe('service');
  });

  it('the ops lead publishes a view; everyone lists it, only views.share holders may change or delete it', async () => {
    const shared = await app.call('views.save', { name: '今日超时', shared: true, state }, t.ops!);
    const seen = (await app.call('views.list', {}, t.warehouse!)).find((x) => x.id === shared.id);
    expect(seen).toMatchObject({ name: '今日超时', shared: true, mine: false, ownerName: expect.any(String) });

    expect(await app.raw('views.save', { id: shared.id, name: '改名', shared: true, state }, t.service!)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await app.raw('views.save', { id: shared.id, name: '改名', shared: false, state }, t.service!)).toMatchObject({ error: { code: 'forbidden', field: 'id' } });
    expect(await app.raw('views.delete', { id: shared.id }, t.service!)).toMatchObject({ error: { code: 'forbidden', field: 'id' } });
    expect(viewRow(shared.id)).toMatchObject({ name: '今日超时', shared: 1 });

    const renamed = await app.call('views.save', { id: shared.id, name: '今日超时（全店）', shared: true, state }, t.owner!);
    expect(renamed).toMatchObject({ name: '今日超时（全店）', mine: false, ownerId: shared.ownerId });
    await app.call('views.delete', { id: shared.id }, t.owner!);
    expect(viewRow(shared.id)).toBeUndefined();
    expect((await app.call('views.list', {}, t.warehouse!)).map((x) => x.id)).not.toContain(shared.id);
  });

  it('a second view with the same name is refused, naming the field', async () => {
    await app.call('views.save', { name: '重复名', state: {} }, t.warehouse!);
    expect(await app.raw('views.save', { name: '重复名', state: {} }, t.warehouse!)).toMatchObject({ error: { code: 'conflict', field: 'name' } });
    expect(await app.raw('views.save', { name: '   ', state: {} }, t.warehouse!)).toMatchObject({ error: { code: 'invalid_input', field: 'name' } });
  });

  it('the owner of a private view updates and deletes it', async () => {
    const v = await app.call('views.save', { name: '草稿', state: { a: 1 } }, t.warehouse!);
    const u = await app.call('views.save', { id: v.id, name: '草稿2', state: { a: 2 } }, t.warehouse!);
    expect(u).toMatchObject({ id: v.id, name: '草稿2', state: { a: 2 } });
    expect(await app.call('views.delete', { id: v.id }, t.warehouse!)).toEqual({ ok: true });
    expect(viewRow(v.id)).toBeUndefined();
  });
});

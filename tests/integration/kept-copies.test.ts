import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_USERS } from '../../src-main/demo-users';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
beforeEach(async () => {
  app = await tempApp();
});
afterEach(() => app.dispose());

/** Copies as an update and a join leave them, and files that only look like them. */
function plant(): void {
  writeFileSync(join(app.dataDir, 'orderhub.db.backup-0025_orders_phone_idx-1764000000000'), Buffer.alloc(3000));
  writeFileSync(join(app.dataDir, 'orderhub.db.backup-0026_order_children_by_order-1764900000000'), Buffer.alloc(5000));
  writeFileSync(join(app.dataDir, 'orderhub.db.before-join-1764500000000'), Buffer.alloc(4000));
  writeFileSync(join(app.dataDir, 'orderhub.db.backup-notes.txt'), 'not a copy');
  writeFileSync(join(app.dataDir, 'orderhub.db.before-join-notes'), 'not a copy');
}

describe('the database copies kept on this PC', () => {
  it('lists the update and team-join copies with their sizes, newest first, and nothing that only looks like one', async () => {
    plant();
    const owner = await app.login('owner');
    const got = await app.call('workspace.copies', {}, owner);
    expect(got.copies.map((c) => [c.kind, c.name, c.bytes])).toEqual([
      ['update', 'orderhub.db.backup-0026_order_children_by_order-1764900000000', 5000],
      ['join', 'orderhub.db.before-join-1764500000000', 4000],
      ['update', 'orderhub.db.backup-0025_orders_phone_idx-1764000000000', 3000],
    ]);
    expect(got.databaseBytes).toBeGreaterThan(0);
    expect(got.folder).toBe(app.dataDir);
  });

  it('deletes one copy by its exact name, records who did, and refuses any other name', async () => {
    plant();
    const owner = await app.login('owner');
    const name = 'orderhub.db.before-join-1764500000000';
    const after = await app.call('workspace.deleteCopy', { name }, owner);
    expect(after.copies.map((c) => c.name)).not.toContain(name);
    expect(existsSync(join(app.dataDir, name))).toBe(false);
    const audit = app.services.db.sqlite.prepare(`SELECT actor_name AS actor, action, after_json AS after FROM audit_log WHERE entity = 'workspace' ORDER BY seq DESC LIMIT 1`).get() as { actor: string; action: string; after: string };
    expect(audit).toMatchObject({ actor: 'owner', action: 'kept_copy_deleted' });
    expect(JSON.parse(audit.after)).toMatchObject({ name, kind: 'join', bytes: 4000 });

    for (const bad of ['orderhub.db', 'orderhub.db.backup-notes.txt', '../orderhub.db', `${app.dataDir}/orderhub.db`, name]) {
      expect(await app.raw('workspace.deleteCopy', { name: bad }, owner)).toMatchObject({ error: { code: 'not_found', field: 'name' } });
    }
    expect(existsSync(join(app.dataDir, 'orderhub.db'))).toBe(true);
    expect(existsSync(join(app.dataDir, 'orderhub.db.backup-notes.txt'))).toBe(true);
  });

  it.each(['ops_lead', 'service', 'warehouse', 'finance'] as const)('is refused to %s', async (role) => {
    plant();
    const token = await app.login(DEMO_USERS.find((u) => u.role === role)!.username);
    expect(await app.raw('workspace.copies', {}, token)).toMatchObject({ error: { code: 'forbidden' } });
    expect(await app.raw('workspace.deleteCopy', { name: 'orderhub.db.before-join-1764500000000' }, token)).toMatchObject({ error: { code: 'forbidden' } });
    expect(existsSync(join(app.dataDir, 'orderhub.db.before-join-1764500000000'))).toBe(true);
  });
});

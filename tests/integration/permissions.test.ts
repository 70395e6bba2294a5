import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_NAMES, contract } from '../../src-shared/contract';
import { ROLE_PERMISSIONS, ROLES, type Permission } from '../../src-shared/roles';
import { DEMO_USERS } from '../../src-main/demo-users';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Generated from the contract: every call that needs a permission, for every role without
 * it, is refused with `forbidden`, changes nothing, and leaves an audit record.
 */
let app: TempApp;
const tokens = new Map<string, string>();

beforeAll(async () => {
  app = await tempApp();
  for (const u of DEMO_USERS) tokens.set(u.role, await app.login(u.username));
});
afterAll(() => app.dispose());

const guarded = CALL_NAMES.filter((n) => !['public', 'authenticated'].includes(contract[n].access));
const cases = guarded.flatMap((name) =>
  ROLES.filter((role) => !ROLE_PERMISSIONS[role].includes(contract[name].access as Permission)).map((role) => ({ name, role })),
);

describe('a role without the permission is refused', () => {
  it('covers every guarded call in the contract', () => {
    expect(guarded.length).toBeGreaterThan(0);
    expect(cases.length).toBeGreaterThan(0);
  });

  it.each(cases)('$role cannot call $name', async ({ name, role }) => {
    const sqlite = app.services.db.sqlite;
    const snapshot = () => ({
      outbox: sqlite.prepare('SELECT count(*) FROM outbox').pluck().get(),
      changes: sqlite.prepare('SELECT total_changes()').pluck().get(),
    });
    const auditBefore = sqlite.prepare('SELECT max(seq) FROM audit_log').pluck().get() as number;
    const before = snapshot();
    const result = await app.raw(name, {}, tokens.get(role)!);
    expect(result).toMatchObject({ error: { code: 'forbidden' } });
    expect(snapshot().outbox).toBe(before.outbox);
    const refusal = sqlite
      .prepare(`SELECT actor_name, action, entity_id FROM audit_log WHERE seq > ? AND action = 'forbidden'`)
      .all(auditBefore);
    expect(refusal).toEqual([{ actor_name: DEMO_USERS.find((u) => u.role === role)!.username, action: 'forbidden', entity_id: name }]);
  });
});

import { describe, expect, it } from 'vitest';
import { checkMutation } from './permissions';
import type { Mutation } from './protocol';

const m = (over: Partial<Mutation>): Mutation => ({
  id: 1, table: 'orders', row: 'o1', op: 'update', hlc: '000000000000001-00000-a', values: { urgency: 'red' }, call: 'orders.setUrgency', actor: 'u1', ...over,
});

describe('the cloud checks every pushed mutation against the shared contract and roles', () => {
  it('ops lead may set urgency; customer service may not (the role as the workspace has it now)', () => {
    expect(checkMutation(m({}), { id: 'u1', role: 'ops_lead', disabled: false })).toEqual({ ok: true });
    expect(checkMutation(m({}), { id: 'u1', role: 'service', disabled: false })).toMatchObject({ ok: false, reason: { code: 'sync.forbidden', params: { permission: 'orders.tag' } } });
  });

  it('a call may only write the tables its permission covers', () => {
    const r = checkMutation(m({ table: 'users', row: 'u9', values: { role: 'owner' }, call: 'orders.addNote' }), { id: 'u1', role: 'ops_lead', disabled: false });
    expect(r).toMatchObject({ ok: false, reason: { code: 'sync.table_not_allowed' } });
  });

  it('status moves only with a status permission; a tag call cannot carry it', () => {
    const r = checkMutation(m({ values: { status: 'cancelled' } }), { id: 'u1', role: 'ops_lead', disabled: false });
    expect(r).toMatchObject({ ok: false, reason: { code: 'sync.field_not_allowed', params: { field: 'status' } } });
  });

  it('sign-in counters only on your own row; unknown users, disabled users, unknown calls and tables are refused', () => {
    expect(checkMutation(m({ table: 'users', row: 'u1', values: { failed_logins: 1 }, call: 'auth.login' }), { id: 'u1', role: 'service', disabled: false })).toEqual({ ok: true });
    expect(checkMutation(m({ table: 'users', row: 'u2', values: { failed_logins: 0 }, call: 'auth.login' }), { id: 'u1', role: 'service', disabled: false }).ok).toBe(false);
    expect(checkMutation(m({}), null)).toMatchObject({ ok: false, reason: { code: 'sync.unknown_user' } });
    expect(checkMutation(m({}), { id: 'u1', role: 'owner', disabled: true })).toMatchObject({ ok: false, reason: { code: 'sync.user_disabled' } });
    expect(checkMutation(m({ call: 'orders.nuke' }), { id: 'u1', role: 'owner', disabled: false })).toMatchObject({ ok: false, reason: { code: 'sync.unknown_call' } });
    expect(checkMutation(m({ table: 'secrets' }), { id: 'u1', role: 'owner', disabled: false })).toMatchObject({ ok: false, reason: { code: 'sync.unknown_table' } });
  });

  it('the PC\'s own work: the poller writes orders, never users', () => {
    expect(checkMutation(m({ actor: null, call: 'channels.poll', op: 'insert' }), null)).toEqual({ ok: true });
    expect(checkMutation(m({ actor: null, call: 'channels.poll', table: 'users' }), null).ok).toBe(false);
    expect(checkMutation(m({ actor: null, call: 'orders.setUrgency' }), null)).toMatchObject({ ok: false, reason: { code: 'sync.not_a_system_call' } });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OrderChanges } from '../../orders/lifecycle/conflict';
import { oneOrderDb, type OneOrderDb } from '../../../tests/helpers/one-order-db';
import type { Database } from '../index';

const ctx = { actor: { id: null, name: '规则' }, call: 'test' };

describe('updateAggregate: a row updated with the rows of the same change, under one audit record', () => {
  let world: OneOrderDb;
  let db: Database;
  let orderId: string;
  beforeEach(async () => {
    world = await oneOrderDb('update-aggregate', ctx);
    ({ db, orderId } = world);
  });
  afterEach(() => world.close());

  const audits = () => db.sqlite.prepare('SELECT entity, action, before_json, after_json FROM audit_log ORDER BY seq').all() as { entity: string; action: string; before_json: string; after_json: string }[];

  it('writes the changed fields (from the row as read) and the child rows, records them once, and conflict messages name only the fields', () => {
    const version = db.sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck().get(orderId) as number;
    const before = audits().length;
    const event = { id: 'ev-1', orderId, at: 1, type: 'rules_applied', actorId: null, actorName: 'rules', fromStatus: null, toStatus: null, detailJson: '{}' };
    db.writes.run(ctx, (tx) => tx.updateAggregate('orders', orderId, (cur) => ({ tags: '["VIP"]', version: (cur.version as number) + 1 }), [{ entity: 'order_events', rows: [event] }]));
    const added = audits().slice(before);
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({ entity: 'orders', action: 'update' });
    expect(JSON.parse(added[0]!.after_json)).toEqual({ tags: '["VIP"]', version: version + 1, inserted: { order_events: [event] } });
    expect(JSON.parse(added[0]!.before_json)).toEqual({ tags: '[]', version });
    expect(db.sqlite.prepare('SELECT tags, version FROM orders WHERE id = ?').get(orderId)).toEqual({ tags: '["VIP"]', version: version + 1 });
    expect(db.sqlite.prepare('SELECT type FROM order_events WHERE id = ?').pluck().get('ev-1')).toBe('rules_applied');
    expect(new OrderChanges(db.sqlite).since(orderId, version).map((c) => c.fields)).toEqual([['tags']]);
    expect(db.writes.verifyAudit({ rows: true }).ok).toBe(true);
  });

  it('with nothing to change on the row still writes and records the child rows; with neither, records nothing', () => {
    const before = audits().length;
    const event = { id: 'ev-2', orderId, at: 1, type: 'rules_applied', actorId: null, actorName: 'rules', fromStatus: null, toStatus: null, detailJson: '{}' };
    db.writes.run(ctx, (tx) => tx.updateAggregate('orders', orderId, {}, [{ entity: 'order_events', rows: [event] }]));
    db.writes.run(ctx, (tx) => tx.updateAggregate('orders', orderId, { tags: '[]' }, [{ entity: 'order_events', rows: [] }]));
    const added = audits().slice(before);
    expect(added.map((a) => JSON.parse(a.after_json))).toEqual([{ inserted: { order_events: [event] } }]);
  });
});

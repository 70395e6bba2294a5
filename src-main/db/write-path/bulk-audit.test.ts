import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { uuidv7 } from '../../kernel/ids';
import { bulkBody, decodeId, encodeId, rowHash } from './bulk-audit';

describe('bulk audit records', () => {
  it('ids survive their compact form, UUIDs and other ids alike', () => {
    for (const id of ['01936f4e-8b2a-7c3d-9e4f-a1b2c3d4e5f6', 'SKU 001/红色', 'finance.exportSchedule']) expect(decodeId(encodeId(id))).toBe(id);
    expect(encodeId('01936f4e-8b2a-7c3d-9e4f-a1b2c3d4e5f6')).toHaveLength(23);
    // The compact form is the 16 bytes in base64url, as records already written carry it.
    for (let i = 0; i < 1000; i++) {
      const id = uuidv7();
      expect(encodeId(id)).toBe(`u${Buffer.from(id.replace(/-/g, ''), 'hex').toString('base64url')}`);
    }
  });

  // Records already written name ids in these forms: only a lowercase UUID takes the compact one.
  it('an id that only looks like a UUID keeps its text form, as records already written have it', () => {
    for (const id of ['01936F4E-8B2A-7C3D-9E4F-A1B2C3D4E5F6', '01936f4e-8b2a-7c3d-9e4f-a1b2c3d4e5fg', 'x1936f4e-8b2a-7c3d-9e4f-a1b2c3d4e5f6', '01936f4e-8b2a-7c3d-9e4f-a1b2c3d4e5f', '01936f4e08b2a-7c3d-9e4f-a1b2c3d4e5f6']) {
      expect(encodeId(id)).toBe(`s${encodeURIComponent(id)}`);
      expect(decodeId(encodeId(id))).toBe(id);
    }
  });

  it('a row hash covers every value it was inserted with, as SQLite stores it', () => {
    const row = { id: 'a', paidFen: 1000, paused: true, tags: ['x'], note: null };
    const fields = Object.keys(row);
    const h = rowHash('orders', fields, row);
    expect(rowHash('orders', fields, { ...row, paused: 1, tags: '["x"]' })).toBe(h); // stored forms
    expect(rowHash('orders', fields, { ...row, paidFen: 1001 })).not.toBe(h);
    expect(rowHash('order_lines', fields, row)).not.toBe(h);
    expect(h).toHaveLength(22);
  });

  // Records already in audit logs were hashed as the first 16 bytes of the digest: the form must not move.
  it('a row hash is the first 16 bytes of the SHA-256 digest in base64url, as records already written carry', () => {
    for (let i = 0; i < 2000; i++) {
      const row = { id: `row-${i}`, n: i * 7919, text: `收货人${i}`.repeat(i % 5) };
      const fields = Object.keys(row);
      const before = createHash('sha256').update(JSON.stringify(['orders', row.id, row.n, row.text])).digest().subarray(0, 16).toString('base64url');
      expect(rowHash('orders', fields, row)).toBe(before);
    }
  });

  it('one record for the batch lists every row with its hash, grouped by the fields given', () => {
    const body = bulkBody('orders', 'id', [{ id: 'a', x: 1 }, { id: 'b', x: 2 }, { id: 'c', x: 3, y: 4 }], 'demo orders');
    expect(body).toMatchObject({ summary: 'demo orders', count: 3 });
    expect(body.rowHashes.map((g) => [g.fields, g.rows.split(' ').length])).toEqual([[['id', 'x'], 2], [['id', 'x', 'y'], 1]]);
  });
});

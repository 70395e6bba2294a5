import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../db';
import { RawStore } from './raw-store';

let dir: string;
let db: Database;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'orderhub-raw-'));
  db = await openDatabase(join(dir, 'orderhub.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A Taobao-like payload: the same field names every time, different values. */
const payload = (i: number) => JSON.stringify({
  tid: 2585608013630372147n.toString().slice(0, 15) + i, status: i % 2 ? 'WAIT_SELLER_SEND_GOODS' : 'TRADE_FINISHED', created: `2026-11-${10 + (i % 18)} 20:18:00`,
  payment: `${(i * 7.3).toFixed(2)}`, buyer_nick: `t**${i % 10}`, receiver_name: '杨*', receiver_state: '江苏省', receiver_city: '南京市',
  receiver_address: `建国路${i}号`, orders: { order: [{ oid: `${i}01`, title: '新疆长绒棉圆领短袖T恤', sku_properties_name: '颜色:白色;尺码:L', num: 1, price: '79.00' }] },
});
const write = <T>(fn: () => T) => db.sqlite.transaction(fn).immediate();
const bytes = () => db.sqlite.prepare('SELECT sum(length(payload_gz)) FROM order_raw').pluck().get() as number;

describe('raw payload storage', () => {
  it('reads back every payload exactly, stores a repeated version once, and learns a dictionary that beats gzip', () => {
    const store = new RawStore(db.sqlite);
    for (let i = 0; i < 200; i++) write(() => store.put(`o${i}`, 1, 'poll:taobao', payload(i), 1000 + i));
    for (let i = 0; i < 200; i++) expect(store.latest(`o${i}`)).toEqual({ source: 'poll:taobao', payload: payload(i) });
    // The same payload again (a re-process, a poll overlap) is not a new copy; a changed one is.
    expect(write(() => store.put('o5', 2, 'reprocess', payload(5), 2000))).toBe(false);
    expect(write(() => store.put('o5', 3, 'poll:taobao', payload(5).replace('WAIT_SELLER_SEND_GOODS', 'TRADE_CLOSED'), 3000))).toBe(true);
    expect(store.latest('o5')!.payload).toContain('TRADE_CLOSED');
    expect(db.sqlite.prepare(`SELECT count(*) FROM order_raw WHERE order_id = 'o5'`).pluck().get()).toBe(2);
    const dicts = db.sqlite.prepare('SELECT count(*) FROM order_raw_dicts').pluck().get();
    expect(dicts).toBe(1);
    // Payloads after the dictionary: well under half of what gzip would keep.
    const later = db.sqlite.prepare('SELECT sum(length(payload_gz)) FROM order_raw WHERE dict_id > 0').pluck().get() as number;
    const laterCount = db.sqlite.prepare('SELECT count(*) FROM order_raw WHERE dict_id > 0').pluck().get() as number;
    let gz = 0;
    for (let i = 200 - laterCount; i < 200; i++) gz += gzipSync(payload(i)).length;
    expect(later).toBeLessThan(gz * 0.5);
    expect(bytes()).toBeGreaterThan(0);
  });

  it('a dictionary made in a transaction that rolled back is never used', () => {
    const store = new RawStore(db.sqlite);
    expect(() => write(() => {
      for (let i = 0; i < 30; i++) store.put(`x${i}`, 1, 'file:pdd', payload(i), 1);
      throw new Error('all or nothing: rolled back');
    })).toThrow('rolled back');
    expect(db.sqlite.prepare('SELECT count(*) FROM order_raw_dicts').pluck().get()).toBe(0);
    for (let i = 0; i < 40; i++) write(() => store.put(`y${i}`, 1, 'file:pdd', payload(i + 500), 2));
    for (let i = 0; i < 40; i++) expect(store.latest(`y${i}`)!.payload).toBe(payload(i + 500));
  });

  it('reads rows written before dictionaries (gzip)', () => {
    db.sqlite.prepare('INSERT INTO order_raw (order_id, version, source, fetched_at, payload_gz) VALUES (?, 1, ?, 1, ?)').run('old', 'poll:jd', gzipSync('{"a":1}'));
    expect(new RawStore(db.sqlite).latest('old')).toEqual({ source: 'poll:jd', payload: '{"a":1}' });
  });
});

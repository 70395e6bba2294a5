import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase, SYSTEM_ACTOR, type Database, type WriteTx } from '../db';
import { compressBlock } from './raw-codec';
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
  tid: `258560801363${i}`, status: i % 2 ? 'WAIT_SELLER_SEND_GOODS' : 'TRADE_FINISHED', created: `2026-11-${10 + (i % 18)} 20:18:00`,
  payment: `${(i * 7.3).toFixed(2)}`, buyer_nick: `t**${i % 10}`, receiver_name: '杨*', receiver_state: '江苏省', receiver_city: '南京市',
  receiver_address: `建国路${i}号`, orders: { order: [{ oid: `${i}01`, title: '新疆长绒棉圆领短袖T恤', sku_properties_name: '颜色:白色;尺码:L', num: 1, price: '79.00' }] },
});
const write = <T>(fn: (tx: WriteTx) => T) => db.writes.run({ actor: SYSTEM_ACTOR, call: 'test' }, fn);
const one = (sql: string) => db.sqlite.prepare(sql).pluck().get() as number;

describe('raw payload storage', () => {
  it('reads back every payload exactly, stores a repeated version once, and keeps far less than gzip would', () => {
    const store = new RawStore(db.sqlite);
    // Pages of 100, as the poller writes them.
    for (let page = 0; page < 5; page++) {
      write((tx) => {
        for (let i = page * 100; i < page * 100 + 100; i++) store.put(tx, `o${i}`, 1, 'poll:taobao', payload(i), 1000 + i);
      });
    }
    for (let i = 0; i < 500; i += 7) expect(store.latest(`o${i}`)).toEqual({ source: 'poll:taobao', payload: payload(i) });
    // The same payload again (a re-process, a poll overlap) is not a new copy; a changed one is.
    expect(write((tx) => store.put(tx, 'o5', 2, 'reprocess', payload(5), 2000))).toBe(false);
    expect(write((tx) => store.put(tx, 'o5', 3, 'poll:taobao', payload(5).replace('WAIT_SELLER_SEND_GOODS', 'TRADE_CLOSED'), 3000))).toBe(true);
    expect(store.latest('o5')!.payload).toContain('TRADE_CLOSED');
    expect(one(`SELECT count(*) FROM order_raw WHERE order_id = 'o5'`)).toBe(2);
    expect(one('SELECT count(*) FROM order_raw_dicts')).toBe(1);
    let gz = 0;
    for (let i = 0; i < 500; i++) gz += gzipSync(payload(i)).length;
    const kept = one('SELECT sum(length(data)) FROM order_raw_blocks') + one('SELECT sum(length(payload_gz)) FROM order_raw');
    expect(kept).toBeLessThan(gz * 0.25);
  });

  it('a transaction that rolls back leaves no payload, block or dictionary behind', () => {
    const store = new RawStore(db.sqlite);
    expect(() => write((tx) => {
      for (let i = 0; i < 30; i++) store.put(tx, `x${i}`, 1, 'file:pdd', payload(i), 1);
      tx.note({ entity: 'test', action: 'x' });
      throw new Error('all or nothing: rolled back');
    })).toThrow('rolled back');
    expect(one('SELECT count(*) FROM order_raw') + one('SELECT count(*) FROM order_raw_blocks') + one('SELECT count(*) FROM order_raw_dicts')).toBe(0);
    write((tx) => {
      for (let i = 0; i < 40; i++) store.put(tx, `y${i}`, 1, 'file:pdd', payload(i + 500), 2);
    });
    for (let i = 0; i < 40; i++) expect(store.latest(`y${i}`)!.payload).toBe(payload(i + 500));
    expect(store.latest('x1')).toBeNull();
  });

  it('reads rows written before blocks (their own gzip)', () => {
    db.sqlite.prepare('INSERT INTO order_raw (order_id, version, source, fetched_at, payload_gz) VALUES (?, 1, ?, 1, ?)').run('old', 'poll:jd', gzipSync('{"a":1}'));
    expect(new RawStore(db.sqlite).latest('old')).toEqual({ source: 'poll:jd', payload: '{"a":1}' });
  });

  it('reads blocks written with deflate before Zstandard, beside new ones', () => {
    const store = new RawStore(db.sqlite);
    write((tx) => {
      for (let i = 0; i < 30; i++) store.put(tx, `n${i}`, 1, 'poll:taobao', payload(i), 1);
    });
    const dict = db.sqlite.prepare('SELECT id, dict FROM order_raw_dicts').get() as { id: number; dict: Buffer };
    // An older block: the payloads deflated with the same dictionary, as earlier versions wrote them.
    const old = [payload(900), payload(901)].map((p) => Buffer.from(p));
    const block = Number(db.sqlite.prepare('INSERT INTO order_raw_blocks (dict_id, data) VALUES (?, ?)').run(dict.id, compressBlock(Buffer.concat(old), dict.dict, 'deflate')).lastInsertRowid);
    db.sqlite.prepare(`INSERT INTO order_raw (order_id, version, source, fetched_at, payload_gz, block_id, block_offset, block_length) VALUES ('d0', 1, 'poll:taobao', 1, x'', ?, 0, ?), ('d1', 1, 'poll:taobao', 1, x'', ?, ?, ?)`)
      .run(block, old[0]!.length, block, old[0]!.length, old[1]!.length);
    const fresh = new RawStore(db.sqlite);
    expect(fresh.latest('d1')!.payload).toBe(payload(901));
    expect(fresh.latest('d0')!.payload).toBe(payload(900));
    expect(fresh.latest('n29')!.payload).toBe(payload(29));
  });
});

import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FetchedOrder } from '../../src-main/ingest/fetched-order';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import { ALL_SEARCH_FIELDS, TextSearch, type SearchField } from '../../src-main/orders/search/text-search';
import { prng } from '../helpers/orders-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * "Contains" through the trigram index answers exactly what a LIKE scan answers, for one-,
 * two- and longer queries over Chinese text, and keeps answering it while orders and their
 * lines are inserted, changed, deleted and re-ingested.
 */
const ALPHABET = [...'王李张娜伟芳杭州西湖区文三路号室省市浙江仓aAb1'];
const ctx = { actor: { id: null, name: 'test' }, call: 'test.search' };
let app: TempApp;
let search: TextSearch;
let channelId: string;
let seq = 0;

/** These tests move orders between grid-visible values as any writer could; status is owned, so they hold its key. */
const statusKey = () => app.services.db.writes.claim('orders', 'status');

beforeAll(async () => {
  app = await tempApp();
  search = new TextSearch(app.services.db.sqlite);
  channelId = 'ch-search';
  app.services.db.writes.run(ctx, (tx) => tx.insert('channels', { id: channelId, kind: 'taobao', name: '搜索测试店', configJson: '{}', paused: false, createdAt: 0, updatedAt: 0 }));
});
afterAll(() => app.dispose());

const text = (rnd: () => number, min: number, max: number) => {
  const n = min + Math.floor(rnd() * (max - min + 1));
  return Array.from({ length: n }, () => ALPHABET[Math.floor(rnd() * ALPHABET.length)]!).join('');
};
const maybe = (rnd: () => number, s: () => string) => (rnd() < 0.15 ? null : s());

function newOrder(rnd: () => number): { order: Record<string, unknown>; lines: Record<string, unknown>[] } {
  const id = `s-${String(++seq).padStart(6, '0')}`;
  const order = {
    id, channelId, platformOrderId: `P${seq}`, status: 'to_ship', platformStatus: 'X', goodsFen: 100, paidFen: 100,
    createdAt: seq, platformUpdatedAt: seq, version: 1, ingestedAt: seq, modifiedAt: seq, tags: '[]', urgency: 'green',
    receiverName: maybe(rnd, () => text(rnd, 1, 3)), province: maybe(rnd, () => text(rnd, 1, 3)), city: maybe(rnd, () => text(rnd, 0, 3)),
    district: maybe(rnd, () => text(rnd, 1, 3)), addressDetail: maybe(rnd, () => text(rnd, 2, 8)),
    buyerRemark: maybe(rnd, () => text(rnd, 1, 6)), sellerNote: rnd() < 0.3 ? text(rnd, 1, 5) : null,
  };
  const lines = Array.from({ length: 1 + Math.floor(rnd() * 2) }, (_, i) => ({
    id: `${id}-l${i}`, orderId: id, lineNo: i + 1, title: text(rnd, 1, 7), qty: 1, unitPriceFen: 100, paidFen: 100,
  }));
  return { order, lines };
}

/** The same question as a LIKE scan (ASCII case-insensitive, % and _ literal), written without the index. */
function likeIds(fields: readonly SearchField[], q: string): string[] {
  const p = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const cols: Record<SearchField, string> = {
    receiver: `receiver_name LIKE ? ESCAPE '\\'`,
    address: `(coalesce(province, '') || coalesce(city, '') || coalesce(district, '') || coalesce(address_detail, '')) LIKE ? ESCAPE '\\'`,
    buyerRemark: `buyer_remark LIKE ? ESCAPE '\\'`,
    sellerNote: `seller_note LIKE ? ESCAPE '\\'`,
    title: `EXISTS (SELECT 1 FROM order_lines l WHERE l.order_id = orders.id AND l.title LIKE ? ESCAPE '\\')`,
  };
  const where = fields.map((f) => cols[f]).join(' OR ');
  return app.services.db.sqlite.prepare(`SELECT id FROM orders WHERE ${where} ORDER BY id`).pluck().all(...fields.map(() => p)) as string[];
}

function indexIds(fields: readonly SearchField[], q: string, via = search): string[] {
  const c = via.contains(fields, q)!;
  return app.services.db.sqlite.prepare(`SELECT o.id FROM orders o WHERE ${c.sql} ORDER BY o.id`).pluck().all(...c.params) as string[];
}

/** Queries worth asking: pieces of what is stored (1, 2, 3+ characters) and random strings. */
function queries(rnd: () => number): string[] {
  const stored = app.services.db.sqlite
    .prepare(`SELECT coalesce(receiver_name, '') || coalesce(address_detail, '') || coalesce(buyer_remark, '') FROM orders ORDER BY random() LIMIT 6`)
    .pluck().all() as string[];
  const out: string[] = [];
  for (const s of stored) {
    const chars = [...s];
    for (const len of [1, 2, 3, 4]) {
      if (chars.length < len) continue;
      const at = Math.floor(rnd() * (chars.length - len + 1));
      out.push(chars.slice(at, at + len).join(''));
    }
  }
  for (const len of [1, 2, 3]) out.push(text(rnd, len, len));
  out.push('A'); // case: matches "a" as LIKE does
  return out;
}

function checkAll(rnd: () => number): number {
  let checked = 0;
  const fieldSets: SearchField[][] = [['receiver'], ['address'], ['buyerRemark'], ['title'], [...ALL_SEARCH_FIELDS]];
  for (const q of queries(rnd)) {
    for (const fields of fieldSets) {
      expect({ q, fields, ids: indexIds(fields, q) }).toEqual({ q, fields, ids: likeIds(fields, q) });
      checked++;
    }
  }
  return checked;
}

describe('the trigram search index', () => {
  it('answers one-, two- and longer queries exactly as a LIKE scan does (random Chinese text)', () => {
    const rnd = prng(11);
    app.services.db.writes.run(ctx, (tx) => {
      for (let i = 0; i < 300; i++) {
        const { order, lines } = newOrder(rnd);
        tx.insertAggregate('orders', order, [{ entity: 'order_lines', rows: lines }], statusKey());
      }
    });
    let checked = 0;
    for (let round = 0; round < 3; round++) checked += checkAll(rnd);
    expect(checked).toBeGreaterThan(200);
    // The queries do find things: not every answer is empty.
    expect(likeIds(['receiver'], '王').length).toBeGreaterThan(0);
  });

  it('stays in step across random inserts, updates, deletes of orders and lines, and re-ingestion', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1_000_000 }), (seed) => {
        const rnd = prng(seed);
        const sqlite = app.services.db.sqlite;
        for (let step = 0; step < 12; step++) {
          const ids = sqlite.prepare('SELECT id FROM orders ORDER BY random() LIMIT 3').pluck().all() as string[];
          const op = Math.floor(rnd() * 6);
          if (op === 5 && ids.length) {
            // Re-ingested through the pipeline (as a reprocess or a later poll does): new address, new lines.
            ingest(sqlite.prepare('SELECT platform_order_id FROM orders WHERE id = ?').pluck().get(ids[0]) as string, rnd);
            continue;
          }
          app.services.db.writes.run(ctx, (tx) => {
            if (op === 0 || !ids.length) {
              const { order, lines } = newOrder(rnd);
              tx.insertAggregate('orders', order, [{ entity: 'order_lines', rows: lines }], statusKey());
            } else if (op === 1) {
              tx.update('orders', ids[0]!, { receiverName: maybe(rnd, () => text(rnd, 1, 3)), buyerRemark: maybe(rnd, () => text(rnd, 1, 5)) }, statusKey());
            } else if (op === 2) {
              tx.update('orders', ids[0]!, { district: maybe(rnd, () => text(rnd, 1, 3)), addressDetail: text(rnd, 2, 6), status: 'picking' }, statusKey());
            } else if (op === 3) {
              const line = sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? LIMIT 1').pluck().get(ids[0]) as string | undefined;
              if (line) tx.update('order_lines', line, { title: text(rnd, 1, 6) });
              else tx.insert('order_lines', { id: `${ids[0]}-x${step}`, orderId: ids[0], lineNo: 9, title: text(rnd, 2, 5), qty: 1, unitPriceFen: 1, paidFen: 1 });
            } else {
              for (const t of ['order_lines', 'order_addresses', 'order_events']) {
                for (const r of sqlite.prepare(`SELECT id FROM ${t} WHERE order_id = ?`).pluck().all(ids[0]) as string[]) tx.delete(t, r);
              }
              tx.delete('orders', ids[0]!);
            }
          });
        }
        checkAll(rnd);
      }),
      { numRuns: 6, seed: 20261201 },
    );
  });

  it('stays in step with changes other PCs made (applied through sync)', () => {
    const base = { call: 'orders.sync', actorId: null, actorName: '另一台电脑', origin: 'test' };
    const hlc = (n: number) => `${String(Date.now() + n).padStart(15, '0')}-00000-remote01`;
    const sqlite = app.services.db.sqlite;
    const id = 's-remote-1';
    app.services.db.writes.run(ctx, (tx) => {
      tx.applyRemote({ ...base, table: 'orders', row: id, op: 'insert', hlc: hlc(1), values: {
        id, channel_id: channelId, platform_order_id: 'R1', status: 'to_ship', platform_status: 'X', goods_fen: 1, paid_fen: 1,
        created_at: 1, platform_updated_at: 1, version: 1, ingested_at: 1, modified_at: 1, tags: '[]', urgency: 'green',
        receiver_name: '欧阳娜娜', address_detail: '远端路九号',
      } });
      tx.applyRemote({ ...base, table: 'order_lines', row: `${id}-l1`, op: 'insert', hlc: hlc(2), values: {
        id: `${id}-l1`, order_id: id, line_no: 1, title: '远端来的羊绒围巾', qty: 1, unit_price_fen: 1, paid_fen: 1,
      } });
    });
    expect(indexIds(['receiver'], '阳娜')).toContain(id);
    expect(indexIds(['title'], '羊绒围')).toContain(id);
    app.services.db.writes.run(ctx, (tx) => {
      tx.applyRemote({ ...base, table: 'orders', row: id, op: 'update', hlc: hlc(3), values: { receiver_name: '司马光' } });
      tx.applyRemote({ ...base, table: 'order_lines', row: `${id}-l1`, op: 'update', hlc: hlc(4), values: { title: '远端改过的手套' } });
    });
    expect(indexIds(['receiver'], '阳娜')).not.toContain(id);
    expect(indexIds(['receiver'], '司马')).toContain(id);
    expect(indexIds(['title'], '改过的手')).toContain(id);
    expect(indexIds(['title'], '羊绒围')).not.toContain(id);
    app.services.db.writes.run(ctx, (tx) => {
      tx.applyRemote({ ...base, table: 'order_lines', row: `${id}-l1`, op: 'delete', hlc: hlc(5), values: null });
      tx.applyRemote({ ...base, table: 'orders', row: id, op: 'delete', hlc: hlc(6), values: null });
    });
    expect(sqlite.prepare('SELECT count(*) FROM orders WHERE id = ?').pluck().get(id)).toBe(0);
    checkAll(prng(13));
  });

  it('a query too broad for the index is asked row by row, with the same answers', () => {
    const scanning = new TextSearch(app.services.db.sqlite, { maxTerms: -1, maxDocs: -1 });
    const rnd = prng(5);
    let checked = 0;
    for (const q of queries(rnd)) {
      for (const fields of [['receiver'], ['title'], [...ALL_SEARCH_FIELDS]] as SearchField[][]) {
        const c = scanning.contains(fields, q)!;
        if (c.sql !== '0') expect(c.sql).toContain('LIKE');
        expect({ q, fields, ids: indexIds(fields, q, scanning) }).toEqual({ q, fields, ids: likeIds(fields, q) });
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });

  it('the one-character query is answered from the index vocabulary, not a scan', () => {
    const c = search.contains(['receiver'], '王')!;
    expect(c.sql).toContain('order_search MATCH');
    expect(c.params[0]).toMatch(/^receiver : \(/);
    expect(search.contains(['receiver'], '\u0001')).toBeNull();
  });
});

/** An order fetched again from its platform with a new address and lines, through the ingestion pipeline. */
function ingest(platformOrderId: string, rnd: () => number): void {
  const order: NormalizedOrder = {
    platformOrderId, platformStatus: 'X', phase: 'paid', createdAt: 1, platformUpdatedAt: Date.now() + seq++, goodsFen: 100, paidFen: 100,
    address: { receiverName: text(rnd, 1, 3), province: text(rnd, 1, 2), city: text(rnd, 1, 2), district: null, detail: text(rnd, 2, 6) },
    buyerRemark: text(rnd, 1, 4), lines: [{ title: text(rnd, 2, 6), qty: 1, unitPriceFen: 100, paidFen: 100 }],
  };
  const item: FetchedOrder = { platformOrderId, raw: JSON.stringify({ platformOrderId }), result: { ok: true, order } };
  app.services.pipeline.ingestPage({ id: channelId, kind: 'taobao' }, [item], { ctx, source: 'reprocess' });
}

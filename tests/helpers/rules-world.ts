import { createLogger } from '../../src-main/log';
import type { Database, WriteTx } from '../../src-main/db';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';
import { IngestPipeline } from '../../src-main/ingest/pipeline';
import { createOrderFlow } from '../../src-main/orders/flow';
import { createRulesServices, type RulesServices } from '../../src-main/rules/services';
import type { Rule, RuleAction } from '../../src-shared/rules';

export const CTX = { actor: { id: null, name: 'test' }, call: 'test.rules' };
export const T0 = Date.UTC(2026, 10, 10, 2, 0, 0); // 2026-11-10 10:00 Beijing
export const WAREHOUSES = [
  { id: 'wh-hz', code: 'HZ', name: '杭州主仓' },
  { id: 'wh-nb', code: 'NB', name: '宁波保税仓' },
];

export interface OrderSpec {
  no: string;
  paidAt: number;
  lines: { sku: string | null; qty: number }[];
  paidFen?: number;
  remark?: string | null;
  province?: string;
  detail?: string;
  buyer?: string;
  phase?: NormalizedOrder['phase'];
}

export function normalized(s: OrderSpec): NormalizedOrder {
  const paidFen = s.paidFen ?? 9900;
  return {
    platformOrderId: s.no, platformStatus: 'WAIT_SELLER_SEND_GOODS', phase: s.phase ?? 'paid',
    createdAt: s.paidAt - 60_000, paidAt: s.paidAt, platformUpdatedAt: s.paidAt, goodsFen: paidFen, paidFen,
    buyer: { platformBuyerId: s.buyer ?? `buyer-${s.no}`, nick: s.buyer ?? `买家${s.no}` },
    address: { receiverName: '张*', receiverPhone: '138****0000', province: s.province ?? '浙江省', city: '杭州市', district: '西湖区', detail: s.detail ?? '文三路 1 号' },
    buyerRemark: s.remark ?? null,
    lines: s.lines.map((l, i) => ({ platformLineId: `${s.no}-${i}`, skuCode: l.sku, title: l.sku ?? '无编码商品', qty: l.qty, unitPriceFen: 100, paidFen: 100 * l.qty })),
  };
}

/** A workspace with one shop and two warehouses; orders come in through the real ingestion pipeline. */
export class RulesWorld {
  readonly pipeline: IngestPipeline;
  readonly services: RulesServices;
  now: number = T0;
  readonly channel = { id: 'ch-rules', kind: 'taobao' };

  constructor(readonly db: Database, dataDir: string) {
    this.pipeline = new IngestPipeline(db, createOrderFlow(db, () => this.now));
    this.services = createRulesServices({
      db, zone: 'Asia/Shanghai', dataDir, log: createLogger(dataDir, { console: false }), lifecycle: null, holds: null, now: () => this.now,
    });
    if (!db.sqlite.prepare('SELECT 1 FROM channels WHERE id = ?').get(this.channel.id)) {
      db.writes.run(CTX, (tx) => {
        tx.insert('channels', { id: this.channel.id, kind: 'taobao', name: '测试天猫店', configJson: '{}', paused: true, createdAt: T0, updatedAt: T0 });
        WAREHOUSES.forEach((w) => tx.insert('warehouses', { ...w, city: null, createdAt: T0, updatedAt: T0 }));
      });
    }
  }

  /** Ingests orders (the pipeline's own path); returns their ids by order no. */
  ingest(specs: OrderSpec[]): Map<string, string> {
    const items = specs.map((s) => ({ platformOrderId: s.no, raw: JSON.stringify({ tid: s.no }), result: { ok: true as const, order: normalized(s) } }));
    this.pipeline.ingestPage(this.channel, items, { ctx: CTX, source: 'test', now: this.now });
    const ids = new Map<string, string>();
    for (const s of specs) ids.set(s.no, this.db.sqlite.prepare('SELECT id FROM orders WHERE platform_order_id = ?').pluck().get(s.no) as string);
    return ids;
  }

  tx<T>(fn: (tx: WriteTx) => T): T {
    return this.db.writes.run(CTX, fn);
  }

  stock(rows: { sku: string; wh: string; onHand: number }[]): void {
    this.tx((tx) => this.services.stock.applySnapshot(tx, rows.map((r) => ({ skuCode: r.sku, warehouseId: r.wh, onHand: r.onHand })), 'test', this.now));
  }

  saveRules(rules: Rule[]): number {
    const base = this.services.engine.rules.latestVersion();
    return this.tx((tx) => this.services.engine.rules.save(tx, rules, { baseVersion: base, note: null, by: { id: null, name: 'test' }, now: this.now, say: (zh) => zh }));
  }

  /** The real run for one order: review, and routing when review does not hold it. */
  run(orderId: string): { held: boolean; placed: boolean } {
    return this.tx((tx) => {
      const review = this.services.engine.review(tx, orderId)!;
      if (review.holds.length) return { held: true, placed: false };
      const out = this.services.fulfilment.route(tx, orderId)!;
      return { held: false, placed: out.placed };
    });
  }

  available(sku: string, wh: string): { onHand: number; reserved: number; safety: number; raw: number } {
    const r = this.services.engine.world.stock(sku, wh);
    return { onHand: r.onHand, reserved: r.reserved, safety: r.safety, raw: r.onHand - r.reserved - r.safety };
  }
}

let n = 0;
export function rule(stage: Rule['stage'], name: string, when: Rule['when'], actions: RuleAction[], priority = 10): Rule {
  n += 1;
  return { id: `r-${name}-${n}`, name, stage, priority, enabled: true, when, actions };
}

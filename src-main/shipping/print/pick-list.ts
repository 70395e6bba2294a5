/**
 * Pick lists (#11 §1): which 待发货 orders a wave takes, the list's content, and the print — the
 * orders move to 拣货中 through the state machine (a person's move, checked against their
 * permissions and the orders' holds; each move audited by the machine), the list is recorded and
 * its print audited. A reprint reads the recorded orders again and moves nothing.
 */
import { uuidv7 } from '../../kernel/ids';
import type { PickListSummary, WaveFilters, WavePreview } from '../../../src-shared/contract/shipping-print';
import { CARRIER_NAMES, type Carrier } from '../../../src-shared/shipping';
import { URGENCY_LABELS } from '../../../src-shared/orders';
import type { Permission } from '../../../src-shared/roles';
import { ApiError } from '../../../src-shared/errors';
import type { Sqlite, WriteTx } from '../../db';
import type { LifecycleApi } from '../../orders/lifecycle/types';
import { buildPickList, type PickLineRow, type PickListModel, type PickOrderRow } from './pick-model';

/** One sheet's worth: more than this waits for the next wave (oldest paid go first). */
export const MAX_WAVE = 5000;

const WAVE_WHERE = `o.warehouse_id = @wh AND o.status = 'to_ship'
  AND (@cutoff IS NULL OR o.paid_at <= @cutoff)
  AND (@channels IS NULL OR o.channel_id IN (SELECT value FROM json_each(@channels)))
  AND (@urgencies IS NULL OR o.urgency IN (SELECT value FROM json_each(@urgencies)))
  AND (@carriers IS NULL OR o.carrier IN (SELECT value FROM json_each(@carriers)))`;
const URGENT_FIRST = `CASE o.urgency WHEN 'red' THEN 0 WHEN 'yellow' THEN 1 ELSE 2 END, o.paid_at, o.id`;

const list = (a: readonly string[] | undefined): string | null => (a?.length ? JSON.stringify(a) : null);
const params = (wh: string, f: WaveFilters) => ({
  wh, cutoff: f.cutoffAt ?? null, channels: list(f.channelIds), urgencies: list(f.urgencies), carriers: list(f.carriers),
});

export interface StartedPickList {
  pickListId: string;
  orderIds: string[];
  skipped: { orderNo: string; code: string }[];
}

export interface PickListRow {
  id: string;
  warehouseId: string;
  filters: WaveFilters;
  orderIds: string[];
  prints: number;
}

export class PickLists {
  private readonly wave;
  private readonly count;
  private readonly orders;
  private readonly lines;
  private readonly bins;
  private readonly one;
  private readonly recent;
  private readonly whName;
  private readonly shopNames;

  constructor(sqlite: Sqlite, private readonly deps: { lifecycle: LifecycleApi; now: () => number }) {
    this.wave = sqlite.prepare(`SELECT o.id, o.platform_order_id AS orderNo FROM orders o WHERE ${WAVE_WHERE} AND o.hold IS NULL ORDER BY ${URGENT_FIRST} LIMIT ${MAX_WAVE}`);
    this.count = sqlite.prepare(
      `SELECT count(*) - count(o.hold) AS orders, count(o.hold) AS held,
         coalesce(sum(CASE WHEN o.hold IS NULL THEN (SELECT sum(l.qty) FROM order_lines l WHERE l.order_id = o.id) END), 0) AS units
       FROM orders o WHERE ${WAVE_WHERE}`,
    );
    this.orders = sqlite.prepare(
      `SELECT o.id, o.platform_order_id AS orderNo, c.name AS shopName, o.receiver_name AS receiverName,
         trim(coalesce(o.province, '') || ' ' || coalesce(o.city, '') || ' ' || coalesce(o.district, '')) AS place,
         o.urgency, o.paid_at AS paidAt, o.address_changed_at AS addressChangedAt, o.buyer_remark AS buyerRemark, o.carrier
       FROM json_each(?) j JOIN orders o ON o.id = j.value JOIN channels c ON c.id = o.channel_id ORDER BY j.key`,
    );
    this.lines = sqlite.prepare(
      `SELECT l.id, l.order_id AS orderId, l.sku_code AS skuCode, l.title, l.spec, l.qty, l.gift, l.parent_line_id AS parentLineId
       FROM json_each(?) j JOIN order_lines l ON l.order_id = j.value ORDER BY j.key, l.line_no`,
    );
    this.bins = sqlite.prepare('SELECT sku_code, bin FROM sku_bins WHERE warehouse_id = ?').raw();
    this.one = sqlite.prepare('SELECT id, warehouse_id AS warehouseId, filters_json AS filtersJson, order_ids_json AS orderIdsJson, prints FROM pick_lists WHERE id = ?');
    this.recent = sqlite.prepare(
      `SELECT p.id, p.warehouse_id AS warehouseId, coalesce(w.name, p.warehouse_id) AS warehouseName, p.orders, p.units, p.prints,
         p.created_by_name AS createdByName, p.created_at AS createdAt, p.last_printed_at AS lastPrintedAt, p.filters_json AS filtersJson
       FROM pick_lists p LEFT JOIN warehouses w ON w.id = p.warehouse_id
       WHERE (@wh IS NULL OR p.warehouse_id = @wh) AND p.created_at >= @since ORDER BY p.created_at DESC LIMIT @limit`,
    );
    this.whName = sqlite.prepare('SELECT name FROM warehouses WHERE id = ?').pluck();
    this.shopNames = sqlite.prepare('SELECT name FROM channels WHERE id IN (SELECT value FROM json_each(?)) ORDER BY name').pluck();
  }

  preview(warehouseId: string, f: WaveFilters): WavePreview {
    const c = this.count.get(params(warehouseId, f)) as { orders: number; held: number; units: number };
    const skus = this.skuCount(warehouseId, f);
    return { orders: Math.min(c.orders, MAX_WAVE), held: c.held, units: c.units, skus, capped: c.orders > MAX_WAVE };
  }

  private skuCount(warehouseId: string, f: WaveFilters): number {
    const ids = (this.wave.all(params(warehouseId, f)) as { id: string }[]).map((r) => r.id);
    return new Set((this.lines.all(JSON.stringify(ids)) as PickLineRow[]).map((l) => l.skuCode ?? l.title)).size;
  }

  /** The list's content for these orders, in this order, with the warehouse's bins. */
  model(warehouseId: string, orderIds: string[]): PickListModel {
    const json = JSON.stringify(orderIds);
    const orders = this.orders.all(json) as PickOrderRow[];
    const lines = (this.lines.all(json) as (PickLineRow & { gift: number | boolean })[]).map((l) => ({ ...l, gift: Boolean(l.gift) }));
    const bins = new Map(this.bins.all(warehouseId) as [string, string][]);
    return buildPickList(orders, lines, bins);
  }

  /** Inside the caller's write: moves the wave's orders to 拣货中 and records the list. */
  start(tx: WriteTx, warehouseId: string, f: WaveFilters, who: { name: string; permissions: readonly Permission[] }): StartedPickList {
    if (!this.whName.get(warehouseId)) throw new ApiError('not_found', `仓库不存在：warehouseId = ${warehouseId}`, 'warehouseId');
    const wave = this.wave.all(params(warehouseId, f)) as { id: string; orderNo: string }[];
    if (!wave.length) throw new ApiError('not_found', `这个波次没有待拣货的订单（仓库 ${this.whName.get(warehouseId) as string}，筛选：${this.describe(f)}）`, 'filters');
    const pickListId = uuidv7();
    const moved: string[] = [];
    const skipped: StartedPickList['skipped'] = [];
    for (const o of wave) {
      const r = this.deps.lifecycle.transition(tx, {
        orderId: o.id, to: 'picking', source: 'person', permissions: who.permissions,
        reason: { code: 'pick_list_printed', params: { pickListId } },
      });
      if (r.ok) moved.push(o.id);
      else skipped.push({ orderNo: o.orderNo, code: r.refusal.code });
    }
    if (!moved.length) {
      // Held orders are already left out of the wave: what remains is a race (held or changed a moment ago).
      throw new ApiError('conflict', `这个波次的 ${wave.length} 单都不能开始拣货（例如订单 ${skipped[0]!.orderNo} 刚被拦截或改动），请刷新后再试`, 'filters');
    }
    const now = this.deps.now();
    const units = this.model(warehouseId, moved).units;
    tx.insert('pick_lists', {
      id: pickListId, warehouseId, filtersJson: JSON.stringify(f), orderIdsJson: JSON.stringify(moved), orders: moved.length, units,
      prints: 1, createdByName: who.name, createdAt: now, lastPrintedAt: now,
    });
    tx.note({ entity: 'pick_lists', entityId: pickListId, action: 'print', after: { orders: moved.length, skipped: skipped.length, by: who.name } });
    return { pickListId, orderIds: moved, skipped };
  }

  /** Inside the caller's write: counts a reprint and audits it; the orders stay where they are. */
  reprint(tx: WriteTx, pickListId: string, who: { name: string }): PickListRow {
    const row = this.one.get(pickListId) as { id: string; warehouseId: string; filtersJson: string; orderIdsJson: string; prints: number } | undefined;
    if (!row) throw new ApiError('not_found', `拣货单不存在：reprintOf = ${pickListId}`, 'reprintOf');
    const prints = row.prints + 1;
    tx.update('pick_lists', row.id, { prints, lastPrintedAt: this.deps.now() });
    tx.note({ entity: 'pick_lists', entityId: row.id, action: 'reprint', after: { reprint: prints - 1, by: who.name } });
    return { id: row.id, warehouseId: row.warehouseId, filters: JSON.parse(row.filtersJson) as WaveFilters, orderIds: JSON.parse(row.orderIdsJson) as string[], prints };
  }

  list(warehouseId: string | null, since: number, limit: number): PickListSummary[] {
    return (this.recent.all({ wh: warehouseId, since, limit }) as (Omit<PickListSummary, 'filters'> & { filtersJson: string })[])
      .map(({ filtersJson, ...r }) => ({ ...r, filters: JSON.parse(filtersJson) as WaveFilters }));
  }

  warehouseName(warehouseId: string): string {
    return (this.whName.get(warehouseId) as string | undefined) ?? warehouseId;
  }

  /** The wave's filters in words, for the sheet's header and messages. */
  describe(f: WaveFilters, formatTime: (ms: number) => string = (ms) => new Date(ms).toISOString().slice(5, 16).replace('T', ' ')): string {
    const parts: string[] = [];
    if (f.cutoffAt !== undefined) parts.push(`付款截至 ${formatTime(f.cutoffAt)}`);
    if (f.channelIds?.length) parts.push((this.shopNames.all(JSON.stringify(f.channelIds)) as string[]).join('、') || '（店铺已删除）');
    if (f.urgencies?.length) parts.push(f.urgencies.map((u) => URGENCY_LABELS[u].zh).join('、'));
    if (f.carriers?.length) parts.push(f.carriers.map((c) => CARRIER_NAMES[c as Carrier]?.zh ?? c).join('、'));
    return parts.join(' · ') || '全部待拣货';
  }
}

import type { ColumnFilter, OrderGridColumn } from '../../../src-shared/contract';

export type FilterType = ColumnFilter['type'];

export interface ColumnDef {
  /** The SQL expression over `orders o`: the only SQL text a column id can turn into. */
  expr: string;
  /** Which filter types make sense for this column; anything else is refused. */
  filters: readonly FilterType[];
  /** Amount columns: hidden (null) for roles without orders.viewAmounts, and not filterable/sortable by them. */
  money?: boolean;
  /** An index on (column, id): a sort on this column alone can walk it instead of sorting. */
  sortIndex?: string;
}

const TEXT = ['text', 'set'] as const;

/**
 * The whitelist behind orders.page: every grid column id maps to a fixed column expression.
 * Column ids come from the contract's enum; values never become SQL text, only bound parameters.
 */
export const COLUMNS: Record<OrderGridColumn, ColumnDef> = {
  // The channel's platform kind lives on channels; a correlated lookup keeps the grid free of joins.
  channelKind: { expr: '(SELECT ck.kind FROM channels ck WHERE ck.id = o.channel_id)', filters: ['set'] },
  channelId: { expr: 'o.channel_id', filters: ['set'] },
  platformOrderId: { expr: 'o.platform_order_id', filters: TEXT },
  status: { expr: 'o.status', filters: ['set'] },
  buyerNick: { expr: 'o.buyer_nick', filters: TEXT },
  receiverName: { expr: 'o.receiver_name', filters: TEXT },
  province: { expr: 'o.province', filters: TEXT },
  city: { expr: 'o.city', filters: TEXT },
  paidFen: { expr: 'o.paid_fen', filters: ['number'], money: true, sortIndex: 'orders_paid_fen_idx' },
  goodsFen: { expr: 'o.goods_fen', filters: ['number'], money: true },
  createdAt: { expr: 'o.created_at', filters: ['date', 'number'], sortIndex: 'orders_created_idx' },
  paidAt: { expr: 'o.paid_at', filters: ['date', 'number'], sortIndex: 'orders_paid_idx' },
  promisedShipAt: { expr: 'o.promised_ship_at', filters: ['date', 'number'], sortIndex: 'orders_promised_idx' },
  warehouseId: { expr: 'o.warehouse_id', filters: ['set'] },
  urgency: { expr: 'o.urgency', filters: ['set'] },
  tags: { expr: 'o.tags', filters: ['set'] },
  trackingNo: { expr: 'o.tracking_no', filters: TEXT },
  hold: { expr: 'o.hold', filters: ['set'] },
  buyerRemark: { expr: 'o.buyer_remark', filters: TEXT },
  platformPhase: { expr: 'o.platform_phase', filters: ['set'] },
  slaDueAt: { expr: 'o.sla_due_at', filters: ['date', 'number'], sortIndex: 'orders_sla_idx' },
};

/** The grid row: fixed select list over orders o, channels c, warehouses w. */
export const ROW_SELECT = `o.id, o.channel_id, c.kind AS channel_kind, c.name AS shop_name, o.platform_order_id, o.status,
  o.platform_status, o.hold, o.buyer_nick, o.receiver_name, o.province, o.city, o.paid_fen, o.goods_fen, o.created_at,
  o.paid_at, o.promised_ship_at, o.warehouse_id, w.name AS warehouse_name, o.urgency, o.tags, o.carrier, o.tracking_no,
  o.buyer_remark, o.merge_group, o.platform_phase, o.sla_due_at, o.version,
  (SELECT json_array(count(*), total(l.qty), coalesce(min(l.sku_code), min(l.title))) FROM order_lines l WHERE l.order_id = o.id) AS items_json`;

/** Joined after `orders o` for the row's shop and warehouse names. */
export const ROW_JOINS = `JOIN channels c ON c.id = o.channel_id LEFT JOIN warehouses w ON w.id = o.warehouse_id`;

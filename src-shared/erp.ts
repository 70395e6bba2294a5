import { z } from 'zod';

/**
 * The ERP bridge's vocabulary: what a mapping can be for, the fields each kind fills or writes,
 * the shapes of SQL and table mappings, and the reason codes of rows that could not be used.
 */

/** Pulled from the ERP (read-only SELECTs). `outbound` feeds reconciliation only. */
export const ERP_PULL_KINDS = ['skus', 'warehouses', 'stock', 'outbound'] as const;
/** Written into the ERP (the hub's staging tables, or tables the customer maps). */
export const ERP_PUSH_KINDS = ['orders', 'locks'] as const;
export const ERP_MAPPING_KINDS = [...ERP_PULL_KINDS, ...ERP_PUSH_KINDS] as const;
export type ErpPullKind = (typeof ERP_PULL_KINDS)[number];
export type ErpPushKind = (typeof ERP_PUSH_KINDS)[number];
export type ErpMappingKind = (typeof ERP_MAPPING_KINDS)[number];

export const ERP_PRESETS = ['k3wise', 'u8', 'custom'] as const;
export type ErpPreset = (typeof ERP_PRESETS)[number];

export interface ErpFieldSpec {
  key: string;
  zh: string;
  en: string;
  required?: boolean;
}

/** The fields a pulled row is read into (SQL mappings alias their columns to these keys). */
export const ERP_PULL_FIELDS: Record<ErpPullKind, readonly ErpFieldSpec[]> = {
  skus: [
    { key: 'code', zh: '物料编码', en: 'Item code', required: true },
    { key: 'name', zh: '物料名称', en: 'Name', required: true },
    { key: 'spec', zh: '规格型号', en: 'Spec' },
    { key: 'unit', zh: '计量单位', en: 'Unit' },
    { key: 'barcode', zh: '条码', en: 'Barcode' },
  ],
  warehouses: [
    { key: 'code', zh: '仓库编码', en: 'Warehouse code', required: true },
    { key: 'name', zh: '仓库名称', en: 'Warehouse name', required: true },
  ],
  stock: [
    { key: 'sku', zh: '物料编码', en: 'Item code', required: true },
    { key: 'warehouse', zh: '仓库编码', en: 'Warehouse code', required: true },
    { key: 'qty', zh: '结存数量', en: 'On hand', required: true },
    { key: 'batch', zh: '批次', en: 'Batch' },
  ],
  outbound: [
    { key: 'extOrderNo', zh: '外部单号', en: 'External order no.', required: true },
    { key: 'sku', zh: '物料编码', en: 'Item code', required: true },
    { key: 'qty', zh: '出库数量', en: 'Quantity out', required: true },
  ],
};

/** Order header fields the hub writes; the mapping names the ERP column for each. */
export const ERP_ORDER_HEADER_FIELDS: readonly ErpFieldSpec[] = [
  { key: 'extOrderNo', zh: '外部单号（唯一键）', en: 'External order no. (unique key)', required: true },
  { key: 'source', zh: '来源平台', en: 'Source' },
  { key: 'orderType', zh: '单据类型', en: 'Order type' },
  { key: 'customerCode', zh: '客户编码', en: 'Customer code' },
  { key: 'orderDate', zh: '单据日期', en: 'Order date' },
  { key: 'currency', zh: '币别', en: 'Currency' },
  { key: 'totalAmount', zh: '价税合计（元）', en: 'Total incl. tax (yuan)' },
  { key: 'remark', zh: '备注', en: 'Remark' },
  { key: 'payloadHash', zh: '内容摘要', en: 'Payload hash' },
  { key: 'status', zh: '状态', en: 'Status' },
];

export const ERP_ORDER_LINE_FIELDS: readonly ErpFieldSpec[] = [
  { key: 'extOrderNo', zh: '外部单号', en: 'External order no.', required: true },
  { key: 'lineNo', zh: '行号', en: 'Line no.', required: true },
  { key: 'sku', zh: '物料编码', en: 'Item code', required: true },
  { key: 'qty', zh: '数量', en: 'Quantity', required: true },
  { key: 'price', zh: '含税单价（元）', en: 'Unit price (yuan)' },
  { key: 'amount', zh: '金额（元）', en: 'Amount (yuan)' },
  { key: 'warehouseCode', zh: '仓库编码', en: 'Warehouse code' },
  { key: 'batchNo', zh: '批次', en: 'Batch' },
  { key: 'remark', zh: '行备注（商品名称）', en: 'Line remark (title)' },
  { key: 'extLineNo', zh: '外部行号', en: 'External line no.' },
];

export const ERP_LOCK_FIELDS: readonly ErpFieldSpec[] = [
  { key: 'lockKey', zh: '锁定键（唯一）', en: 'Lock key (unique)', required: true },
  { key: 'extOrderNo', zh: '外部单号', en: 'External order no.' },
  { key: 'sku', zh: '物料编码', en: 'Item code', required: true },
  { key: 'warehouseCode', zh: '仓库编码', en: 'Warehouse code', required: true },
  { key: 'batchNo', zh: '批次', en: 'Batch' },
  { key: 'qty', zh: '锁定数量', en: 'Locked quantity', required: true },
  { key: 'status', zh: '状态', en: 'Status', required: true },
];

/** An ERP table or column name: letters, digits, _ (and one schema dot). Nothing else reaches SQL text. */
export const ERP_IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,127}(\.[A-Za-z_][A-Za-z0-9_]{0,127})?$/;
const ident = z.string().trim().regex(ERP_IDENTIFIER, 'must be a table or column name (letters, digits, _)');
const columnsOf = (fields: readonly ErpFieldSpec[]) =>
  z.object(Object.fromEntries(fields.map((f) => [f.key, f.required ? ident : ident.optional()])) as Record<string, z.ZodType<string | undefined>>);

/** Text the ERP column can hold: nvarchar (any Unicode) or a Chinese code page for varchar. */
export const ERP_CHARSETS = ['unicode', 'gbk', 'gb2312'] as const;
export type ErpCharset = (typeof ERP_CHARSETS)[number];

export const pullSqlMapping = z.object({
  mode: z.literal('sql'),
  /** One SELECT (or WITH … SELECT) whose columns are aliased to the kind's field keys; `?` placeholders. */
  sql: z.string().trim().min(1).max(20_000),
  params: z.array(z.union([z.string().max(200), z.number()])).max(20).default([]),
});
export const pullTableMapping = z.object({
  mode: z.literal('table'),
  table: ident,
  /** Our field key → the ERP column. */
  columns: z.record(z.string(), ident),
});
export const pullMapping = z.discriminatedUnion('mode', [pullSqlMapping, pullTableMapping]);

export const pushOrdersMapping = z.object({
  mode: z.literal('table'),
  header: z.object({ table: ident, columns: columnsOf(ERP_ORDER_HEADER_FIELDS) }),
  lines: z.object({ table: ident, columns: columnsOf(ERP_ORDER_LINE_FIELDS) }),
  /** The value written into the status column on insert; rows are edited only while they still hold it. */
  newStatus: z.string().max(16).default('NEW'),
  /** What a cancelled order does: set the status column to cancelStatus, or delete a row the ERP has not picked up. */
  onCancel: z.enum(['void', 'delete']).default('void'),
  cancelStatus: z.string().max(16).default('CANCEL_REQ'),
  customerCode: z.string().max(40).default('RETAIL'),
  orderType: z.string().max(16).default('SO'),
  currency: z.string().max(8).default('CNY'),
  charset: z.enum(ERP_CHARSETS).default('unicode'),
});
export const pushLocksMapping = z.object({
  mode: z.literal('table'),
  table: ident,
  columns: columnsOf(ERP_LOCK_FIELDS),
  activeStatus: z.string().max(16).default('ACTIVE'),
  releasedStatus: z.string().max(16).default('RELEASED'),
  consumedStatus: z.string().max(16).default('CONSUMED'),
  /** Used when a reserved order has no warehouse yet. */
  defaultWarehouse: z.string().max(40).default(''),
  charset: z.enum(ERP_CHARSETS).default('unicode'),
});

export type PullMapping = z.infer<typeof pullMapping>;
export type PushOrdersMapping = z.infer<typeof pushOrdersMapping>;
export type PushLocksMapping = z.infer<typeof pushLocksMapping>;
export type ErpMapping = PullMapping | PushOrdersMapping | PushLocksMapping;

/** Which schema validates which kind. */
export const MAPPING_SCHEMA: Record<ErpMappingKind, z.ZodType> = {
  skus: pullMapping, warehouses: pullMapping, stock: pullMapping, outbound: pullMapping,
  orders: pushOrdersMapping, locks: pushLocksMapping,
};

/** Why a row could not be used: stored as code + params, worded in the reader's language. */
export const ERP_REASON_CODES = [
  'missing_value', // {field}
  'not_a_number', // {field, value}
  'not_whole', // {field, value}
  'too_long', // {field, value, max}
  'unknown_warehouse', // {value}
  'line_without_sku', // {lineNo}
  'bad_quantity', // {lineNo, value}
  'text_not_encodable', // {field, value, char, charset}
  'erp_rejected', // {message, state}
  'erp_already_imported', // {status}
  'no_warehouse', // {}
  'group_has_bad_row', // {sku, warehouse}
  'duplicate_code', // {value}
  // Why a whole job stopped (lane health):
  'erp_unreachable', // {message, state}
  'erp_read_only', // {}
  'not_configured_here', // {}
  'no_mapping', // {kind}
  'mapping_invalid', // {field, message}
  'not_a_select', // {word}
  'missing_column', // {field, column}
  'cancelled', // {}
] as const;
export type ErpReasonCode = (typeof ERP_REASON_CODES)[number];
export interface ErpReason {
  code: ErpReasonCode;
  params: Record<string, string | number | null>;
}

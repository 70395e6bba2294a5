import { z } from 'zod';
import { CHANNEL_KINDS, type ChannelKind } from '../orders';
import { call } from './define';
import { bilingual } from './bilingual';

/** What a file can hold: orders (with lines), the SKU master, or a stock snapshot per warehouse. */
export const IMPORT_KINDS = ['orders', 'skus', 'stock'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_JOB_STATES = ['queued', 'reading', 'importing', 'done', 'failed', 'cancelled'] as const;
export type ImportJobState = (typeof IMPORT_JOB_STATES)[number];

export interface ImportFieldSpec {
  key: string;
  zh: string;
  en: string;
  /** A row without it is rejected (unless the template gives a default). */
  required?: boolean;
}

/**
 * The fields a column can be mapped to, per import kind. Order rows with the same order no
 * are one order; each row is one line of it. Money in yuan, times in Beijing time.
 */
export const IMPORT_FIELDS: Record<ImportKind, readonly ImportFieldSpec[]> = {
  orders: [
    { key: 'platformOrderId', zh: '订单编号', en: 'Order no.', required: true },
    { key: 'platformStatus', zh: '订单状态', en: 'Status' },
    { key: 'createdAt', zh: '下单时间', en: 'Created at', required: true },
    { key: 'paidAt', zh: '付款时间', en: 'Paid at' },
    { key: 'shippedAt', zh: '发货时间', en: 'Shipped at' },
    { key: 'completedAt', zh: '完成时间', en: 'Completed at' },
    { key: 'goodsYuan', zh: '商品金额', en: 'Goods amount' },
    { key: 'discountYuan', zh: '店铺优惠', en: 'Shop discount' },
    { key: 'platformDiscountYuan', zh: '平台优惠', en: 'Platform discount' },
    { key: 'postageYuan', zh: '邮费', en: 'Postage' },
    /** Required unless the sheet has line amounts (行实付金额 or 单价): then the order's paid amount is their sum. */
    { key: 'paidYuan', zh: '实付金额', en: 'Paid amount' },
    { key: 'refundYuan', zh: '退款金额', en: 'Refund amount' },
    { key: 'refundStatus', zh: '售后状态', en: 'After-sales status' },
    { key: 'buyerNick', zh: '买家昵称', en: 'Buyer nick' },
    { key: 'receiverName', zh: '收货人', en: 'Receiver' },
    { key: 'receiverPhone', zh: '联系电话', en: 'Phone' },
    { key: 'address', zh: '收货地址（整段，自动拆分省市区）', en: 'Full address (split into province/city/district)' },
    { key: 'province', zh: '省', en: 'Province' },
    { key: 'city', zh: '市', en: 'City' },
    { key: 'district', zh: '区', en: 'District' },
    { key: 'addressDetail', zh: '详细地址', en: 'Address' },
    { key: 'buyerRemark', zh: '买家留言', en: 'Buyer remark' },
    { key: 'sellerNote', zh: '商家备注', en: 'Seller note' },
    { key: 'carrier', zh: '快递公司', en: 'Carrier' },
    { key: 'trackingNo', zh: '快递单号', en: 'Tracking no.' },
    { key: 'lineSkuCode', zh: '商家编码', en: 'SKU code' },
    { key: 'lineTitle', zh: '商品名称', en: 'Item title' },
    { key: 'lineSpec', zh: '规格', en: 'Spec' },
    { key: 'lineQty', zh: '数量', en: 'Quantity' },
    { key: 'lineUnitPriceYuan', zh: '单价', en: 'Unit price' },
    { key: 'linePaidYuan', zh: '行实付金额', en: 'Line paid' },
  ],
  skus: [
    { key: 'code', zh: '商家编码', en: 'SKU code', required: true },
    { key: 'title', zh: '商品名称', en: 'Title', required: true },
    { key: 'spec', zh: '规格', en: 'Spec' },
    { key: 'barcode', zh: '条码', en: 'Barcode' },
    { key: 'priceYuan', zh: '售价', en: 'Price' },
    { key: 'weightGrams', zh: '重量(克)', en: 'Weight (g)' },
  ],
  stock: [
    { key: 'skuCode', zh: '商家编码', en: 'SKU code', required: true },
    { key: 'warehouse', zh: '仓库(编码或名称)', en: 'Warehouse (code or name)', required: true },
    { key: 'onHand', zh: '实际库存', en: 'On hand', required: true },
    { key: 'at', zh: '盘点时间', en: 'Counted at' },
  ],
};

export interface ImportJob {
  jobId: string;
  state: ImportJobState;
  fileName: string;
  kind: ImportKind | null;
  templateId: string | null;
  templateName: string | null;
  channelId: string | null;
  allOrNothing: boolean;
  /** Set when a folder source started the job. */
  sourceId: string | null;
  /** Data rows read so far (the final count once reading is done). */
  rowsTotal: number;
  /** New orders / SKUs / snapshot rows. */
  rowsImported: number;
  rowsUpdated: number;
  rowsUnchanged: number;
  rowsRejected: number;
  /** 0..1, by bytes read. */
  progress: number;
  /** Why the job failed or was cancelled, in the requesting user's language. */
  message: string | null;
  createdAt: number;
  finishedAt: number | null;
  createdBy: string | null;
}

export interface ImportReject {
  /** 1-based row number as Excel shows it (the header row is row 1 unless the sheet starts lower). */
  rowNo: number;
  field: string | null;
  value: string | null;
  reason: string;
  /** The row's cells verbatim, in column order. */
  cells: string[];
}

export interface ImportTemplate {
  id: string;
  name: string;
  kind: ImportKind;
  builtin: boolean;
  /** Channel kind the orders belong to (built-ins: taobao / pdd; custom: usually pos). */
  channelKind: ChannelKind | null;
  /** The header row this template is recognised by. */
  headers: string[];
  /** Column header → field key (IMPORT_FIELDS[kind]). */
  mapping: Record<string, string>;
  /** Field key → value used when the cell is empty (or the column is absent). */
  defaults: Record<string, string>;
  createdAt: number;
}

export interface ImportPreview {
  fileName: string;
  format: 'xlsx' | 'csv';
  /** Detected text encoding for CSV ('utf-8', 'utf-8-bom', 'gb18030'); null for xlsx. */
  encoding: string | null;
  headers: string[];
  /** The first data rows (at most 20), as text. */
  rows: string[][];
  /** The template recognised from the header row, or null: then the mapping screen is needed. */
  template: Pick<ImportTemplate, 'id' | 'name' | 'kind' | 'builtin'> | null;
  /** A best guess column → field by header name, for the mapping screen to start from. */
  suggestedMapping: Record<string, string>;
  /** The platform the file looks like it came from (the recognised template's, or guessed from its headers); null when unknown. */
  channelKind: ChannelKind | null;
  /** Shops a file can go into, the suggested platform's first; the user picks one or creates one (nothing is created silently). */
  shops: { id: string; name: string; kind: ChannelKind }[];
}

export interface ImportSource {
  id: string;
  folder: string;
  /** A cron expression (croner, workspace zone) or 'on-arrival'. */
  schedule: string;
  templateId: string | null;
  templateName: string | null;
  channelId: string | null;
  enabled: boolean;
  lastRunAt: number | null;
  /** The last job this source started, to show failures as a warning. */
  lastJob: Pick<ImportJob, 'jobId' | 'state' | 'fileName' | 'message' | 'rowsRejected'> | null;
  createdAt: number;
}

/** base64 of at most ~150 MB of file. */
const fileInput = {
  fileName: z.string().trim().min(1, '文件名不能为空').max(255),
  contentBase64: z.string().min(1, '文件是空的').max(200 * 1024 * 1024),
};
const jobId = z.object({ jobId: z.string().min(1).max(64) });
const header = z.string().max(200);
const cronOrArrival = z
  .string()
  .trim()
  .min(1, '请填写计划')
  .max(100)
  .refine((s) => s === 'on-arrival' || /^(\S+\s+){4,5}\S+$/.test(s), '计划须为 cron 表达式（如 0 8 * * *）或 on-arrival');

/** A column mapping: saved as a template, or used for one import only (`imports.upload` `once`). */
const mappingFields = {
  kind: z.enum(IMPORT_KINDS),
  channelKind: z.enum(CHANNEL_KINDS).default('pos'),
  headers: z.array(header).min(1, '缺少表头').max(300),
  mapping: z.record(header, z.string().max(40)),
  defaults: z.record(z.string().max(40), z.string().max(200)).default({}),
};

export const importCalls = {
  'imports.upload': call<{ jobId: string; channelId: string | null }>()({
    input: z.object({
      ...fileInput,
      templateId: z.string().min(1).max(64).optional(),
      /** Import once with this mapping, without saving a template (anyone who may import). */
      once: z.object(mappingFields).optional(),
      allOrNothing: z.boolean().default(false),
      channelId: z.string().min(1).max(64).optional(),
      /** A shop to create for the file's orders (the user names it); instead of channelId. */
      newShop: z.object({ name: z.string().trim().min(1, '店铺名称不能为空').max(60), kind: z.enum(CHANNEL_KINDS) }).optional(),
    }).refine((v) => !(v.templateId && v.once), { message: bilingual('请选择模板或本次的列对应，二者只能选一个', 'give a template or a one-time mapping, not both'), path: ['once'] })
      .refine((v) => !(v.channelId && v.newShop), { message: bilingual('请选择已有店铺或新建店铺，二者只能选一个', 'pick a shop or create one, not both'), path: ['newShop'] }),
    access: 'imports.run',
    summary: 'Start importing a spreadsheet (xlsx/csv) into a shop the user picked or creates; progress via imports.status.',
  }),
  'imports.status': call<ImportJob>()({
    input: jobId,
    access: 'imports.run',
    runs: 'read',
    summary: "A job's state and row counts.",
  }),
  'imports.cancel': call<ImportJob>()({
    input: jobId,
    access: 'imports.run',
    summary: 'Stop a running job; with all-or-nothing nothing is written, otherwise rows already imported stay.',
  }),
  'imports.jobs': call<ImportJob[]>()({
    input: z.object({ limit: z.number().int().min(1).max(200).default(50) }),
    access: 'imports.run',
    runs: 'read',
    summary: 'Recent jobs, newest first, including folder-source runs and their failures.',
  }),
  'imports.rejects': call<{ rows: ImportReject[]; total: number }>()({
    input: jobId.extend({
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(1000).default(200),
    }),
    access: 'imports.run',
    runs: 'read',
    summary: "A job's rejected rows: row number, field, value, reason, the original cells.",
  }),
  'imports.rejectReport': call<{ fileName: string; contentBase64: string }>()({
    input: jobId,
    access: 'imports.run',
    runs: 'job',
    summary: 'The rejected rows as xlsx: original header and cells plus a 原因 column, to fix and re-import.',
  }),
  'imports.preview': call<ImportPreview>()({
    input: z.object(fileInput),
    access: 'imports.run',
    runs: 'job',
    summary: 'Headers, the first rows and the recognised template of a file, without importing.',
  }),
  'imports.templates': call<ImportTemplate[]>()({
    input: z.object({}),
    access: 'imports.run',
    runs: 'read',
    summary: 'Built-in and saved templates.',
  }),
  'imports.saveTemplate': call<ImportTemplate>()({
    input: z.object({
      id: z.string().min(1).max(64).optional(),
      name: z.string().trim().min(1, '模板名称不能为空').max(60),
      ...mappingFields,
    }),
    access: 'imports.manageSources',
    summary: 'Save a column mapping as a named template, recognised by its header row next time.',
  }),
  'imports.deleteTemplate': call<{ ok: true }>()({
    input: z.object({ id: z.string().min(1).max(64) }),
    access: 'imports.manageSources',
    summary: 'Delete a saved template (built-ins cannot be deleted).',
  }),
  'imports.sources': call<ImportSource[]>()({
    input: z.object({}),
    access: 'imports.manageSources',
    runs: 'read',
    summary: 'Folder sources with their schedule and last result.',
  }),
  'imports.saveSource': call<ImportSource>()({
    input: z.object({
      id: z.string().min(1).max(64).optional(),
      folder: z.string().trim().min(1, '请填写文件夹路径').max(1000),
      schedule: cronOrArrival,
      templateId: z.string().min(1).max(64).optional(),
      channelId: z.string().min(1).max(64).optional(),
      enabled: z.boolean().default(true),
    }),
    access: 'imports.manageSources',
    summary: 'Create or change a folder source (cron schedule or on-arrival).',
  }),
  'imports.deleteSource': call<{ ok: true }>()({
    input: z.object({ id: z.string().min(1).max(64) }),
    access: 'imports.manageSources',
    summary: 'Remove a folder source (its files are never touched).',
  }),
  'imports.runSource': call<{ jobIds: string[] }>()({
    input: z.object({ id: z.string().min(1).max(64) }),
    access: 'imports.manageSources',
    summary: 'Scan a folder source now; new or changed files become jobs.',
  }),
} as const;

export type { ChannelKind };

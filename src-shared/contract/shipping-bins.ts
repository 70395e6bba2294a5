import { z } from 'zod';
import { call } from './define';

const id = z.string().trim().min(1).max(64);

/** One SKU of the catalogue with its bin (库位) in one warehouse; `bin` null = not set (未设库位). */
export interface BinRow {
  skuCode: string;
  title: string;
  spec: string | null;
  bin: string | null;
  updatedAt: number | null;
}

export const BIN_REFUSALS = ['sku_missing', 'sku_unknown', 'sku_repeated', 'bin_missing', 'bin_invalid'] as const;
export type BinRefusalCode = (typeof BIN_REFUSALS)[number];

/** A row that was not saved: its row number in the paste or file, the field at fault and its value. */
export interface BinRejection {
  rowNo: number;
  skuCode: string;
  bin: string;
  field: 'skuCode' | 'bin';
  value: string;
  code: BinRefusalCode;
  message: string;
}

export interface BinsSaved {
  /** Bins set where there was none or another. */
  saved: number;
  /** Bins removed (an empty cell in the grid). */
  cleared: number;
  /** Rows that already said what the warehouse had. */
  unchanged: number;
  rejected: BinRejection[];
}

/** Longest bin code: shelves are named like A-01-03 or 冷库-2排-05层. */
export const BIN_MAX = 32;

const binRow = z.object({ skuCode: z.string().max(200), bin: z.string().max(200) });

export const shippingBinCalls = {
  'shipping.bins': call<BinRow[]>()({
    input: z.object({
      warehouseId: id,
      /** Part of a SKU code, title or bin. */
      search: z.string().trim().max(100).optional(),
      /** Only SKUs without a bin in this warehouse. */
      unsetOnly: z.boolean().default(false),
      limit: z.number().int().min(1).max(20_000).default(5_000),
    }),
    access: 'fulfillment.ship',
    runs: 'read',
    summary: 'The SKU catalogue with each SKU\'s bin (库位) in one warehouse, for the bins grid.',
  }),
  'shipping.setBins': call<BinsSaved>()({
    input: z.object({ warehouseId: id, rows: z.array(binRow).min(1, '没有要保存的库位').max(20_000) }),
    access: 'fulfillment.logistics',
    summary: 'Sets SKUs\' bins in one warehouse (an empty bin clears it); audited; bad rows are returned with the field and value.',
  }),
  'shipping.importBins': call<BinsSaved>()({
    input: z.object({
      warehouseId: id,
      /** Rows pasted from Excel: "SKU ↹ 库位". */
      text: z.string().max(2_000_000).optional(),
      /** A CSV or xlsx file with an SKU column and a 库位 column. */
      file: z.object({ name: z.string().trim().min(1).max(255), base64: z.string().max(70_000_000) }).optional(),
    }).refine((v) => !!v.text !== !!v.file, { message: '请粘贴库位或选择一个文件（二选一）', path: ['text'] }),
    access: 'fulfillment.logistics',
    summary: 'Imports "SKU ↹ 库位" rows pasted from Excel or read from a CSV/xlsx file; rows refused are returned with row number, field and value.',
  }),
} as const;

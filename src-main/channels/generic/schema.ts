import { z } from 'zod';
import { parseIsoWithOffset } from '../iso-time';

/** The generic intake format (README.md in this folder), as zod schemas. */
const isoTime = z
  .string()
  .refine((s) => parseIsoWithOffset(s) !== null, 'expected an ISO 8601 time with its offset, e.g. 2024-06-01T10:00:00+08:00');
const optTime = isoTime.nullish();
const text = z.string().nullish();
const fen = z.number().int('fen must be a whole number').nullish();
const yuan = z
  .string('yuan must be a string such as "19.90"')
  .regex(/^-?\d+(\.\d{1,2})?$/, 'yuan must be a decimal string with at most 2 decimals, such as "19.90"')
  .nullish();

const money = <N extends string>(...names: N[]) =>
  Object.fromEntries(names.flatMap((n) => [[`${n}_fen`, fen], [`${n}_yuan`, yuan]])) as Record<`${N}_fen`, typeof fen> & Record<`${N}_yuan`, typeof yuan>;

export const genericLine = z.looseObject({
  id: z.string('line id must be a string').nullish(),
  sku: text,
  title: z.string().min(1, 'title is required'),
  spec: text,
  qty: z.number().int().positive('qty must be a whole number above 0'),
  gift: z.boolean().nullish(),
  batch_no: text,
  refund_status: text,
  ...money('unit_price', 'discount', 'paid', 'refund'),
});

export const genericOrder = z.looseObject({
  id: z.string('id must be a JSON string (long numbers lose digits)').min(1),
  status: z.string().min(1),
  refund_status: text,
  created_at: isoTime,
  updated_at: isoTime,
  paid_at: optTime,
  shipped_at: optTime,
  completed_at: optTime,
  promised_ship_at: optTime,
  buyer: z.looseObject({ id: text, nick: text, phone: text }).nullish(),
  address: z.looseObject({ name: text, phone: text, province: text, city: text, district: text, detail: text }).nullish(),
  buyer_remark: text,
  seller_note: text,
  carrier: text,
  tracking_no: text,
  lines: z.array(genericLine).min(1, 'an order needs at least one line'),
  ...money('goods', 'discount', 'platform_discount', 'postage', 'paid', 'commission', 'refund'),
});

export const genericPage = z.looseObject({
  orders: z.array(z.unknown()),
  next_cursor: z.string().min(1).nullable(),
  total: z.number().int().nonnegative().optional(),
});

export type GenericOrder = z.infer<typeof genericOrder>;
export type GenericLine = z.infer<typeof genericLine>;

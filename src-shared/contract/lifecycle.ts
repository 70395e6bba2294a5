import { z } from 'zod';
import {
  machineDefinition, type MachineDefinition, type MachineVersion, type Refusal, type RequiredField, type SlaClock,
} from '../lifecycle';
import { ORDER_HOLDS, ORDER_STATUSES, type ChannelKind, type CustomerGrade, type OrderHold, type OrderStatus, type PlatformPhase } from '../orders';
import type { Permission } from '../roles';
import { call, REPORT_DEADLINE_MS } from './define';

/**
 * The order's path (#10 §1, §2, §5): moves through the state machine, holds and the 审单 queue,
 * quality holds, split and merge, address changes, gifts, manual orders, and the machine itself.
 * Every call that changes an order carries the version the person saw; a stale one is `conflict`.
 */

const id = z.string().min(1).max(64);
const version = z.number().int().min(1);

/** Reasons a person gives (a code from PERSON_REASONS, and a note in their words). */
export const PERSON_REASONS = [
  'buyer_request', 'out_of_stock', 'duplicate', 'risk', 'address_issue', 'price_issue', 'checked_ok', 'quality', 'other',
] as const;
export type PersonReason = (typeof PERSON_REASONS)[number];
export const reasonInput = z.object({
  code: z.enum(PERSON_REASONS),
  params: z.object({ note: z.string().trim().max(500).optional() }).strict().default({}),
});
export type ReasonInput = z.input<typeof reasonInput>;

export interface Hold {
  id: string;
  orderId: string;
  type: OrderHold;
  code: string;
  params: Record<string, unknown>;
  /** Holds opened together (a quality hold on one batch) share a group id. */
  groupId: string | null;
  openedAt: number;
  openedBy: string | null;
  releasedAt: number | null;
  releasedBy: string | null;
  releaseCode: string | null;
  releaseParams: Record<string, unknown> | null;
}

export type TransitionOutcome =
  | { id: string; ok: true; from: OrderStatus; to: OrderStatus; version: number }
  | { id: string; ok: false; refusal: Refusal };

/** Where the order stands in its machine: its clock, the moves open to this person, its holds and family. */
export interface OrderLifecycleView {
  status: OrderStatus;
  platformPhase: PlatformPhase | null;
  version: number;
  machineVersion: number;
  statusAt: number | null;
  clock: SlaClock;
  /** Moves the machine offers from here to a person (with what each needs); `allowed` = this person may. */
  moves: { to: OrderStatus; requires: RequiredField[]; permission: Permission | null; holdsBlock: boolean; allowed: boolean }[];
  holds: Hold[];
  addressChangedAt: number | null;
  family: {
    parent: FamilyOrder | null;
    parts: FamilyOrder[];
    mergedInto: FamilyOrder | null;
    members: FamilyOrder[];
  };
}

export interface FamilyOrder {
  id: string;
  platformOrderId: string;
  status: OrderStatus;
}

export interface QueueRow {
  id: string;
  platformOrderId: string;
  shopName: string;
  channelKind: ChannelKind;
  status: OrderStatus;
  version: number;
  paidFen: number | null;
  paidAt: number | null;
  buyerNick: string | null;
  receiverName: string | null;
  slaDueAt: number | null;
  /** The open hold this row stands for (null: waiting for review with no hold). */
  hold: Hold | null;
}

export interface QualityHoldView {
  id: string;
  batchNo: string;
  skuCode: string | null;
  code: string;
  params: Record<string, unknown>;
  frozenAt: number;
  frozenBy: string | null;
  releasedAt: number | null;
  releasedBy: string | null;
  heldOrders: number;
}

export interface SkuHit {
  code: string;
  title: string;
  spec: string | null;
  priceFen: number | null;
  giftGroup: string | null;
}

export interface CustomerHit {
  id: string;
  nick: string | null;
  name: string | null;
  phone: string | null;
  grade: CustomerGrade;
  orders: number;
  /** Their latest order's address, to fill the form. */
  lastAddress: AddressInput | null;
}

const address = z.object({
  receiverName: z.string().trim().min(1, '收货人不能为空').max(40),
  receiverPhone: z.string().trim().min(5, '请填写收货电话').max(30),
  province: z.string().trim().min(1, '请填写省份').max(20),
  city: z.string().trim().max(20).default(''),
  district: z.string().trim().max(20).default(''),
  detail: z.string().trim().min(2, '请填写详细地址').max(200),
});
export type AddressInput = z.input<typeof address>;

const holdTarget = z.object({ id, holdId: id, expectedVersion: version.optional() });

export const lifecycleCalls = {
  'orders.transition': call<{ results: TransitionOutcome[] }>()({
    input: z.object({
      ids: z.array(id).min(1).max(500),
      to: z.enum(ORDER_STATUSES),
      reason: reasonInput.optional(),
      /** The version the person saw (one order); for several, `versions` by id. */
      expectedVersion: version.optional(),
      versions: z.record(id, version).optional(),
      fields: z.object({ trackingNo: z.string().trim().max(40).optional(), carrier: z.string().trim().max(40).optional(), warehouseId: id.optional() }).strict().optional(),
      /** 强制干预: skips the machine's guards; needs orders.intervene and a reason. */
      force: z.boolean().default(false),
    }),
    // The machine's guards decide per move (which permission each move needs); seeing orders is the entry ticket.
    access: 'orders.view',
    summary: 'Move orders to a status: one result per order, done or refused with the guard that refused it.',
  }),
  'orders.lifecycle': call<OrderLifecycleView>()({
    input: z.object({ id }),
    access: 'orders.view',
    summary: "An order's SLA clock, the moves open to you, its holds and its split/merge family.",
  }),
  'orders.holds': call<{ open: Hold[]; history: Hold[] }>()({
    input: z.object({ id }),
    access: 'orders.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: "An order's open holds and every hold it ever had.",
  }),
  'orders.hold': call<{ held: number }>()({
    input: z.object({ ids: z.array(id).min(1).max(500), reason: reasonInput, versions: z.record(id, version).optional() }),
    access: 'orders.review',
    summary: 'Hold orders by hand (人工挂起) with a reason.',
  }),
  'orders.releaseHold': call<{ status: OrderStatus }>()({
    input: holdTarget.extend({ reason: reasonInput }),
    access: 'orders.review',
    summary: "Release one hold with a reason; the order's last release lets it move on.",
  }),
  'orders.releaseHolds': call<{ results: ({ id: string; holdId: string; ok: true } | { id: string; holdId: string; ok: false; message: string })[] }>()({
    input: z.object({ items: z.array(holdTarget).min(1).max(500), reason: reasonInput }),
    access: 'orders.review',
    summary: 'Release many holds with one reason (审单 queue bulk release).',
  }),
  'orders.reviewQueue': call<{ buckets: { type: OrderHold | null; code: string | null; count: number }[]; rows: QueueRow[]; total: number }>()({
    input: z.object({
      /** null: orders waiting in 待审核 with no hold. */
      type: z.enum(ORDER_HOLDS).nullable().optional(),
      code: z.string().max(60).optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: 'orders.view',
    runs: 'read',
    deadlineMs: REPORT_DEADLINE_MS,
    summary: 'The 审单 queue: held orders grouped by reason (and orders waiting for review), oldest first.',
  }),
  'lifecycle.get': call<{ current: MachineVersion; versions: Omit<MachineVersion, 'definition'>[]; builtin: MachineDefinition; requested: MachineVersion | null }>()({
    input: z.object({ version: z.number().int().min(1).optional() }),
    access: 'orders.view',
    summary: 'The order state machine: the current version, its history, and a named version.',
  }),
  'lifecycle.save': call<MachineVersion>()({
    input: z.object({ definition: machineDefinition, expectedVersion: version, note: z.string().trim().max(200).optional() }),
    access: 'lifecycle.manage',
    summary: 'Save the state machine as a new version (orders keep the version they entered under).',
  }),
  'orders.split': call<{ parts: string[] }>()({
    input: z.object({
      id,
      expectedVersion: version,
      parts: z.array(z.object({ lines: z.array(z.object({ lineId: id, qty: z.number().int().min(1) })).min(1).max(200) })).min(1).max(20),
      reason: reasonInput.optional(),
    }),
    access: 'orders.edit',
    summary: '拆单: lines or quantities go to new part orders that ship on their own (gifts follow their line).',
  }),
  'orders.unsplit': call<{ returned: string[] }>()({
    input: z.object({ id, expectedVersion: version.optional(), reason: reasonInput.optional() }),
    access: 'orders.edit',
    summary: 'Undo a split: a part (or every part of the original) comes back.',
  }),
  'orders.mergeCandidates': call<{ groups: { orders: (FamilyOrder & { shopName: string; version: number; paidFen: number | null; paidAt: number | null; receiverName: string | null; buyerNick: string | null })[] }[] }>()({
    input: z.object({}),
    access: 'orders.view',
    summary: '可合单: orders of one shop for the same buyer and address, not yet in the warehouse.',
  }),
  'orders.merge': call<{ primary: string; merged: string[] }>()({
    input: z.object({ ids: z.array(id).min(2).max(50), versions: z.record(id, version).optional(), reason: reasonInput.optional() }),
    access: 'orders.edit',
    summary: '合单: the orders ship as one (the earliest paid ships everything).',
  }),
  'orders.unmerge': call<{ returned: string[] }>()({
    input: z.object({ id, expectedVersion: version.optional(), reason: reasonInput.optional() }),
    access: 'orders.edit',
    summary: 'Undo a merge: a member (or every member) gets its lines back and is routed again.',
  }),
  'orders.changeAddress': call<{ version: number }>()({
    input: z.object({ id, expectedVersion: version, address, reason: reasonInput.optional() }),
    access: 'orders.edit',
    summary: 'Change the receiver address (history kept; flagged for the pick list when after payment; routed again).',
  }),
  'orders.giftSubstitutes': call<{ skus: (SkuHit & { onHand: number | null })[] }>()({
    input: z.object({ id, lineId: id }),
    access: 'orders.view',
    summary: 'Gifts that can stand in for an out-of-stock gift: the same gift group, with the latest stock on hand.',
  }),
  'orders.replaceGift': call<{ version: number }>()({
    input: z.object({ id, lineId: id, skuCode: z.string().trim().min(1).max(64), expectedVersion: version }),
    access: 'orders.edit',
    summary: 'Replace a gift line with a substitute from its gift group.',
  }),
  'orders.createManual': call<{ id: string; platformOrderId: string; status: OrderStatus }>()({
    input: z.object({
      channelId: id.optional(),
      source: z.enum(['phone', 'qq', 'wechat', 'fax', 'offline']),
      customerId: id.optional(),
      buyerNick: z.string().trim().max(60).optional(),
      address,
      lines: z.array(z.object({
        skuCode: z.string().trim().min(1).max(64),
        qty: z.number().int().min(1).max(100_000),
        /** Fen; default: the SKU's price. */
        unitPriceFen: z.number().int().min(0).max(1e10).optional(),
        gift: z.boolean().default(false),
      })).min(1).max(200),
      postageFen: z.number().int().min(0).max(1e8).default(0),
      discountFen: z.number().int().min(0).max(1e10).default(0),
      /** Paid now, cash on delivery, or on account (B2B): all enter review; unpaid waits for payment. */
      payment: z.enum(['paid', 'cod', 'credit', 'unpaid']).default('paid'),
      remark: z.string().trim().max(500).optional(),
    }),
    access: 'orders.create',
    summary: 'A manual order (phone, QQ, fax, offline B2B): through the same pipeline, machine and rules as a shop order.',
  }),
  'skus.search': call<{ skus: SkuHit[] }>()({
    input: z.object({ q: z.string().trim().max(64), limit: z.number().int().min(1).max(50).default(20) }),
    access: 'orders.view',
    summary: 'SKUs by code, barcode or title, for the manual order form.',
  }),
  'customers.search': call<{ customers: CustomerHit[] }>()({
    input: z.object({ q: z.string().trim().min(1).max(64), limit: z.number().int().min(1).max(50).default(10) }),
    access: 'orders.create',
    summary: 'Customers by nick, name or phone, with their last address.',
  }),
  'quality.list': call<{ holds: QualityHoldView[] }>()({
    input: z.object({}),
    access: 'orders.view',
    summary: '质检拦截: frozen batches (and released ones), with how many orders each holds.',
  }),
  'quality.freeze': call<{ id: string; held: number; alreadyLeft: FamilyOrder[] }>()({
    input: z.object({ batchNo: z.string().trim().min(1).max(64), skuCode: z.string().trim().max(64).optional(), reason: reasonInput }),
    access: 'quality.hold',
    summary: 'Freeze a batch number: every order carrying it that has not left is held; those that left are listed.',
  }),
  'quality.release': call<{ released: number }>()({
    input: z.object({ id, reason: reasonInput }),
    access: 'quality.hold',
    summary: 'Release a frozen batch: its orders are released together.',
  }),
  'quality.orders': call<{ orders: (FamilyOrder & { held: boolean })[] }>()({
    input: z.object({ id }),
    access: 'orders.view',
    summary: 'The orders a quality hold holds (or held).',
  }),
} as const;

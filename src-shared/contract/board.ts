import { z } from 'zod';
import type { AgeBucket, ExceptionType, Severity } from '../exceptions';
import type { OrderStatus } from '../orders';
import type { Role } from '../roles';
import { call } from './define';

/** The risk board and the metrics behind it (#12 §2, §3). Times UTC ms; days are workspace-zone dates. */

export interface HalfLifeDay {
  /** YYYY-MM-DD in the workspace zone: the day these exceptions opened. */
  day: string;
  opened: number;
  closed: number;
  /** When half of the day's new exceptions had closed (ms after each opened); null while fewer than half have. */
  halfLifeMs: number | null;
  /** Median open → close of those that closed; null when none has. */
  medianCloseMs: number | null;
}

export interface HalfLifeGroup {
  key: string;
  /** The person's name, the shop's name, or null (type and detector keys have their words in the renderer). */
  label: string | null;
  opened: number;
  closed: number;
  medianCloseMs: number | null;
  halfLifeMs: number | null;
  days: HalfLifeDay[];
}

export interface OnTimeRow {
  key: string;
  label: string | null;
  /** Orders whose promise fell in the period and has passed (or that already shipped). */
  due: number;
  onTime: number;
  late: number;
  /** onTime ÷ due, 0..1; null when nothing was due. */
  rate: number | null;
}

export interface OverdueOrder {
  id: string;
  platformOrderId: string;
  shopName: string;
  status: OrderStatus;
  slaDueAt: number;
  overdueMinutes: number;
  /** The open exception on it, if any, and who owns it. */
  exceptionId: string | null;
  ownerName: string | null;
  ownerRole: Role | null;
}

export interface HealthView {
  kind: 'channel' | 'erp' | 'sync';
  id: string;
  name: string;
  paused: boolean;
  failing: boolean;
  failingMinutes: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  backlog: number | null;
}

export interface LowStockRow {
  skuCode: string;
  title: string | null;
  onHand: number;
  reserved: number;
  safety: number;
  /** on hand − reserved (may be below safety, or negative). */
  free: number;
}

export interface FunnelRow {
  channelId: string;
  shopName: string;
  created: number;
  paid: number;
  shipped: number;
  delivered: number;
  completed: number;
  /** Cancelled or refunded along the way. */
  lost: number;
}

export interface StatusMix {
  /** Open orders with a running SLA clock: past due (red), due within 2 h (amber), the rest (green). */
  red: number;
  amber: number;
  green: number;
  byStatus: { status: OrderStatus; red: number; amber: number; green: number }[];
}

export interface Board {
  at: number;
  exceptions: {
    open: number;
    snoozed: number;
    bySeverity: Record<Severity, number>;
    bySeverityAge: { severity: Severity; bucket: AgeBucket; n: number }[];
    byType: { type: ExceptionType; open: number }[];
    owners: { key: string; name: string; open: number; critical: number }[];
  };
  halfLife: { days: HalfLifeDay[]; last7: { medianCloseMs: number | null; halfLifeMs: number | null } };
  orders: { overdue: number; atRisk: number; onTrack: number; top: OverdueOrder[] };
  lowStock: { count: number; top: LowStockRow[] };
  health: HealthView[];
  /** What the board cannot show yet on this build (e.g. 'erp', 'sync' before those parts are installed). */
  missing: string[];
}

const range = {
  from: z.number().int().min(0),
  to: z.number().int().min(0),
};
const inRange = (x: { from: number; to: number }) => x.to > x.from && x.to - x.from <= 400 * 86_400_000;
const rangeMessage = { message: '时间范围须为 1 到 400 天', path: ['to'] };

export const boardCalls = {
  'board.get': call<Board>()({
    input: z.object({}).strict(),
    access: 'board.view',
    summary: 'The risk board: open exceptions by severity and age, half-life trend, overdue and at-risk orders, on-time rate, low stock, connection health.',
  }),
  'metrics.halfLife': call<{ groups: HalfLifeGroup[] }>()({
    input: z.object({ ...range, groupBy: z.enum(['none', 'type', 'detector', 'owner', 'shop']).default('none') }).strict().refine(inRange, rangeMessage),
    access: 'board.view',
    summary: 'Exception half-life for those opened in [from, to): median time to close, and when half of each day\'s new ones had closed.',
  }),
  'metrics.onTime': call<{ rows: OnTimeRow[] }>()({
    input: z.object({ ...range, groupBy: z.enum(['day', 'shop', 'warehouse', 'none']).default('day') }).strict().refine(inRange, rangeMessage),
    access: 'board.view',
    summary: 'On-time shipment rate: orders shipped by their promise ÷ orders due in [from, to), by day, shop or warehouse.',
  }),
  'metrics.funnel': call<{ rows: FunnelRow[] }>()({
    input: z.object({ ...range }).strict().refine(inRange, rangeMessage),
    access: 'board.view',
    summary: 'Channel funnel for orders created in [from, to): created → paid → shipped → delivered → completed, with the lost.',
  }),
  'metrics.overdue': call<{ rows: OverdueOrder[] }>()({
    input: z.object({ limit: z.number().int().min(1).max(100).default(10) }).strict(),
    access: 'board.view',
    summary: 'The longest-overdue open orders (SLA clock past due).',
  }),
  'metrics.statusMix': call<StatusMix>()({
    input: z.object({}).strict(),
    access: 'board.view',
    summary: 'Open orders red / amber / green by their SLA clock, per status.',
  }),
  'metrics.lowStock': call<{ rows: LowStockRow[] }>()({
    input: z.object({}).strict(),
    access: 'board.view',
    summary: 'SKUs whose free stock (on hand − reserved, all warehouses) is below their safety stock.',
  }),
} as const;

import type { Hold } from '../../../src-shared/contract/lifecycle';
import type { Refusal, TriggerSource } from '../../../src-shared/lifecycle';
import type { OrderHold, OrderStatus } from '../../../src-shared/orders';
import type { Permission } from '../../../src-shared/roles';
import type { WriteTx } from '../../db';

export type { MachineDefinition, MachineVersion, Refusal, RefusalCode, TriggerSource } from '../../../src-shared/lifecycle';

/** A reason as data: a code and its parameters; the reader's language is applied when shown. */
export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

/** One request to move one order. */
export interface TransitionRequest {
  orderId: string;
  to: OrderStatus;
  source: TriggerSource;
  /** The acting person's permissions (sources person and scan are checked against the transition's permission). */
  permissions?: readonly Permission[];
  reason?: Reason;
  /** Values a transition may require (tracking number for 已交接/已发货); written to the order with the move. */
  fields?: { trackingNo?: string; carrier?: string; warehouseId?: string };
  /** The order version the person saw; a different current version is refused as `conflict`. */
  expectedVersion?: number;
  /** 强制干预: skips the machine's guards; needs `orders.intervene` and a reason; audited as forced. */
  force?: boolean;
}

export type TransitionResult =
  | { ok: true; from: OrderStatus; to: OrderStatus; version: number }
  | { ok: false; refusal: Refusal };

/** What an entry hook learns about the move that brought the order into the state. */
export interface EntryInfo {
  /** Null when the order was just created (admitted). */
  from: OrderStatus | null;
  source: TriggerSource;
  /** True when hooks re-run because the order's last hold was released (nothing moved). */
  resumed?: boolean;
}

/** Runs inside the transaction that moved the order; may open holds or call transition() again. */
export type EntryHook = (tx: WriteTx, orderId: string, t: EntryInfo) => void;

/** Split, merge, an address change or a person asked for the order to be routed again. */
export type RerouteHook = (tx: WriteTx, orderId: string, why: Reason) => void;

/** A hold as the contract shows it (one shape for the API and the engine). */
export type { Hold };

export interface OpenHold {
  type: OrderHold;
  code: string;
  params?: Record<string, unknown>;
  groupId?: string | null;
}

/**
 * The state machine's face to the rest of main (implemented by `Lifecycle` in lifecycle.ts).
 * The only writer of orders.status.
 */
export interface LifecycleApi {
  /** Moves one order if the machine allows it; writes status, SLA clock, event and audit; runs entry hooks. Refusals are audited. */
  transition(tx: WriteTx, req: TransitionRequest): TransitionResult;
  /** Registers a hook run (inside the same transaction) whenever an order enters `state`, in registration order. */
  onEnter(state: OrderStatus, hook: EntryHook): void;
  /** Registers a hook run before an order is routed again (release reservations, forget the warehouse). */
  onReroute(hook: RerouteHook): void;
  /** Asks for routing again: runs the reroute hooks, then sends a routed order back to 待分仓. */
  reroute(tx: WriteTx, orderId: string, why: Reason): void;
}

/** Many holds per order (implemented by `Holds` in ../holds/holds.ts). */
export interface HoldsApi {
  /** Opens a hold and returns its id; an identical open hold (same type and code) is not opened twice. */
  open(tx: WriteTx, orderId: string, h: OpenHold): string;
  /**
   * Releases one hold with a reason. Nothing else follows: the caller (a rule settling its own
   * stock hold) moves the order. (Holds.release takes who released it as a 4th argument, and then
   * moves the order on when that was its last hold: the 审单 queue, platform pauses, quality holds.)
   */
  release(tx: WriteTx, holdId: string, reason: Reason): void;
  /** The order's open holds, oldest first. */
  openFor(orderId: string): Hold[];
}

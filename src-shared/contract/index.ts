import type { z } from 'zod';
import { auditCalls } from './audit';
import { authCalls } from './auth';
import { channelCalls } from './channels';
import { orderCalls } from './orders';
import { importCalls } from './imports';
import { financeCalls } from './finance';
import { lifecycleCalls } from './lifecycle';
import { ruleCalls } from './rules';
import { inventoryCalls } from './inventory';
import { exceptionCalls } from './exceptions';
import { boardCalls } from './board';
import { alertCalls } from './alerts';
import { localCopyCalls } from './local-copies';
import { syncCalls } from './sync';
import { erpCalls } from './erp';
import { shippingCalls } from './shipping';
import { shippingPrintCalls } from './shipping-print';
import { shippingBinCalls } from './shipping-bins';
import { jobCalls } from './jobs';
import type { CallSpec } from './define';

/**
 * Every call the UI can make, declared once. Each area keeps its calls in its own file;
 * add the next area's map here.
 */
export const contract = {
  ...authCalls,
  ...auditCalls,
  ...channelCalls,
  ...orderCalls,
  ...importCalls,
  ...financeCalls,
  ...lifecycleCalls,
  ...ruleCalls,
  ...inventoryCalls,
  ...exceptionCalls,
  ...boardCalls,
  ...alertCalls,
  ...syncCalls,
  ...localCopyCalls,
  ...erpCalls,
  ...shippingCalls,
  ...shippingPrintCalls,
  ...shippingBinCalls,
  ...jobCalls,
} as const;

export type Contract = typeof contract;
export type CallName = keyof Contract;
export type CallInput<K extends CallName> = z.input<Contract[K]['input']>;
export type ParsedInput<K extends CallName> = z.output<Contract[K]['input']>;
export type CallOutput<K extends CallName> = Contract[K] extends CallSpec<z.ZodType, infer O> ? O : never;

export const CALL_NAMES = Object.keys(contract) as CallName[];

export function isCallName(name: string): name is CallName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export type { Access, CallSpec } from './define';
export type { AuditEntry, AuditVerifyResult } from './audit';
export type { Me, UserView } from './auth';
export type { OrderDetail, OrderRow, SavedView, OrderQuery, ColumnFilter, OrderGridColumn } from './orders';
export { events, EVENT_NAMES, isEventName, mayReceive, MAX_CHANGED_IDS, type EventName, type EventPayload, type JobState } from './events';
export { runsOf, type Runs } from './define';

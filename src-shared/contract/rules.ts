import { z } from 'zod';
import { URGENCIES, type Urgency } from '../orders';
import { REVIEW_REASONS, RULE_STAGES, type Reason, type RuleSetVersion, type RuleStage } from '../rules';
import { call } from './define';

const id = z.string().trim().min(1).max(64);

const action = z.discriminatedUnion('type', [
  z.object({ type: z.literal('addTag'), tag: z.string().trim().min(1, '标签不能为空').max(20) }),
  z.object({ type: z.literal('setUrgency'), urgency: z.enum(URGENCIES) }),
  z.object({ type: z.literal('hold'), reason: z.enum(REVIEW_REASONS), note: z.string().trim().max(200).optional() }),
  z.object({ type: z.literal('assignTo'), userId: z.string().max(64).nullable(), userName: z.string().trim().min(1, '请选择负责人').max(40) }),
  z.object({ type: z.literal('assignWarehouse'), warehouseId: id, fallback: z.boolean().optional() }),
  z.object({ type: z.literal('splitByWarehouse'), warehouseIds: z.array(id).min(1, '至少选择一个仓库').max(20) }),
]);

/** A condition is a JsonLogic tree; the server checks its operators and fields against the documented order shape. */
const jsonLogic = z.union([z.boolean(), z.record(z.string(), z.unknown())]);

export const ruleInput = z.object({
  id,
  name: z.string().trim().min(1, '规则名称不能为空').max(60),
  stage: z.enum(RULE_STAGES),
  priority: z.number().int().min(0).max(100_000),
  enabled: z.boolean(),
  when: jsonLogic,
  actions: z.array(action).min(1, '至少需要一个动作').max(10),
});

/** One replayed order in a dry run's sample: what fired, why, and what would change. */
export interface DryRunSampleRow {
  orderId: string;
  platformOrderId: string;
  paidAt: number;
  fired: { ruleId: string; name: string; stage: RuleStage; facts: Record<string, unknown> }[];
  addTags: string[];
  urgency: Urgency | null;
  assignTo: string | null;
  holds: Reason[];
  warehouses: { warehouseId: string; warehouseName: string; shipDay: string }[];
}

export interface DryRunJob {
  id: string;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  version: number;
  from: number;
  to: number;
  processed: number;
  total: number;
  startedAt: number;
  /** Milliseconds from start to the first batch of results. */
  firstResultMs: number | null;
  finishedAt: number | null;
  /** Orders per action key: fired, none, tag:X, urgency:red, hold:amount_over, assign:X, route:<warehouseId>, stock_short, capacity_full, no_warehouse. */
  counts: Record<string, number>;
  /** The first orders on which something fired (at most 200). */
  sample: DryRunSampleRow[];
  warehouses: { id: string; name: string }[];
  error: string | null;
}

export interface RuleVersionSummary {
  version: number;
  note: string | null;
  createdAt: number;
  createdByName: string | null;
  ruleCount: number;
}

export interface BlacklistEntry {
  id: string;
  customerId: string | null;
  buyerNick: string | null;
  reason: string;
  createdAt: number;
  createdByName: string | null;
}

const range = z.object({ from: z.number().int(), to: z.number().int() }).refine((v) => v.to > v.from, { message: '结束时间必须晚于开始时间', path: ['to'] });

export const ruleCalls = {
  'rules.list': call<{ current: RuleSetVersion | null; versions: RuleVersionSummary[] }>()({
    input: z.object({}),
    access: 'rules.view',
    summary: 'The rule set in force and the list of saved versions.',
  }),
  'rules.get': call<RuleSetVersion>()({
    input: z.object({ version: z.number().int().min(1) }),
    access: 'rules.view',
    summary: 'One saved version of the rule set.',
  }),
  'rules.save': call<{ version: number }>()({
    input: z.object({ rules: z.array(ruleInput).max(500), baseVersion: z.number().int().min(0), note: z.string().trim().max(200).optional() }),
    access: 'rules.manage',
    summary: 'Save the whole rule set as the next version (conflict when someone saved a newer one).',
  }),
  'rules.dryRun': call<{ jobId: string }>()({
    input: z.intersection(
      z.object({ ruleSetVersion: z.number().int().min(0).optional(), rules: z.array(ruleInput).max(500).optional() }),
      range,
    ),
    access: 'rules.view',
    summary: 'Replay a rule set version (or an unsaved draft) over the paid orders in [from, to): a job with progress.',
  }),
  'rules.dryRunStatus': call<DryRunJob>()({
    input: z.object({ jobId: id }),
    access: 'rules.view',
    summary: "A dry run's progress, counts by action and its first results.",
  }),
  'rules.dryRunCancel': call<{ cancelled: boolean }>()({
    input: z.object({ jobId: id }),
    access: 'rules.view',
    summary: 'Stop a running dry run.',
  }),
  'rules.dryRunCsv': call<{ fileName: string; contentBase64: string; rows: number }>()({
    input: z.object({ jobId: id }),
    access: 'rules.view',
    summary: "Every replayed order of a finished dry run as CSV: rules fired, why, and what would change.",
  }),
  'rules.blacklist': call<BlacklistEntry[]>()({
    input: z.object({}),
    access: 'rules.view',
    summary: 'Blacklisted buyers (review rules read customer.blacklisted).',
  }),
  'rules.blacklistAdd': call<BlacklistEntry>()({
    input: z.object({ buyerNick: z.string().trim().min(1, '请填写买家昵称').max(60), reason: z.string().trim().min(1, '请填写原因').max(200) }),
    access: 'rules.manage',
    summary: 'Blacklist a buyer by nick (their customer record too, when one is known).',
  }),
  'rules.blacklistRemove': call<{ removed: boolean }>()({
    input: z.object({ id }),
    access: 'rules.manage',
    summary: 'Take a buyer off the blacklist.',
  }),
} as const;

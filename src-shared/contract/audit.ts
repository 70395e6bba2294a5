import { z } from 'zod';
import { call } from './define';

export interface AuditEntry {
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string | null;
  call: string;
  entity: string;
  entityId: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}

/** One thing someone did, however many records it wrote, in the reader's language (audit.journal). */
export interface JournalEntry {
  /** The chain records it covers (audit.list / audit.verify speak in these). */
  seqFrom: number;
  seqTo: number;
  at: number;
  actor: string;
  /** 新建用户, 设置紧急度, 导入表格 */
  action: string;
  /** 李四, 订单 3466…, or "300 个订单" */
  subject: string;
  /** 紧急度 正常 → 加急 (phone numbers masked); '' when nothing was edited. */
  changes: string;
  count: number;
  /** The objects it touched, by name or number (at most 50; `count` says how many). */
  objects: string[];
  reason: string | null;
}

export const journalQuery = z.object({
  /** An order number (or its start) or a person (user name or display name). */
  q: z.string().trim().max(100).optional(),
  actorId: z.string().max(64).optional(),
  from: z.number().int().optional(),
  to: z.number().int().optional(),
  /** Entries older than this chain record (the previous page's `next`). */
  before: z.number().int().min(1).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export type JournalQuery = z.output<typeof journalQuery>;

/** Why a range of records does not hold (the screen words it in the reader's language). */
export type AuditBreakCode = 'missing' | 'link' | 'edited' | 'unkeyed' | 'no_key' | 'truncated' | 'rewritten' | 'checkpoint';

export interface AuditBreak {
  fromSeq: number;
  toSeq: number;
  code: AuditBreakCode;
  /** zh (en), for logs and API users. */
  problem: string;
}

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** Every broken range, in order: one old break never hides later tampering. */
  broken: AuditBreak[];
  /** The first broken record (broken[0]), and why. */
  brokenAt?: { seq: number; problem: string };
  /** From this record on, links are keyed with the workspace's chain key (null: never keyed). */
  keyedFrom: number | null;
  /** The signed checkpoint beside the database the chain's end was compared with. */
  checkpoint: { seq: number; at: number } | null;
  /** With `rows: true`: every row a bulk record lists, checked against its hash. */
  rows?: { checked: number; broken: { seq: number; entity: string; id: string; problem: 'changed' | 'missing' | 'unverifiable' }[] };
}

export const auditCalls = {
  'audit.list': call<{ rows: AuditEntry[]; total: number }>()({
    input: z.object({
      actorId: z.string().optional(),
      entity: z.string().max(64).optional(),
      entityId: z.string().max(128).optional(),
      action: z.string().max(64).optional(),
      from: z.number().int().optional(),
      to: z.number().int().optional(),
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(500).default(100),
    }),
    access: 'audit.view',
    summary: 'Audit records, newest first, filtered by user, entity and time.',
  }),
  'audit.journal': call<{ entries: JournalEntry[]; next: number | null }>()({
    input: journalQuery,
    access: 'audit.view',
    summary: 'The audit log as a journal: one entry per action in words (who did what to which objects), newest first; search by order number or person.',
  }),
  'audit.verify': call<AuditVerifyResult>()({
    input: z.object({ rows: z.boolean().default(false) }),
    access: 'audit.view',
    summary: 'Walk the whole keyed hash chain and report every broken range; with rows, also check each bulk-inserted row against its hash.',
  }),
} as const;

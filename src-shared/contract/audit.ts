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

export interface AuditVerifyResult {
  ok: boolean;
  checked: number;
  /** The first record whose link does not hold, and why. */
  brokenAt?: { seq: number; problem: string };
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
    runs: 'read',
    summary: 'Audit records, newest first, filtered by user, entity and time.',
  }),
  'audit.verify': call<AuditVerifyResult>()({
    input: z.object({}),
    access: 'audit.view',
    runs: 'job',
    summary: 'Walk the hash chain and report the first broken link.',
  }),
} as const;

import { z } from 'zod';
import { call } from './define';

export interface SyncStatus {
  /** This PC is enrolled in a team workspace. */
  enrolled: boolean;
  /** The cloud answered the last request (and the event stream is open). */
  online: boolean;
  /** Changes on this PC not yet acknowledged by the cloud. */
  queued: number;
  lastPushAt: number | null;
  lastPullAt: number | null;
  /** Changes the cloud refused or this replica could not apply (see the sync log). */
  conflicts: number;
  workspaceName: string | null;
  deviceId: string;
  url: string | null;
  /** The last failure, as a reason code and its parameters (words applied when shown). */
  lastError: { code: string; params: Record<string, string | number | null> } | null;
}

export interface SyncLogEntry {
  id: number;
  at: number;
  kind: 'enroll' | 'push' | 'pull' | 'refused' | 'conflict' | 'error' | 'unknown';
  count: number;
  code: string | null;
  params: Record<string, string | number | null> | null;
}

export interface TeamDevice {
  id: string;
  name: string;
  lastSeenAt: number | null;
  thisPc: boolean;
}

export const syncCalls = {
  'sync.status': call<SyncStatus>()({
    input: z.object({}),
    access: 'authenticated',
    summary: 'Online or offline, how many changes wait to be sent, when this PC last sent and received.',
  }),
  'sync.enroll': call<SyncStatus>()({
    input: z.object({
      url: z.string().trim().url('请输入云端地址，例如 https://cloud.example.com').max(300),
      code: z.string().trim().min(6, '请输入一次性加入码').max(64),
      name: z.string().trim().min(1).max(80).optional(),
    }),
    access: 'settings.manage',
    summary: 'Join this PC to a team workspace with a one-time code from the owner (the first PC uploads its data; a later PC takes the team\'s).',
  }),
  'sync.enrollCode': call<{ code: string; expiresAt: number }>()({
    input: z.object({}),
    access: 'users.manage',
    summary: 'A one-time code to enrol another PC in this team (owner only).',
  }),
  'sync.log': call<SyncLogEntry[]>()({
    input: z.object({ limit: z.number().int().min(1).max(500).default(100) }),
    access: 'authenticated',
    summary: 'What sync did on this PC, newest first: sends, receipts, refusals, conflicts, errors.',
  }),
  'sync.now': call<SyncStatus>()({
    input: z.object({}),
    access: 'authenticated',
    summary: 'Send and receive now.',
  }),
  'sync.devices': call<TeamDevice[]>()({
    input: z.object({}),
    access: 'channels.view',
    summary: 'The PCs of this team (to choose which one polls a shop).',
  }),
} as const;

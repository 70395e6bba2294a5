import { z } from 'zod';
import type { Access } from './define';

/**
 * Events the core pushes to open screens, declared beside the calls: each with its payload schema
 * and the permission a session needs to receive it. The core delivers them after the change
 * committed; screens refresh what they show (react-query invalidation) instead of polling.
 * Payloads carry ids and progress, never the changed data itself: the receiver asks for what it
 * shows through the ordinary calls, which check permissions as always.
 */
export interface EventSpec<P extends z.ZodType = z.ZodType> {
  readonly payload: P;
  /** Never 'public': every event goes to a signed-in session. */
  readonly access: Exclude<Access, 'public'>;
  readonly summary: string;
}

function event<P extends z.ZodType>(spec: EventSpec<P>): EventSpec<P> {
  return spec;
}

/** At most this many ids per orders.changed; a bigger change says `truncated` (refresh everything shown). */
export const MAX_CHANGED_IDS = 1000;

export const JOB_STATES = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;

export const events = {
  'orders.changed': event({
    payload: z.object({ ids: z.array(z.string()).max(MAX_CHANGED_IDS), truncated: z.boolean() }),
    access: 'orders.view',
    summary: 'Orders (or their lines, addresses, events, notes) changed in one committed transaction.',
  }),
  'exceptions.changed': event({
    payload: z.object({
      /** Exceptions opened, closed, escalated, reassigned or snoozed (empty when only their history grew: a note). */
      ids: z.array(z.string()).max(MAX_CHANGED_IDS),
      truncated: z.boolean(),
    }),
    access: 'exceptions.view',
    summary: 'Exceptions (异常) changed in one committed transaction: a detector pass, a person\'s action, or a team sync pull.',
  }),
  'orders.facetsReady': event({
    payload: z.object({}),
    access: 'orders.view',
    summary: 'The pick lists (tags) that came back incomplete at a deadline have been read to the end: ask again.',
  }),
  'shipping.changed': event({
    payload: z.object({}),
    access: 'orders.view',
    summary: 'Parcels or their 发货回传 changed in one committed transaction (a scan, a confirmation sent, answered or refused).',
  }),
  'jobs.progress': event({
    payload: z.object({
      jobId: z.string(),
      /** 'import', 'demo', ... */
      kind: z.string(),
      state: z.enum(JOB_STATES),
      /** 0..1 */
      progress: z.number().min(0).max(1),
    }),
    access: 'authenticated',
    summary: 'A background job moved on: started, a batch committed, finished, failed or was cancelled.',
  }),
  'sync.changed': event({
    payload: z.object({}),
    access: 'authenticated',
    summary: 'Team sync moved on: a push or pull round ended (online or not, what is queued, the sync log).',
  }),
  'channels.health': event({
    payload: z.object({ channelId: z.string() }),
    access: 'channels.view',
    summary: "A shop's polling state changed: a poll started or ended, failed, or the shop was paused.",
  }),
  'channels.authFlow': event({
    payload: z.object({ flowId: z.string(), channelId: z.string(), status: z.enum(['waiting', 'exchanging', 'done', 'failed', 'expired']) }),
    access: 'channels.manage',
    summary: "A shop's 授权 through the team cloud moved on: the code arrived and is being exchanged, or the flow ended (done, failed, expired).",
  }),
} as const;

export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<K extends EventName> = z.infer<Events[K]['payload']>;
export type JobState = (typeof JOB_STATES)[number];

export const EVENT_NAMES = Object.keys(events) as EventName[];

export function isEventName(name: string): name is EventName {
  return Object.prototype.hasOwnProperty.call(events, name);
}

/** Whether a session with these permissions may receive the event. */
export function mayReceive(name: EventName, permissions: readonly string[]): boolean {
  const access = events[name].access;
  return access === 'authenticated' || permissions.includes(access);
}

import type { ApiResult } from '../../src-shared/errors';
import type { Api } from '../kernel/dispatch';
import type { AuthService } from '../auth/auth-service';
import type { WriteContext } from '../db';
import type { EventSink } from '../kernel/events';
import type { JobHost } from '../kernel/jobs';
import type { Locale } from '../kernel/i18n';
import type { ChannelsOptions } from '../channels/service';
import type { JobKinds } from '../jobs';

export type WorkerRole = 'writer' | 'reader' | 'job';

/** What a worker is told when it starts (plain data: it crosses a thread). */
export interface WorkerSetup {
  role: WorkerRole;
  dataDir: string;
  /** A name for logs: writer, reader-1, job-3 … */
  name: string;
  /** Who waits for the write lock: one counter for all the core's threads (db/write-turns.ts). */
  writeTurns: SharedArrayBuffer;
  /** Electron: the workspace's data key, unsealed by the OS keychain in the main process. */
  secretKey?: Uint8Array;
  /** The writer's start-up: new-workspace choices and poller knobs. */
  writer?: {
    demo?: boolean;
    demoOrders?: number | undefined;
    ownerPassword?: string | undefined;
    channels?: Pick<ChannelsOptions, 'autostart' | 'tickMs'>;
  };
  /** Job workers: how much lower this thread's CPU priority is (Linux nice; 0 = unchanged). */
  nice?: number;
  /** The host can close this workspace and open a new real one (新建真实工作区): readers say so, the writer asks. */
  canStartReal?: boolean;
}

/** A call as the front forwards it. */
export interface CallRequest {
  name: string;
  input: unknown;
  token: string | null;
  locale: Locale;
  /** Who is asking (the HTTP peer address, or the app's window): sign-in throttling keys on it. */
  source?: string | undefined;
  deadlineAt?: number | undefined;
  /**
   * The input still as JSON bytes (an upload, in a buffer of its own): the worker parses it, so the
   * front never holds its megabytes. `input` is then ignored.
   */
  json?: Uint8Array | undefined;
}

/** A live session as a reader found it: who may receive which events, and until when. */
export interface SessionFacts {
  userId: string;
  permissions: string[];
  expiresAt: number;
}

export interface JobRequest {
  key: string;
  kind: string;
  params: unknown;
}

export type RecordEntry = Parameters<import('../db/write-path/write-path').WritePath['record']>[1];

/** What every world offers its worker. */
export interface World {
  api: Api;
  auth: AuthService;
  kinds?: JobKinds;
  /** The writer: the board that answers jobs.progress / jobs.cancel (job workers relay their counts to it). */
  progress?: import('../kernel/progress').ProgressBoard;
  record?(ctx: WriteContext, entry: RecordEntry): void;
  /** Worlds that write: their write path (fault injection wraps it). */
  writes?: import('../db/write-path/write-path').WritePath;
  /** Readers: wait for forwarded audit records before answering. */
  settle?(): Promise<void>;
  close(): void | Promise<void>;
}

/** The links a world gets to the front. */
export interface FrontLink {
  events: EventSink;
  jobs: JobHost;
  forward(ctx: WriteContext, entry: RecordEntry): Promise<void>;
}

export type CallResult = ApiResult<unknown>;

import { hostname } from 'node:os';
import { ApiError } from '../../src-shared/errors';
import type { SyncLogEntry, SyncStatus, TeamDevice } from '../../src-shared/contract/sync';
import type { Database, WriteContext } from '../db';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets/secret-box';
import { CloudApi, CloudRequestError } from './cloud-api';
import { copyBeforeJoin } from './join-copy';
import { SyncEngine } from './engine';
import { SyncStore } from './sync-store';

/** Local tables whose rows hang off synced rows: emptied with them when this PC joins a team. */
const DEPENDENT_LOCAL_TABLES = [
  'sessions', 'channel_state', 'channel_secrets', 'channel_auth', 'channel_quarantine', 'channel_coverage', 'channel_unmapped', 'order_raw',
  'import_jobs', 'import_rejects', 'import_sources', 'import_source_files', 'import_order_items', 'sync_unknown',
  // The ERP counts this PC applied: the team's change-log rows arrive by sync and are applied again.
  'erp_stock_latest', 'erp_stock_applied',
];

export interface SyncOptions {
  db: Database;
  secrets: SecretBox;
  log: Logger;
  fetch?: typeof fetch;
  /** After local changes are logged, wait this long for more before pushing (ms). */
  debounceMs?: number;
  /** Pull at least this often even without a poke (ms). */
  pollMs?: number;
  /** Tables changed by pulled changes (screens refresh from it). */
  onApplied?: (tables: Set<string>) => void;
  /** A round ended or this PC joined a team: the status and the sync log may read differently now. */
  onChanged?: () => void;
  /** Free bytes on a folder's disk, as the copy made before joining checks them (tests: a disk that seems full). */
  freeDiskBytes?: (dir: string) => number;
}

/**
 * The desktop's sync client: pushes the sync log when online, pulls the team's changes when the
 * cloud pokes (Server-Sent Events) or every pollMs, backs off while offline, and keeps its status
 * (for the indicator, the sync log screen and the risk board).
 */
export class SyncService {
  readonly store: SyncStore;
  private readonly engine: SyncEngine;
  private api: CloudApi | null = null;
  private online = false;
  private lastError: SyncStatus['lastError'] = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private failures = 0;
  private stopped = true;
  private abort = new AbortController();
  private unsubscribe: (() => void) | null = null;

  constructor(private readonly o: SyncOptions) {
    this.store = new SyncStore(o.db, o.secrets);
    const schemaVersion = o.db.sqlite.prepare('SELECT count(*) FROM _migrations').pluck().get() as number;
    this.engine = new SyncEngine(o.db, this.store, schemaVersion);
  }

  get enrolled(): boolean {
    return this.store.get('sync.url') !== null && this.o.db.writes.syncLog.enabled;
  }

  get deviceId(): string {
    return this.o.db.writes.deviceId;
  }

  /** When the last full round (push and pull) succeeded, or null. */
  get lastSuccessAt(): number | null {
    const v = this.store.get('sync.lastSuccessAt');
    return v ? Number(v) : null;
  }

  start(): void {
    if (!this.enrolled || !this.stopped) return;
    this.stopped = false;
    this.abort = new AbortController();
    this.api = new CloudApi({ url: this.store.get('sync.url')!, token: this.store.token(), ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    this.unsubscribe = this.o.db.writes.onLogged(() => this.schedule(this.o.debounceMs ?? 150));
    void this.streamLoop();
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.abort.abort();
    this.unsubscribe?.();
    if (this.timer) clearTimeout(this.timer);
    await this.running?.catch(() => undefined);
  }

  status(): SyncStatus {
    const num = (k: string) => {
      const v = this.store.get(k);
      return v === null ? null : Number(v);
    };
    // Only the writer's client runs rounds; elsewhere (a reader serving the risk board) the last
    // round's outcome is read from what that client stored.
    const stored = this.stopped ? this.storedHealth() : null;
    return {
      enrolled: this.enrolled,
      online: this.enrolled && (stored ? stored.ok : this.online),
      queued: this.o.db.writes.syncLog.size(),
      lastPushAt: num('sync.lastPushAt'),
      lastPullAt: num('sync.lastPullAt'),
      conflicts: this.store.conflicts(),
      workspaceName: this.store.get('sync.workspaceName'),
      deviceId: this.deviceId,
      url: this.store.get('sync.url'),
      lastError: stored ? (stored.ok ? null : { code: stored.code ?? 'sync.failed', params: {} }) : this.lastError,
    };
  }

  /** The outcome of the last round as its client stored it (`sync.health`), or null before any. */
  private storedHealth(): { ok: boolean; code?: string } | null {
    const raw = this.store.get('sync.health');
    if (!raw) return null;
    try {
      return JSON.parse(raw) as { ok: boolean; code?: string };
    } catch {
      return null;
    }
  }

  log(limit: number): SyncLogEntry[] {
    const rows = this.o.db.sqlite
      .prepare('SELECT id, at, kind, count, code, params_json AS p FROM sync_log ORDER BY id DESC LIMIT ?')
      .all(limit) as (Omit<SyncLogEntry, 'params'> & { p: string | null })[];
    return rows.map(({ p, ...r }) => ({ ...r, params: p ? (JSON.parse(p) as SyncLogEntry['params']) : null }));
  }

  /**
   * Joins this PC to a team workspace with a one-time code. The first PC uploads its replica;
   * a later PC's own synced data is replaced by the team's (a copy of the file is kept beside it
   * as `orderhub.db.before-join-<time>`; the audit log stays).
   */
  async enroll(ctx: WriteContext, input: { url: string; code: string; name?: string | undefined }, say: (zh: string, en: string) => string): Promise<SyncStatus> {
    if (this.enrolled) throw new ApiError('conflict', say('这台电脑已加入团队', 'this PC is already in a team'), 'url');
    const api = new CloudApi({ url: input.url, ...(this.o.fetch ? { fetch: this.o.fetch } : {}) });
    const wp = this.o.db.writes;
    let res;
    try {
      res = await api.enroll({
        protocol: 1, code: input.code, name: input.name ?? hostname(), deviceId: wp.deviceId, lastMutationId: wp.syncLog.lastSeq(),
        schemaVersion: this.o.db.sqlite.prepare('SELECT count(*) FROM _migrations').pluck().get() as number,
      });
    } catch (e) {
      if (e instanceof CloudRequestError && e.code === 'sync.bad_code') throw new ApiError('invalid_input', say('加入码无效、已使用或已过期', 'the code is unknown, used or expired'), 'code');
      if (e instanceof CloudRequestError && e.status === 0) throw new ApiError('invalid_input', say(`无法连接云端 ${input.url}：${e.message}`, `cannot reach ${input.url}: ${e.message}`), 'url');
      throw new ApiError('conflict', say(`云端拒绝加入：${e instanceof Error ? e.message : String(e)}`, `the cloud refused: ${e instanceof Error ? e.message : String(e)}`), 'code');
    }
    // Before anything of the team is kept here: a copy the disk cannot hold refuses the join.
    if (!res.first) await copyBeforeJoin(this.o.db.sqlite, say, this.o.freeDiskBytes);
    this.store.saveToken(res.token);
    for (const [k, v] of [['sync.url', input.url], ['sync.workspaceId', res.workspaceId], ['sync.workspaceName', res.workspaceName], ['sync.cursor', '0']] as const) this.store.set(k, v);
    if (res.first) {
      // Shops nobody was assigned to are polled by this PC, as before it joined.
      wp.run(ctx, (tx) => {
        const ids = this.o.db.sqlite.prepare('SELECT id FROM channels WHERE poller_device_id IS NULL').pluck().all() as string[];
        for (const id of ids) tx.update('channels', id, { pollerDeviceId: wp.deviceId });
      });
      wp.syncLog.setEnabled(true);
      const queued = wp.queueSnapshot();
      this.store.log('enroll', queued, 'sync.enrolled_first', { workspace: res.workspaceName });
    } else {
      // This PC's own data is replaced by the team's (its copy was made above).
      wp.resetReplica(ctx, DEPENDENT_LOCAL_TABLES);
      wp.syncLog.setEnabled(true);
      this.store.log('enroll', 0, 'sync.enrolled_join', { workspace: res.workspaceName });
    }
    this.start();
    return this.status();
  }

  async enrollCode(actorId: string, say: (zh: string, en: string) => string): Promise<{ code: string; expiresAt: number }> {
    if (!this.api) throw new ApiError('conflict', say('这台电脑还没有加入团队', 'this PC is not in a team yet'));
    try {
      return await this.api.enrollCode(actorId);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new ApiError(e instanceof CloudRequestError && e.status === 403 ? 'forbidden' : 'conflict', say(`云端未给出加入码：${msg}`, `the cloud gave no code: ${msg}`));
    }
  }

  async devices(): Promise<TeamDevice[]> {
    if (!this.api) return [{ id: this.deviceId, name: hostname(), lastSeenAt: null, thisPc: true }];
    try {
      return (await this.api.devices()).map((d) => ({ ...d, thisPc: d.id === this.deviceId }));
    } catch {
      return [{ id: this.deviceId, name: hostname(), lastSeenAt: null, thisPc: true }];
    }
  }

  /** Push and pull now; resolves when the round ends (errors are recorded, not thrown). */
  async syncNow(): Promise<SyncStatus> {
    if (this.running) {
      this.again = true;
      await this.running;
    }
    if (this.enrolled && !this.stopped) await this.round();
    return this.status();
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.round(), ms);
    this.timer.unref?.();
  }

  private round(): Promise<void> {
    if (this.running) return this.running;
    if (this.timer) clearTimeout(this.timer);
    this.again = false;
    this.running = (async () => {
      try {
        await this.engine.push(this.api!);
        await this.engine.pull(this.api!, this.o.onApplied);
        // Changes made while we pulled are pushed at once.
        if (this.o.db.writes.syncLog.size() > 0) await this.engine.push(this.api!);
        if (this.stopped) return;
        this.online = true;
        this.failures = 0;
        this.lastError = null;
        this.store.set('sync.lastSuccessAt', String(Date.now()));
        this.store.set('sync.health', JSON.stringify({ ok: true, at: Date.now() }));
      } catch (e) {
        if (this.stopped) return; // closing: the database may already be closed
        this.failures++;
        this.online = false;
        const code = e instanceof CloudRequestError ? e.code : 'sync.failed';
        this.lastError = { code, params: { message: e instanceof Error ? e.message : String(e) } };
        this.store.log('error', 0, code, { message: e instanceof Error ? e.message : String(e) });
        this.store.set('sync.health', JSON.stringify({ ok: false, at: Date.now(), code, since: this.lastSuccessAt }));
        if (!(e instanceof CloudRequestError)) this.o.log.error('sync round failed', e);
      }
    })().finally(() => {
      this.running = null;
      if (this.stopped) return;
      this.o.onChanged?.();
      const backoff = this.failures ? Math.min(30_000, 500 * 2 ** Math.min(this.failures, 6)) : this.o.pollMs ?? 30_000;
      this.schedule(this.again && !this.failures ? 0 : backoff);
    });
    return this.running;
  }

  private async streamLoop(): Promise<void> {
    let attempt = 0;
    while (!this.stopped) {
      try {
        await this.api!.events(
          () => {
            attempt = 0;
            this.schedule(0); // caught up on whatever happened while the stream was closed
          },
          () => this.schedule(0),
          this.abort.signal,
        );
      } catch {
        // offline or restarting cloud: try again below
      }
      if (this.stopped) return;
      attempt++;
      await new Promise((r) => setTimeout(r, Math.min(15_000, 250 * 2 ** Math.min(attempt, 6))).unref?.());
    }
  }
}

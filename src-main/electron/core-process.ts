import { safeStorage, utilityProcess, type UtilityProcess } from 'electron';
import type { ConnectionState } from '../../src-shared/client';
import type { ApiResult } from '../../src-shared/errors';
import type { CoreInit } from '../core/utility-entry';
import { coreProcessEnv } from '../core/malloc-arenas';
import { Peer, PeerGone } from '../core/peer';
import { MigrationWatch, type MigrationProgress } from '../core/migrating';
import { say, type Locale } from '../kernel/i18n';
import type { Logger } from '../log';

export interface CoreProcessOptions {
  /** The built core entry (out/main/core.js). */
  entry: string;
  init: CoreInit;
  log: Logger;
  /** The link to the core went down (it crashed and is restarting) or came (back) up. */
  onState(state: ConnectionState): void;
  /** An event for window `streamId`'s session. */
  onEvent(streamId: number, name: string, payload: unknown): void;
  /** The core cannot open the workspace (not a crash: restarting would not help). */
  onFatal(message: string): void;
}

/** How long a call made while the core (re)starts waits for it before answering `unavailable`. */
const WAIT_FOR_CORE_MS = 120_000;

/**
 * The core in its utilityProcess, as the main process keeps it: started at once, restarted when it
 * dies (the window shows "reconnecting" meanwhile and never goes blank), answering the core's
 * seal/unseal requests with the OS keychain. The main process itself runs no SQL.
 */
export class CoreProcess {
  private proc: UtilityProcess | null = null;
  private peer: Peer | null = null;
  private ready: Promise<boolean> = Promise.resolve(false);
  private restarts = 0;
  private stopping = false;
  private everReady = false;
  /** An update's migration the starting core runs (none once it is open). */
  private readonly migration = new MigrationWatch();
  /** Which session each window listens as: re-applied after a restart. */
  private readonly listening = new Map<number, string | null>();

  constructor(private readonly o: CoreProcessOptions) {}

  start(): void {
    // env: fewer malloc arenas for the core's threads (Linux; see core/malloc-arenas.ts).
    const proc = utilityProcess.fork(this.o.entry, [], { serviceName: 'OrderHub core', env: coreProcessEnv() });
    this.proc = proc;
    const peer = new Peer(
      { post: (m) => proc.postMessage(m), listen: (fn) => proc.on('message', fn) },
      {
        seal: ({ plainBase64 }: { plainBase64: string }) => ({ sealedBase64: keychain().encryptString(plainBase64).toString('base64') }),
        unseal: ({ sealedBase64 }: { sealedBase64: string }) => ({ plainBase64: keychain().decryptString(Buffer.from(sealedBase64, 'base64')) }),
        event: ({ streamId, name, payload }: { streamId: number; name: string; payload: unknown }) => this.o.onEvent(streamId, name, payload),
        spawned: () => undefined,
        migrating: (p: MigrationProgress) => this.migration.report(p),
      },
    );
    this.peer = peer;
    this.ready = peer.request('init', this.o.init).then(
      async () => {
        this.everReady = true;
        this.migration.done();
        if (this.restarts) this.o.log.info(`the core is back (restart ${this.restarts})`);
        // Windows listen again as their sessions (the new core has no streams yet).
        for (const [streamId, token] of this.listening) await peer.request('listen', { streamId, token }).catch(() => undefined);
        this.o.onState('connected');
        return true;
      },
      (e: unknown) => {
        // The core answered: it could not open the workspace (a newer database, no keychain). Not a crash.
        if (!(e instanceof PeerGone) && !this.stopping) this.o.onFatal(e instanceof Error ? e.message : String(e));
        return false;
      },
    );
    proc.on('exit', (code) => {
      peer.close(`the core exited (${code})`);
      if (this.stopping || this.proc !== proc) return;
      this.restarts++;
      const wait = Math.min(30_000, 500 * 2 ** Math.min(this.restarts - 1, 6));
      this.o.log.error(`the core exited (code ${code}); restarting in ${wait} ms`);
      this.o.onState('reconnecting');
      let resolveNext!: (ok: boolean) => void;
      this.ready = new Promise((r) => (resolveNext = r));
      setTimeout(() => {
        this.start();
        void this.ready.then(resolveNext);
      }, wait);
    });
  }

  /** A window's call: waits while the core (re)starts; a call the core dies during answers `unavailable`. */
  async call(name: string, input: unknown, token: string | null, locale: Locale): Promise<ApiResult<unknown>> {
    const unavailable = { error: { code: 'unavailable' as const, message: say(locale, '后台服务正在重启，请稍后重试', 'the core is restarting: try again shortly') } };
    // Waits while the core (re)starts; during an update's migration it says where that stands.
    const w = await this.migration.wait(() => this.ready, locale, WAIT_FOR_CORE_MS);
    if ('words' in w) return { error: { code: 'unavailable', message: w.words } };
    if (!('opened' in w) || !w.opened || !this.peer) return unavailable;
    try {
      return await this.peer.request<ApiResult<unknown>>('call', { name, input, token, locale });
    } catch {
      return unavailable;
    }
  }

  /** Window `streamId` wants its session's events (null: none); kept across restarts. */
  async listen(streamId: number, token: string | null): Promise<void> {
    this.listening.set(streamId, token);
    if (!(await this.ready) || !this.peer) return;
    await this.peer.request('listen', { streamId, token });
  }

  forget(streamId: number): void {
    this.listening.delete(streamId);
    void this.peer?.request('listen', { streamId, token: null }).catch(() => undefined);
  }

  get started(): boolean {
    return this.everReady;
  }

  get pid(): number | undefined {
    return this.proc?.pid;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    const proc = this.proc;
    if (!proc || proc.pid === undefined) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    await Promise.race([this.peer?.request('stop', null).catch(() => undefined), new Promise((r) => setTimeout(r, 15_000))]);
    proc.kill();
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
  }
}

function keychain() {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('OS encryption (safeStorage) is not available: secrets cannot be stored safely');
  }
  return safeStorage;
}

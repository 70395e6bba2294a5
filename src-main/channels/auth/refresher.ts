import type { Clock } from '../../kernel/clock';
import type { Logger } from '../../log';
import type { ChannelStateStore } from '../channel-state';
import type { AuthStore } from './auth-store';
import type { Authorizer, RenewOutcome } from './authorizer';

/**
 * The renewal scheduler: every tick, each shop whose token is due (channel_auth.next_renewal_at)
 * is renewed — before it expires — one at a time per shop. A shop the poller stopped for its token
 * since the last renewal is tried once at once: its token may have been cut short.
 */
export class TokenRefresher {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly running = new Map<string, Promise<RenewOutcome>>();
  private stopped = true;

  constructor(
    private readonly o: { authorizer: Authorizer; auth: AuthStore; states: ChannelStateStore; clock: Clock; log: Logger; tickMs?: number; list: () => { id: string }[] },
  ) {}

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    const loop = () => {
      if (this.stopped) return;
      void this.tick().catch((e) => this.o.log.error('token renewal tick failed', e)).finally(() => {
        if (this.stopped) return;
        this.timer = setTimeout(loop, this.o.tickMs ?? 30_000);
        this.timer.unref?.();
      });
    };
    loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await Promise.allSettled([...this.running.values()]);
  }

  /** Renews what is due now; resolves when those renewals end (tests drive it by hand). */
  async tick(): Promise<Map<string, RenewOutcome>> {
    const now = this.o.clock.now();
    const due = new Set(this.o.auth.due(now).map((r) => r.channelId));
    for (const { id } of this.o.list()) {
      const row = this.o.auth.get(id);
      if (!row) continue;
      const s = this.o.states.get(id);
      // A refusal older than the current 授权 was about the token before it (a poll that
      // failed while the seller was approving): the shop polls again with the new one.
      if (s.state === 'reauth' && s.lastErrorAt !== null && s.lastErrorAt < row.authorizedAt) {
        this.o.states.reset(id);
        continue;
      }
      if (row.renewal === 'none' || row.method === 'manual') continue;
      const lastTry = Math.max(row.renewedAt ?? row.authorizedAt, row.problem?.at ?? 0);
      if (s.state === 'reauth' && s.lastErrorAt !== null && s.lastErrorAt > lastTry) due.add(id);
    }
    const out = new Map<string, RenewOutcome>();
    await Promise.all([...due].map(async (id) => out.set(id, await this.renew(id))));
    return out;
  }

  /** One renewal per shop at a time (a tick and a person's click join the same one). */
  renew(channelId: string): Promise<RenewOutcome> {
    const running = this.running.get(channelId);
    if (running) return running;
    const p = this.o.authorizer.renew(channelId).finally(() => this.running.delete(channelId));
    this.running.set(channelId, p);
    return p;
  }
}

import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { AlertOutbox, Delivery, QueuedAlert } from './outbox';
import { alertBlock, bytes, MAX_BYTES, messageText } from './render';
import { messageBody, postMessage, signedUrl, type SendResult } from './robot-wire';
import type { Robots } from './robots';

export interface SendStats {
  sent: number;
  retried: number;
  failed: number;
  resent: number;
  alerts: number;
}

/**
 * Sends the outbox to the robots. Each robot takes at most `perMinute` requests in any 60 s
 * (counted from the local `alert_sends` log, so a restart remembers): while a robot's queue fits
 * its budget every alert is its own message; past it, queued alerts are packed into as few
 * messages as the 4 KB limit allows. Offline or refused requests wait and retry; one left in the
 * air by a crash is sent once more with the same delivery id.
 */
export class AlertSender {
  private recovered = false;
  private stopped = true;
  private loop: Promise<void> | null = null;
  /** A tick also runs these (the daily digest). */
  beforeTick: (now: number) => void = () => {};

  constructor(private readonly deps: { outbox: AlertOutbox; robots: Robots; clock: Clock; log: Logger; fetch?: typeof fetch }) {}

  /** One round over every robot; returns what happened. */
  async tick(): Promise<SendStats> {
    const { outbox, clock } = this.deps;
    const stats: SendStats = { sent: 0, retried: 0, failed: 0, resent: 0, alerts: 0 };
    this.beforeTick(clock.now());
    if (!this.recovered) {
      // Left 'sending' by a crash: it may or may not have arrived. Send it once more (same id in its text).
      for (const d of outbox.interrupted()) {
        outbox.resendLater(d.id, clock.now());
        stats.resent++;
      }
      this.recovered = true;
    }
    for (const d of outbox.retriesDue(clock.now())) {
      if (!this.mayPost(d.target)) continue;
      outbox.restart(d, clock.now());
      await this.post(d, stats);
    }
    for (const target of outbox.targets(clock.now())) await this.drain(target, stats);
    outbox.pruneSends(clock.now());
    return stats;
  }

  /** Runs ticks every `everyMs` of the clock until stopped. */
  start(everyMs = 2_000): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.loop = (async () => {
      while (!this.stopped) {
        try {
          await this.tick();
        } catch (e) {
          this.deps.log.error('alert sender failed', e);
        }
        await this.deps.clock.sleep(everyMs);
      }
    })();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.loop;
  }

  private robotOf(target: string) {
    const id = target.startsWith('robot:') ? target.slice(6) : null;
    return id ? this.deps.robots.get(id) : null;
  }

  private mayPost(target: string): boolean {
    const r = this.robotOf(target);
    return !!r && r.enabled && this.deps.outbox.budget(target, r.perMinute, this.deps.clock.now()) > 0;
  }

  private async drain(target: string, stats: SendStats): Promise<void> {
    const { outbox, clock, robots } = this.deps;
    const robot = this.robotOf(target);
    if (!robot) {
      outbox.dropQueued(target);
      return;
    }
    if (!robot.enabled || !robots.secretsOf(robot.id).webhook) return;
    const pending = outbox.pending(target, clock.now());
    let budget = outbox.budget(target, robot.perMinute, clock.now());
    if (!pending.length || budget === 0) return;
    // Within budget: one message per alert. Past it: as many per message as fit.
    const groups = pending.length <= budget ? pending.map((a) => [a]) : pack(pending);
    for (const g of groups) {
      if (budget-- <= 0) break;
      const blocks = g.map((a) => alertBlock(a.payload));
      const d = outbox.pack(target, g.map((a) => a.id), (id) => {
        const m = messageText(blocks, id);
        return messageBody(robot.kind, m.title, m.text, []);
      }, clock.now());
      stats.alerts += g.length;
      await this.post(d, stats);
    }
  }

  private async post(d: Delivery, stats: SendStats): Promise<void> {
    const { outbox, clock, robots } = this.deps;
    const robot = this.robotOf(d.target);
    const secrets = robot ? robots.secretsOf(robot.id) : {};
    let result: SendResult;
    if (!robot || !secrets.webhook) result = { ok: false, retry: true, retryAfterMs: 5 * 60_000, error: 'webhook not set on this PC' };
    else result = await postMessage(signedUrl(robot.kind, secrets.webhook, secrets.secret, clock.now()), d.body, this.deps.fetch);
    const now = clock.now();
    if (result.ok) {
      outbox.sent(d.id, now);
      stats.sent++;
    } else if (result.retry) {
      outbox.retry(d.id, now + result.retryAfterMs, result.error);
      stats.retried++;
    } else {
      // A bad key or signature: kept as failed until a person fixes the robot (saving it retries them).
      outbox.failed(d.id, result.error);
      stats.failed++;
      this.deps.log.warn('robot refused a message', { target: d.target, error: result.error });
    }
  }
}

/** Greedy packing, oldest first, each message under the size limit. */
export function pack(alerts: QueuedAlert[]): QueuedAlert[][] {
  const groups: QueuedAlert[][] = [];
  let current: QueuedAlert[] = [];
  let size = 200;
  for (const a of alerts) {
    const b = bytes(alertBlock(a.payload)) + 2;
    if (current.length && size + b > MAX_BYTES) {
      groups.push(current);
      current = [];
      size = 200;
    }
    current.push(a);
    size += b;
  }
  if (current.length) groups.push(current);
  return groups;
}

import type { SubjectKind } from '../../src-shared/exceptions';
import type { Database, WriteTx } from '../db';
import { letWaitingWritersGo } from '../db/write-turns';
import { yieldToLoop } from '../kernel/progress';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import { decide, type Decision } from './evaluate';
import { OrderFactsReader, type OrderDetectorFacts } from './facts';
import type { HealthSource, HealthSubject } from './health';
import type { DetectorConfig, DetectorSettings } from './settings';
import { EXCEPTION_COLUMNS, toRecord, type ExceptionRecord, type ExceptionStore } from './store';

/** Told inside the transaction that opened or escalated an exception (alerts enqueue there). */
export interface ExceptionListener {
  opened(tx: WriteTx, e: ExceptionRecord, now: number): void;
  escalated(tx: WriteTx, e: ExceptionRecord, now: number): void;
}

export interface PassResult {
  orders: number;
  subjects: number;
  opened: number;
  escalated: number;
  cleared: number;
  woke: number;
  batches: number;
  /** The longest stretch one batch held the loop (ms). */
  longestBatchMs: number;
}

const SYSTEM = { actor: { id: null, name: 'system' }, call: 'exceptions.detect' };
/** Orders in these statuses can still go wrong; others are looked at only while they have an open exception or a live parcel. */
const WATCHED = ['pending_review', 'to_route', 'to_ship', 'picking', 'packed', 'handed_over', 'shipped'] as const;

/** What one batch may hold the loop for (the house rule is ~100 ms; keep well under it). */
const TARGET_BATCH_MS = 40;

/**
 * Runs the detectors: a pass walks every watched order in batches (one write transaction each,
 * then it yields so the app keeps answering), plus the shops / ERP / sync subjects, and wakes
 * snoozed exceptions whose time is up. `evaluateOrders` does the same for a few orders inside a
 * caller's transaction (a tracking update, a person's change).
 */
export class DetectorRunner {
  private readonly facts: OrderFactsReader;
  private readonly watched;
  private readonly withOpen;
  private readonly withParcel;
  private readonly ofOrders;
  private readonly ofSubject;
  private readonly due;
  private running: Promise<PassResult> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  /** The first pass, soon after start: stopped with the rest (a workspace closed within 2 s ran it on a closed database). */
  private firstPass: ReturnType<typeof setTimeout> | null = null;
  /** After each committed batch: the exceptions it changed (for pushed events). */
  onCommitted: (ids: string[]) => void = () => {};
  /** Each batch's size and how long it held the loop (benchmarks report the spread). */
  onBatch: (size: number, ms: number) => void = () => {};

  constructor(private readonly deps: {
    db: Database;
    clock: Clock;
    settings: DetectorSettings;
    store: ExceptionStore;
    health: HealthSource[];
    listener: ExceptionListener | null;
    log: Logger;
    /** Parcels are followed on this PC (else "no pickup" cannot be told from "not tracked"). */
    trackingOn: () => boolean;
    batchSize?: number;
  }) {
    const { sqlite } = deps.db;
    this.facts = new OrderFactsReader(sqlite);
    this.watched = sqlite.prepare('SELECT id FROM orders WHERE status = ?').pluck();
    this.withOpen = sqlite.prepare(`SELECT DISTINCT order_id FROM exceptions WHERE state <> 'closed' AND order_id IS NOT NULL`).pluck();
    this.withParcel = sqlite.prepare('SELECT DISTINCT order_id FROM shipments WHERE active = 1').pluck();
    this.ofOrders = sqlite.prepare(
      `SELECT ${EXCEPTION_COLUMNS} FROM exceptions e WHERE e.order_id IN (SELECT value FROM json_each(?)) AND (e.state <> 'closed' OR e.silenced = 1)`,
    );
    this.ofSubject = sqlite.prepare(
      `SELECT ${EXCEPTION_COLUMNS} FROM exceptions e WHERE e.subject_kind = ? AND e.subject_id = ? AND (e.state <> 'closed' OR e.silenced = 1)`,
    );
    this.due = sqlite.prepare(`SELECT ${EXCEPTION_COLUMNS} FROM exceptions e WHERE e.state = 'snoozed' AND e.snoozed_until <= ?`);
  }

  /** One full pass; a second call while one runs waits for it instead of starting another. */
  runPass(): Promise<PassResult> {
    this.running ??= this.pass().finally(() => (this.running = null));
    return this.running;
  }

  start(intervalMs = 60_000): void {
    if (this.timer) return;
    const tick = () => void this.runPass().catch((e: unknown) => this.deps.log.error('exception detectors failed', e));
    this.timer = setInterval(tick, intervalMs);
    this.timer.unref();
    this.firstPass = setTimeout(tick, 2_000);
    this.firstPass.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.firstPass) clearTimeout(this.firstPass);
    this.timer = null;
    this.firstPass = null;
    await this.running?.catch(() => undefined);
  }

  /** The detectors over these orders, now, in the caller's transaction. */
  evaluateOrders(tx: WriteTx, ids: string[], now = this.deps.clock.now()): ExceptionRecord[] {
    const detectors = this.deps.settings.all().filter((d) => d.enabled && d.scope === 'order');
    const changed: ExceptionRecord[] = [];
    this.orderBatch(tx, ids, detectors, this.facts.purchasesUnderWay(), now, emptyResult(), changed);
    return changed;
  }

  private async pass(): Promise<PassResult> {
    const { db, clock, settings } = this.deps;
    const result = emptyResult();
    const all = settings.all().filter((d) => d.enabled);
    const detectors = all.filter((d) => d.scope === 'order');
    const ids = new Set<string>();
    for (const s of WATCHED) {
      for (const id of this.watched.all(s) as string[]) ids.add(id);
      await yieldToLoop();
    }
    for (const id of this.withOpen.all() as string[]) ids.add(id);
    for (const id of this.withParcel.all() as string[]) ids.add(id);
    const list = [...ids];
    const purchases = this.facts.purchasesUnderWay();
    // Batches sized by time: a batch that opens many exceptions (each with its audit and sync
    // records) takes longer than one that only reads, so the size follows what the last one cost.
    let size = this.deps.batchSize ?? 100;
    for (let i = 0; i < list.length; ) {
      const started = performance.now();
      const changed: ExceptionRecord[] = [];
      const batch = list.slice(i, i + size);
      db.writes.run(SYSTEM, (tx) => this.orderBatch(tx, batch, detectors, purchases, clock.now(), result, changed));
      this.committed(changed);
      i += batch.length;
      result.batches++;
      const took = performance.now() - started;
      this.onBatch(batch.length, took);
      result.longestBatchMs = Math.max(result.longestBatchMs, took);
      if (!this.deps.batchSize) size = Math.max(20, Math.min(1000, Math.round(size * Math.min(2, Math.max(0.25, TARGET_BATCH_MS / Math.max(1, took))))));
      // Commits back to back would keep the lock from a job worker's import (its busy handler
      // only re-tries now and then): a thread waiting for it goes first.
      await letWaitingWritersGo();
    }
    result.orders = list.length;
    const changed: ExceptionRecord[] = [];
    db.writes.run(SYSTEM, (tx) => {
      const now = clock.now();
      for (const source of this.deps.health) {
        const d = all.find((x) => x.scope === source.kind);
        if (!d) continue;
        for (const subject of source.list(now)) {
          result.subjects++;
          this.subjectOne(tx, d, subject, now, result, changed);
        }
      }
      for (const r of this.due.all(now) as Record<string, unknown>[]) {
        const e = toRecord(r);
        this.deps.store.wake(tx, e, now);
        changed.push(e);
        result.woke++;
      }
    });
    this.committed(changed);
    return result;
  }

  private committed(changed: ExceptionRecord[]): void {
    if (changed.length) this.onCommitted(changed.map((e) => e.id));
  }

  private orderBatch(tx: WriteTx, ids: string[], detectors: DetectorConfig[], purchases: Map<string, number>, now: number, result: PassResult, changed: ExceptionRecord[]): void {
    const facts = this.facts.read(ids, now, purchases, this.deps.trackingOn());
    const existing = new Map<string, ExceptionRecord[]>();
    for (const r of this.ofOrders.all(JSON.stringify(ids)) as Record<string, unknown>[]) {
      const e = toRecord(r);
      const list = existing.get(e.subjectId);
      if (list) list.push(e);
      else existing.set(e.subjectId, [e]);
    }
    for (const f of facts) {
      const mine = existing.get(f.order.id) ?? [];
      for (const d of detectors) {
        const open = mine.find((e) => e.detector === d.code && e.state !== 'closed') ?? null;
        const silenced = mine.some((e) => e.detector === d.code && e.state === 'closed' && e.silenced);
        const decision = decide(d, withLimits(f, d), open, silenced);
        this.apply(tx, d, { kind: 'order', id: f.order.id, orderId: f.order.id, channelId: f.order.shopId }, decision, open, mine, now, result, changed);
      }
    }
    // Orders that no longer exist (merged away, removed): whatever was open on them has cleared.
    const seen = new Set(facts.map((f) => f.order.id));
    for (const [orderId, list] of existing) {
      if (seen.has(orderId)) continue;
      for (const e of list.filter((x) => x.state !== 'closed')) {
        this.deps.store.close(tx, e, { kind: 'cleared', code: e.detector, params: { gone: true }, actor: { id: null, name: 'system' }, silenced: false }, now);
        changed.push(e);
        result.cleared++;
      }
    }
  }

  private subjectOne(tx: WriteTx, d: DetectorConfig, s: HealthSubject, now: number, result: PassResult, changed: ExceptionRecord[]): void {
    const kind: SubjectKind = s.kind;
    const mine = (this.ofSubject.all(kind, s.id) as Record<string, unknown>[]).map(toRecord);
    const open = mine.find((e) => e.state !== 'closed') ?? null;
    const silenced = mine.some((e) => e.state === 'closed' && e.silenced);
    const decision = decide(d, { subject: s, limits: d.limits }, open, silenced);
    this.apply(tx, d, { kind, id: s.id, orderId: null, channelId: kind === 'channel' ? s.id : null }, decision, open, mine, now, result, changed);
  }

  private apply(
    tx: WriteTx, d: DetectorConfig, subject: { kind: SubjectKind; id: string; orderId: string | null; channelId: string | null },
    decision: Decision, open: ExceptionRecord | null, mine: ExceptionRecord[], now: number, result: PassResult, changed: ExceptionRecord[],
  ): void {
    const { store, listener } = this.deps;
    switch (decision.kind) {
      case 'none':
        return;
      case 'open': {
        const e = store.open(tx, d, subject, decision.severity, decision.params, now);
        listener?.opened(tx, e, now);
        changed.push(e);
        result.opened++;
        return;
      }
      case 'escalate': {
        store.escalate(tx, open!, decision.severity, decision.params, now);
        const e = { ...open!, severity: decision.severity, causeParams: decision.params };
        listener?.escalated(tx, e, now);
        changed.push(e);
        result.escalated++;
        return;
      }
      case 'clear':
        store.close(tx, open!, { kind: 'cleared', code: d.code, params: decision.params, actor: { id: null, name: 'system' }, silenced: false }, now);
        changed.push(open!);
        result.cleared++;
        return;
      case 'rearm':
        for (const e of mine.filter((x) => x.detector === d.code && x.silenced)) store.rearm(tx, e.id);
        return;
    }
  }
}

function withLimits(f: OrderDetectorFacts, d: DetectorConfig): object {
  return { order: f.order, shipment: f.shipment, history: f.history, confirm: f.confirm, limits: d.limits };
}

function emptyResult(): PassResult {
  return { orders: 0, subjects: 0, opened: 0, escalated: 0, cleared: 0, woke: 0, batches: 0, longestBatchMs: 0 };
}

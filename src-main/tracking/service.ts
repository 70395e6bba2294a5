import type { TrackingSettings } from '../../src-shared/contract/alerts';
import type { Database, WriteTx } from '../db';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import { endpointRefusal } from '../notify/endpoint-check';
import type { LifecycleApi } from '../orders/lifecycle/types';
import type { SealedSecrets } from '../secrets/sealed-secrets';
import { NEEDS_PHONE } from './carriers';
import { KUAIDI100_ENDPOINT, KUAIDI100_ORIGIN, queryTrack, type Kuaidi100Credentials, type QueryAnswer } from './kuaidi100';
import { ShipmentStore, type ShipmentRecord } from './shipments';

const SETTING = 'tracking.kuaidi100';
const SYSTEM = { actor: { id: null, name: 'system' }, call: 'tracking.poll' };
const say = (zh: string, _en: string) => zh;

interface Stored {
  enabled: boolean;
  endpoint: string | null;
}

/**
 * Logistics tracking (#12 §5): a parcel row per handed-over order, Kuaidi100 asked about active
 * parcels only, each on a schedule that slows with the parcel's age; what the carrier says updates
 * the shipment, moves a delivered order on (source: carrier) and re-runs the detectors on it.
 */
export class TrackingService {
  readonly shipments: ShipmentStore;
  private readonly readSetting;
  private running: Promise<number> | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private lastError: string | null = null;
  /** The detectors, told about orders whose parcel changed (inside the same transaction). */
  afterChange: (tx: WriteTx, orderIds: string[]) => void = () => {};

  constructor(private readonly deps: {
    db: Database;
    clock: Clock;
    secrets: SealedSecrets;
    lifecycle: LifecycleApi | null;
    log: Logger;
    fetch?: typeof fetch;
    /** Queries at most this often (ms) — a politeness gap between two requests. */
    gapMs?: number;
  }) {
    this.shipments = new ShipmentStore(deps.db.sqlite);
    this.readSetting = deps.db.sqlite.prepare('SELECT value_json FROM settings WHERE id = ?').pluck();
  }

  private stored(): Stored {
    const json = this.readSetting.get(SETTING) as string | undefined;
    return json ? { enabled: false, endpoint: null, ...(JSON.parse(json) as Partial<Stored>) } : { enabled: false, endpoint: null };
  }

  private credentials(): Kuaidi100Credentials | null {
    const c = this.deps.secrets.read<{ customer: string; key: string }>('tracking', 'kuaidi100');
    return c.customer && c.key ? { customer: c.customer, key: c.key } : null;
  }

  /** Tracking runs on this PC: switched on, and the account is stored here. */
  on(): boolean {
    return this.stored().enabled && this.credentials() !== null;
  }

  settings(): TrackingSettings {
    const s = this.stored();
    const c = this.deps.secrets.read<{ customer: string; key: string }>('tracking', 'kuaidi100');
    const now = this.deps.clock.now();
    const sqlite = this.deps.db.sqlite;
    return {
      enabled: s.enabled, customerSet: !!c.customer, keySet: !!c.key, endpoint: s.endpoint,
      active: sqlite.prepare('SELECT count(*) FROM shipments WHERE active = 1').pluck().get() as number,
      dueNow: sqlite.prepare('SELECT count(*) FROM shipment_polls p JOIN shipments s ON s.id = p.shipment_id WHERE s.active = 1 AND p.next_poll_at <= ?').pluck().get(now) as number,
      lastError: this.lastError,
    };
  }

  /** Returns the refusal in words, or null when saved. Secrets: a value replaces, '' removes, omitted keeps. */
  save(ctx: Parameters<Database['writes']['run']>[0], change: { enabled?: boolean | undefined; customer?: string | undefined; key?: string | undefined; endpoint?: string | undefined }, s: (zh: string, en: string) => string): string | null {
    const now = this.deps.clock.now();
    const current = this.stored();
    const endpoint = change.endpoint === undefined ? current.endpoint : change.endpoint === '' ? null : change.endpoint;
    if (endpoint) {
      const why = endpointRefusal(this.deps.db.sqlite, endpoint, [KUAIDI100_ORIGIN], s);
      if (why) return why;
    }
    const next: Stored = { enabled: change.enabled ?? current.enabled, endpoint };
    this.deps.db.writes.run(ctx, (tx) => {
      const exists = this.readSetting.get(SETTING) !== undefined;
      if (exists) tx.update('settings', SETTING, { valueJson: JSON.stringify(next), updatedAt: now });
      else tx.insert('settings', { id: SETTING, valueJson: JSON.stringify(next), updatedAt: now });
      // Secrets are never in the audit record: only that they changed.
      if (change.customer !== undefined || change.key !== undefined) tx.note({ entity: 'tracking', entityId: 'kuaidi100', action: 'secrets_changed', after: { customer: change.customer !== undefined, key: change.key !== undefined } });
    });
    this.deps.secrets.write('tracking', 'kuaidi100', { customer: change.customer, key: change.key }, now);
    return null;
  }

  /** Parcel rows for orders that have a tracking number but none yet (also run from the lifecycle's hooks). */
  ensureShipments(): number {
    const now = this.deps.clock.now();
    return this.deps.db.writes.run(SYSTEM, (tx) => this.shipments.ensureAll(tx, now).length);
  }

  /** One round: create missing parcel rows, then ask about the ones due (at most `limit`). */
  poll(limit = 200): Promise<number> {
    this.running ??= this.round(limit).finally(() => (this.running = null));
    return this.running;
  }

  start(intervalMs = 60_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.poll().catch((e: unknown) => this.deps.log.error('tracking poll failed', e)), intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => undefined);
  }

  /** Asks about one order's parcel now (a person pressed 刷新轨迹). */
  async pollOrder(orderId: string): Promise<void> {
    this.ensureShipments();
    const s = this.shipments.latestFor(orderId);
    if (s?.carrierCode && s.active) await this.pollOne(s, this.endpoint(), this.credentials());
  }

  private endpoint(): string {
    return this.stored().endpoint ?? KUAIDI100_ENDPOINT;
  }

  private async round(limit: number): Promise<number> {
    this.ensureShipments();
    if (!this.on()) return 0;
    const endpoint = this.endpoint();
    const why = endpointRefusal(this.deps.db.sqlite, endpoint, [KUAIDI100_ORIGIN], say);
    if (why) {
      this.lastError = why;
      return 0;
    }
    const creds = this.credentials();
    let n = 0;
    for (const id of this.shipments.dueIds(this.deps.clock.now(), limit)) {
      const s = this.shipments.get(id);
      if (!s) continue;
      await this.pollOne(s, endpoint, creds);
      n++;
      if (this.deps.gapMs) await this.deps.clock.sleep(this.deps.gapMs);
    }
    return n;
  }

  private async pollOne(s: ShipmentRecord, endpoint: string, creds: Kuaidi100Credentials | null): Promise<void> {
    if (!creds || !s.carrierCode) return;
    const phone = NEEDS_PHONE.has(s.carrierCode) ? this.shipments.phoneOf(s.orderId) : null;
    const answer = await queryTrack(endpoint, creds, { com: s.carrierCode, num: s.trackingNo, phone }, this.deps.fetch);
    this.record(s, answer);
  }

  private record(s: ShipmentRecord, a: QueryAnswer): void {
    const now = this.deps.clock.now();
    const { lifecycle } = this.deps;
    this.deps.db.writes.run(SYSTEM, (tx) => {
      const current = this.shipments.get(s.id) ?? s;
      if (!a.ok) {
        // No result yet is normal for a fresh parcel: ask again on the age schedule.
        const failures = a.kind === 'no_result' ? 0 : this.shipments.failures(s.id) + 1;
        this.lastError = a.kind === 'no_result' ? null : `${a.code} ${a.message}`;
        this.shipments.schedule(current, current.state, failures, a.kind === 'no_result' ? null : `${a.code} ${a.message}`.slice(0, 300), now);
        if (a.kind !== 'no_result') this.deps.log.warn('kuaidi100 query failed', { trackingNo: s.trackingNo, code: a.code, message: a.message });
        return;
      }
      this.lastError = null;
      const r = this.shipments.applyAnswer(tx, current, a, now);
      if (!r.changed) return;
      if (lifecycle && r.state !== 'created') {
        // The carrier's scans are facts: picked up → 已发货, signed for → 已签收 (the machine checks the move).
        const statusOf = () => this.deps.db.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(s.orderId) as string | undefined;
        if (statusOf() === 'handed_over') lifecycle.transition(tx, { orderId: s.orderId, to: 'shipped', source: 'carrier' });
        if (r.state === 'delivered' && statusOf() === 'shipped') lifecycle.transition(tx, { orderId: s.orderId, to: 'delivered', source: 'carrier' });
      }
      this.afterChange(tx, [s.orderId]);
    });
  }
}

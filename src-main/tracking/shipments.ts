import { uuidv7 } from '../kernel/ids';
import { FINAL_SHIPMENT_STATES, type ShipmentState } from '../../src-shared/exceptions';
import type { ShipmentView } from '../../src-shared/contract/exceptions';
import type { Sqlite, WriteTx } from '../db';
import { oldestFirst } from '../kernel/sort';
import { carrierCode } from './carriers';
import type { TrackEvent } from './kuaidi100';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

interface ParcelKey { id: string; createdAt: number }
const createdFirst = oldestFirst<ParcelKey>((s) => s.createdAt);

/** Parcels are not followed past this age (a lost parcel is an exception long before). */
export const TRACKING_HORIZON_MS = 30 * DAY;

export interface ShipmentRecord {
  id: string;
  orderId: string;
  carrier: string | null;
  carrierCode: string | null;
  trackingNo: string;
  state: ShipmentState;
  createdAt: number;
  pickedUpAt: number | null;
  lastEventAt: number | null;
  active: boolean;
}

/**
 * The next time to ask about a parcel: an eighth of its age, between 30 min and 12 h (fresh
 * parcels move fast, old ones slowly); out for delivery at least hourly; failures back off on top.
 */
export function nextPollDelay(ageMs: number, state: ShipmentState, failures: number): number {
  let delay = Math.min(12 * HOUR, Math.max(30 * MIN, ageMs / 8));
  if (state === 'out_for_delivery') delay = Math.min(delay, HOUR);
  if (failures > 0) delay = Math.min(12 * HOUR, delay + 5 * MIN * 2 ** Math.min(failures - 1, 7));
  return Math.round(delay);
}

const COLUMNS = `id, order_id AS orderId, carrier, carrier_code AS carrierCode, tracking_no AS trackingNo, state, created_at AS createdAt,
  picked_up_at AS pickedUpAt, last_event_at AS lastEventAt, active`;

/** Shipments (synced, through the write path) and this PC's poll schedule (local). */
export class ShipmentStore {
  private readonly byOrder;
  private readonly byId;
  private readonly missing;
  private readonly pollRow;
  private readonly setPoll;
  private readonly due;
  private readonly events;
  private readonly orderPhone;

  constructor(private readonly sqlite: Sqlite) {
    // An order's few parcels, newest picked in JS: an ORDER BY here cost a sorter on every shipped order ingested.
    this.byOrder = sqlite.prepare(`SELECT ${COLUMNS} FROM shipments WHERE order_id = ?`);
    this.byId = sqlite.prepare(`SELECT ${COLUMNS} FROM shipments WHERE id = ?`);
    // Orders that carry a tracking number on their way out but have no parcel row for it yet.
    this.missing = sqlite.prepare(
      `SELECT o.id, o.carrier, o.tracking_no AS trackingNo, c.kind, coalesce(o.shipped_at, o.status_at) AS at FROM orders o JOIN channels c ON c.id = o.channel_id
       WHERE o.status IN ('handed_over', 'shipped') AND o.tracking_no IS NOT NULL AND trim(o.tracking_no) <> ''
         AND NOT EXISTS (SELECT 1 FROM shipments s WHERE s.order_id = o.id AND s.tracking_no = o.tracking_no)`,
    );
    this.pollRow = sqlite.prepare('SELECT next_poll_at AS nextPollAt, failures, last_error AS lastError FROM shipment_polls WHERE shipment_id = ?');
    this.setPoll = sqlite.prepare(
      `INSERT INTO shipment_polls (shipment_id, next_poll_at, last_polled_at, failures, last_error) VALUES (@id, @next, @polled, @failures, @error)
       ON CONFLICT (shipment_id) DO UPDATE SET next_poll_at = @next, last_polled_at = coalesce(@polled, last_polled_at), failures = @failures, last_error = @error`,
    );
    this.due = sqlite.prepare(
      `SELECT s.id FROM shipment_polls p JOIN shipments s ON s.id = p.shipment_id
       WHERE p.next_poll_at <= ? AND s.active = 1 AND s.carrier_code IS NOT NULL ORDER BY p.next_poll_at LIMIT ?`,
    ).pluck();
    this.events = sqlite.prepare('SELECT at, context, area, status FROM shipment_events WHERE shipment_id = ? ORDER BY at DESC, id DESC LIMIT 100');
    this.orderPhone = sqlite.prepare('SELECT phone_last4 FROM orders WHERE id = ?').pluck();
  }

  latestFor(orderId: string): ShipmentRecord | null {
    const r = this.newest(orderId) as (Omit<ShipmentRecord, 'active'> & { active: number }) | undefined;
    return r ? { ...r, active: r.active === 1 } : null;
  }

  get(id: string): ShipmentRecord | null {
    const r = this.byId.get(id) as (Omit<ShipmentRecord, 'active'> & { active: number }) | undefined;
    return r ? { ...r, active: r.active === 1 } : null;
  }

  phoneOf(orderId: string): string | null {
    return (this.orderPhone.get(orderId) as string | null | undefined) ?? null;
  }

  /** A parcel row for every order handed over / shipped with a tracking number; returns the new ones. */
  ensureAll(tx: WriteTx, now: number): ShipmentRecord[] {
    const rows = this.missing.all() as { id: string; carrier: string | null; trackingNo: string; kind: string; at: number | null }[];
    return rows.map((r) => this.create(tx, { orderId: r.id, carrier: r.carrier, trackingNo: r.trackingNo, channelKind: r.kind, at: r.at ?? now }, now));
  }

  create(tx: WriteTx, s: { orderId: string; carrier: string | null; trackingNo: string; channelKind: string | null; at: number }, now: number): ShipmentRecord {
    const id = uuidv7();
    const code = carrierCode(s.carrier, s.channelKind);
    const at = Math.min(s.at, now);
    tx.insert('shipments', {
      id, orderId: s.orderId, carrier: s.carrier, carrierCode: code, trackingNo: s.trackingNo.trim(), state: 'created', carrierState: null,
      createdAt: at, pickedUpAt: null, deliveredAt: null, stateAt: at, lastEventAt: null, lastEventText: null, lastEventArea: null,
      active: at > now - TRACKING_HORIZON_MS, updatedAt: now,
    });
    this.setPoll.run({ id, next: now, polled: null, failures: 0, error: null });
    return this.get(id)!;
  }

  dueIds(now: number, limit: number): string[] {
    return this.due.all(now, limit) as string[];
  }

  /** What the carrier said: new trail events, the state, pickup/delivery times; the next poll by age. */
  applyAnswer(tx: WriteTx, s: ShipmentRecord, a: { state: ShipmentState; carrierState: string; events: TrackEvent[] }, now: number): { changed: boolean; state: ShipmentState } {
    const known = new Set((this.events.all(s.id) as TrackEvent[]).map((e) => `${e.at}|${e.context}`));
    const fresh = a.events.filter((e) => !known.has(`${e.at}|${e.context}`));
    for (const e of fresh) tx.insert('shipment_events', { id: uuidv7(), shipmentId: s.id, at: e.at, context: e.context, area: e.area, status: e.status });
    const last = a.events[a.events.length - 1] ?? null;
    const state = a.state === 'created' && a.events.length ? 'in_transit' : a.state;
    const final = FINAL_SHIPMENT_STATES.includes(state);
    const patch: Record<string, unknown> = {
      state, carrierState: a.carrierState, active: !final && s.createdAt > now - TRACKING_HORIZON_MS,
    };
    if (state !== s.state) patch.stateAt = last?.at ?? now;
    if (last) Object.assign(patch, { lastEventAt: last.at, lastEventText: last.context, lastEventArea: last.area });
    if (s.pickedUpAt === null && (a.events.length || state !== 'created')) patch.pickedUpAt = a.events[0]?.at ?? now;
    if (state === 'delivered') patch.deliveredAt = last?.at ?? now;
    const changed = tx.update('shipments', s.id, { ...patch, updatedAt: now }) !== null || fresh.length > 0;
    this.schedule(s, state, 0, null, now);
    return { changed, state };
  }

  /** Nothing new, or a failure: ask again later (failures back off). */
  schedule(s: ShipmentRecord, state: ShipmentState, failures: number, error: string | null, now: number): void {
    this.setPoll.run({ id: s.id, next: now + nextPollDelay(now - s.createdAt, state, failures), polled: now, failures, error });
  }

  /** The order's latest parcel: the newest by creation, then by id. */
  private newest(orderId: string): ParcelKey | undefined {
    const rows = this.byOrder.all(orderId) as ParcelKey[];
    return rows.reduce<ParcelKey | undefined>((best, r) => (!best || createdFirst(best, r) < 0 ? r : best), undefined);
  }

  failures(id: string): number {
    return ((this.pollRow.get(id) as { failures: number } | undefined)?.failures) ?? 0;
  }

  view(orderId: string): ShipmentView | null {
    const s = this.newest(orderId) as Record<string, unknown> | undefined;
    if (!s) return null;
    const full = this.sqlite.prepare(`SELECT delivered_at AS deliveredAt, last_event_text AS lastEventText FROM shipments WHERE id = ?`).get(s.id) as { deliveredAt: number | null; lastEventText: string | null };
    const poll = this.pollRow.get(s.id) as { nextPollAt: number } | undefined;
    return {
      ...(s as unknown as ShipmentRecord), ...full, active: s.active === 1, nextPollAt: s.active === 1 ? poll?.nextPollAt ?? null : null,
      events: this.events.all(s.id) as ShipmentView['events'],
    } as ShipmentView;
  }
}

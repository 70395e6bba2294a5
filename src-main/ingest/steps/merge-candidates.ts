import { uuidv7 } from '../../kernel/ids';
import type { Sqlite, WriteTx } from '../../db';
import { oldestFirst } from '../../kernel/sort';

const AWAITING = ['pending_review', 'to_route', 'to_ship'];

interface Row {
  id: string;
  status: string;
  mergeGroup: string | null;
  receiverName: string | null;
  receiverPhone: string | null;
  phoneLast4: string | null;
  province: string | null;
  city: string | null;
  district: string | null;
  addressDetail: string | null;
}

const SAME_RECEIVER_WHERE = `phone_last4 IS ? AND receiver_name = ? AND receiver_phone = ? AND province IS ? AND city IS ?
    AND district IS ? AND address_detail = ? AND status IN ('pending_review', 'to_route', 'to_ship') AND id <> ?`;
/** A group names at most this many peers, the oldest first. */
const MAX_PEERS = 50;
/** Read unordered up to this many; a receiver with more open orders is read through the ordered statement. */
const UNORDERED_BOUND = 200;

/**
 * Other open orders of the same receiver. Sought through orders_phone_idx by the last four digits
 * and the phone together: by the last four alone it met ~500 orders per look-up at 5 M orders.
 * No ORDER BY: it cost a sorter on every ingested order (~50 µs inside the write transaction);
 * the few rows found are sorted in JS.
 */
export const SAME_RECEIVER_SQL = `SELECT id, merge_group AS mergeGroup, created_at AS createdAt FROM orders
  WHERE ${SAME_RECEIVER_WHERE} LIMIT ${UNORDERED_BOUND + 1}`;
const OLDEST_SAME_RECEIVER_SQL = `SELECT id, merge_group AS mergeGroup, created_at AS createdAt FROM orders
  WHERE ${SAME_RECEIVER_WHERE} ORDER BY created_at, id LIMIT ${MAX_PEERS}`;

interface Peer {
  id: string;
  mergeGroup: string | null;
  createdAt: number;
}
const oldestPeerFirst = oldestFirst<Peer>((p) => p.createdAt);

/**
 * 可合单: orders for the same receiver (name + phone + full address), all still awaiting
 * shipment, across channels, share a merge group so the warehouse can ship them together.
 * An order that leaves "awaiting shipment" leaves its group.
 */
export class MergeCandidates {
  private readonly get;
  private readonly peers;
  private readonly oldestPeers;
  private readonly members;

  constructor(sqlite: Sqlite) {
    const cols = `id, status, merge_group AS mergeGroup, receiver_name AS receiverName, receiver_phone AS receiverPhone,
      phone_last4 AS phoneLast4, province, city, district, address_detail AS addressDetail`;
    this.get = sqlite.prepare(`SELECT ${cols} FROM orders WHERE id = ?`);
    this.peers = sqlite.prepare(SAME_RECEIVER_SQL);
    this.oldestPeers = sqlite.prepare(OLDEST_SAME_RECEIVER_SQL);
    // Members share the receiver, so the phone index finds them (merge_group itself has no index).
    this.members = sqlite.prepare('SELECT id FROM orders WHERE phone_last4 IS ? AND merge_group = ? AND id <> ?').pluck();
  }

  /** Re-evaluates one order after its upsert; returns its merge group (or null). */
  update(tx: WriteTx, orderId: string, now: number): string | null {
    const o = this.get.get(orderId) as Row;
    if (!AWAITING.includes(o.status) || !o.receiverName || !o.receiverPhone || !o.addressDetail) {
      if (o.mergeGroup) this.leave(tx, o, now);
      return null;
    }
    const peers = this.peersOf(o);
    if (!peers.length) {
      if (o.mergeGroup) this.leave(tx, o, now);
      return null;
    }
    const group = o.mergeGroup ?? peers.find((p) => p.mergeGroup)?.mergeGroup ?? uuidv7();
    for (const m of [{ id: o.id, mergeGroup: o.mergeGroup }, ...peers]) {
      if (m.mergeGroup === group) continue;
      tx.update('orders', m.id, { mergeGroup: group, modifiedAt: now });
      this.event(tx, m.id, now, { mergeGroup: group, with: [o.id, ...peers.map((p) => p.id)].filter((x) => x !== m.id) });
    }
    return group;
  }

  /** Up to MAX_PEERS other open orders of this receiver, the oldest first. */
  private peersOf(o: Row): Peer[] {
    const args = [o.phoneLast4, o.receiverName, o.receiverPhone, o.province, o.city, o.district, o.addressDetail, o.id];
    const found = this.peers.all(...args) as Peer[];
    if (found.length > UNORDERED_BOUND) return this.oldestPeers.all(...args) as Peer[];
    return found.sort(oldestPeerFirst).slice(0, MAX_PEERS);
  }

  private leave(tx: WriteTx, o: Row, now: number): void {
    const group = o.mergeGroup!;
    tx.update('orders', o.id, { mergeGroup: null, modifiedAt: now });
    this.event(tx, o.id, now, { mergeGroup: null, left: group });
    const rest = this.members.all(o.phoneLast4, group, o.id) as string[];
    if (rest.length === 1) {
      tx.update('orders', rest[0]!, { mergeGroup: null, modifiedAt: now });
      this.event(tx, rest[0]!, now, { mergeGroup: null, left: group });
    }
  }

  private event(tx: WriteTx, orderId: string, now: number, detail: object): void {
    tx.insert('order_events', {
      id: uuidv7(), orderId, at: now, type: 'merge_candidate', actorId: tx.ctx.actor.id, actorName: tx.ctx.actor.name,
      fromStatus: null, toStatus: null, detailJson: JSON.stringify(detail),
    });
  }
}

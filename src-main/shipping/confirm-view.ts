import type { RecentShipment, ShipmentConfirmationView } from '../../src-shared/contract/shipping';
import type { Sqlite } from '../db';

const cols = (t: string) => `${t}.id, ${t}.tracking_no AS trackingNo, ${t}.carrier, ${t}.state, ${t}.attempts, ${t}.next_attempt_at AS nextAttemptAt,
  ${t}.error_code AS errorCode, ${t}.error_params_json AS errorParamsJson, ${t}.confirmed_at AS confirmedAt, ${t}.confirmed_by AS confirmedBy,
  ${t}.created_at AS createdAt`;

type Raw<T> = Omit<T, 'error'> & { errorCode: string | null; errorParamsJson: string | null };

/** The stored failure or refusal (code + params) as the views carry it. */
function withError<T extends ShipmentConfirmationView>({ errorCode, errorParamsJson, ...r }: Raw<T>): T {
  return { ...r, error: errorCode ? { code: errorCode, params: errorParamsJson ? (JSON.parse(errorParamsJson) as Record<string, unknown>) : {} } : null } as unknown as T;
}

/** An order's 发货回传 rows as the order drawer shows them, newest first. */
export function confirmationsReader(sqlite: Sqlite): (orderId: string) => ShipmentConfirmationView[] {
  const q = sqlite.prepare(`SELECT ${cols('s')} FROM shipment_confirmations s WHERE s.order_id = ? ORDER BY s.created_at DESC, s.id DESC`);
  return (orderId) => (q.all(orderId) as Raw<ShipmentConfirmationView>[]).map(withError);
}

/** The latest shipments (all shops), newest first, for the scan screen. */
export function recentReader(sqlite: Sqlite): (limit: number) => RecentShipment[] {
  const q = sqlite.prepare(
    `SELECT ${cols('s')}, s.order_id AS orderId, o.platform_order_id AS orderNo, c.name AS shopName
     FROM shipment_confirmations s JOIN orders o ON o.id = s.order_id JOIN channels c ON c.id = o.channel_id
     ORDER BY s.created_at DESC, s.id DESC LIMIT ?`,
  );
  return (limit) => (q.all(limit) as Raw<RecentShipment>[]).map(withError);
}

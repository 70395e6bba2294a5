import type { ShipmentConfirmationView } from '../../src-shared/contract/shipping';
import type { Sqlite } from '../db';

const COLS = `id, tracking_no AS trackingNo, carrier, state, attempts, next_attempt_at AS nextAttemptAt, error_code AS errorCode,
  error_params_json AS errorParamsJson, confirmed_at AS confirmedAt, confirmed_by AS confirmedBy, created_at AS createdAt`;

/** An order's 发货回传 rows as the order drawer and the scan screen show them. */
export function confirmationsReader(sqlite: Sqlite): (orderId: string) => ShipmentConfirmationView[] {
  const q = sqlite.prepare(`SELECT ${COLS} FROM shipment_confirmations WHERE order_id = ? ORDER BY created_at DESC, id DESC`);
  return (orderId) => (q.all(orderId) as (Omit<ShipmentConfirmationView, 'error'> & { errorCode: string | null; errorParamsJson: string | null })[])
    .map(({ errorCode, errorParamsJson, ...r }) => ({ ...r, error: errorCode ? { code: errorCode, params: errorParamsJson ? JSON.parse(errorParamsJson) : {} } : null }));
}

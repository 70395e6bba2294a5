import type { ErpLane, ErpRejectView } from '../../src-shared/contract/erp';
import type { ErpReason } from '../../src-shared/erp';
import type { Sqlite } from '../db';

export interface RejectInput {
  rowKey: string | null;
  field: string | null;
  value: string | null;
  reason: ErpReason;
  raw: unknown;
}

/**
 * Rows the bridge could not use or write, kept verbatim with the reason (code + params) while the
 * rest of the batch goes on. A row's reject is resolved when a later run of its lane uses it.
 */
export class ErpRejects {
  private readonly add;
  private readonly resolveKey;
  private readonly resolveLane;
  private readonly openRows;

  constructor(sqlite: Sqlite) {
    this.add = sqlite.prepare(
      `INSERT INTO erp_rejects (connection_id, job_id, lane, row_key, field, value, reason_code, reason_params, raw_json, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    this.resolveKey = sqlite.prepare('UPDATE erp_rejects SET resolved_at = ? WHERE connection_id = ? AND lane = ? AND row_key = ? AND resolved_at IS NULL');
    this.resolveLane = sqlite.prepare(
      'UPDATE erp_rejects SET resolved_at = ? WHERE connection_id = ? AND lane = ? AND resolved_at IS NULL AND (job_id IS NULL OR job_id <> ?)',
    );
    this.openRows = sqlite.prepare(
      `SELECT r.id, r.lane, r.row_key AS rowKey, coalesce(o.platform_order_id, lo.platform_order_id, r.row_key) AS rowLabel, r.field, r.value,
              r.reason_code AS reasonCode, r.reason_params AS reasonParams, r.raw_json AS raw, r.at
         FROM erp_rejects r
         LEFT JOIN orders o ON r.lane = 'orders' AND o.id = r.row_key
         LEFT JOIN orders lo ON r.lane = 'locks' AND lo.id = substr(r.row_key, 1, 36)
        WHERE r.connection_id = ? AND r.resolved_at IS NULL ORDER BY r.at DESC, r.id DESC LIMIT ?`,
    );
  }

  /** Call inside the batch's transaction, so the reject and the rows that went through commit together. */
  record(connectionId: string, jobId: string | null, lane: ErpLane, r: RejectInput, now = Date.now()): void {
    if (r.rowKey) this.resolveKey.run(now, connectionId, lane, r.rowKey);
    this.add.run(connectionId, jobId, lane, r.rowKey, r.field, r.value, r.reason.code, JSON.stringify(r.reason.params), JSON.stringify(r.raw, bigints), now);
  }

  resolved(connectionId: string, lane: ErpLane, rowKey: string, now = Date.now()): void {
    this.resolveKey.run(now, connectionId, lane, rowKey);
  }

  /** A full run of a lane re-reads every row: rejects of earlier runs are settled by it. */
  settleEarlier(connectionId: string, lane: ErpLane, jobId: string, now = Date.now()): void {
    this.resolveLane.run(now, connectionId, lane, jobId);
  }

  open(connectionId: string, limit: number): ErpRejectView[] {
    return (this.openRows.all(connectionId, limit) as {
      id: number; lane: ErpLane; rowKey: string | null; rowLabel: string | null; field: string | null; value: string | null; reasonCode: string; reasonParams: string; raw: string; at: number;
    }[]).map((r) => ({
      id: r.id, lane: r.lane, rowKey: r.rowKey, rowLabel: r.rowLabel, field: r.field, value: r.value,
      reason: { code: r.reasonCode, params: JSON.parse(r.reasonParams) } as ErpReason, raw: r.raw, at: r.at,
    }));
  }
}

const bigints = (_k: string, v: unknown) => (typeof v === 'bigint' ? v.toString() : v);

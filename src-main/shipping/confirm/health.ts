import type { Sqlite } from '../../db';
import type { ChannelConfirmHealth } from '../../../src-shared/contract/channels';

/** Sends that failed this many times in a row make the shop's 发货回传 "keep failing". */
export const FAILING_AFTER = 3;
/** Refusals this recent count on the shop's health (each is also an exception on its order). */
const REFUSED_WINDOW_MS = 7 * 86_400_000;

/**
 * 发货回传 on a shop's health (channels.list): rows still waiting after failing FAILING_AFTER times,
 * refusals of the last week, and the latest failure or refusal as code + params (the screen words
 * it with confirmErrorText). Reads the outbox only; `shipment_confirmations_state_idx` covers it.
 */
export function confirmHealthReader(sqlite: Sqlite): (channelId: string, now: number) => ChannelConfirmHealth {
  const counts = sqlite.prepare(
    `SELECT coalesce(sum(state = 'pending' AND attempts >= ${FAILING_AFTER}), 0) AS failing,
            coalesce(sum(state = 'refused' AND updated_at >= ?), 0) AS refused
     FROM shipment_confirmations WHERE channel_id = ? AND state IN ('pending', 'refused')`,
  );
  const last = sqlite.prepare(
    `SELECT error_code AS code, error_params_json AS params, updated_at AS at, tracking_no AS trackingNo, platform_order_id AS orderNo
     FROM shipment_confirmations
     WHERE channel_id = ? AND error_code IS NOT NULL AND ((state = 'pending' AND attempts >= ${FAILING_AFTER}) OR (state = 'refused' AND updated_at >= ?))
     ORDER BY updated_at DESC LIMIT 1`,
  );
  return (channelId, now) => {
    const since = now - REFUSED_WINDOW_MS;
    const c = counts.get(since, channelId) as { failing: number; refused: number };
    const l = last.get(channelId, since) as { code: string; params: string | null; at: number; trackingNo: string; orderNo: string } | undefined;
    return {
      failing: c.failing,
      refused: c.refused,
      last: l ? { code: l.code, params: l.params ? (JSON.parse(l.params) as Record<string, unknown>) : {}, at: l.at, trackingNo: l.trackingNo, orderNo: l.orderNo } : null,
    };
  };
}

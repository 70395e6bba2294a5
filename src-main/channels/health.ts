import { authMode } from '../../src-shared/channel-credentials';
import type { ChannelAuthView } from '../../src-shared/channel-auth';
import type { ChannelConfirmHealth, ChannelHealth, ChannelView } from '../../src-shared/contract/channels';
import type { ChannelRecord } from './channel-store';
import { isDemo } from './demo-feed';
import type { ChannelsService } from './service';

/** What the channels handlers count for a shop's health from the tables (quarantine, unmapped statuses, 发货回传). */
export interface ChannelCounts {
  quarantine: number;
  unmapped: number;
  confirmations: ChannelConfirmHealth;
}

/** A channel as the screen shows it: settings without secrets, and its health. */
export function channelView(svc: ChannelsService, ch: ChannelRecord, counts: ChannelCounts): ChannelView {
  const me = svc.poller.deviceId;
  return {
    id: ch.id, kind: ch.kind, name: ch.name, paused: ch.paused, config: ch.config, secretsSet: ch.secretsSet, health: health(svc, ch, counts),
    poller: { deviceId: ch.pollerDeviceId, thisPc: ch.pollerDeviceId === null || ch.pollerDeviceId === me, failoverMinutes: ch.pollerFailoverMinutes },
    authMode: authMode(ch.kind, ch.config), auth: authView(svc, ch.id), demo: (ch.config as Record<string, unknown>).demo === true,
    printing: { packingSlipAmounts: (ch.config as Record<string, unknown>).packingSlipAmounts === true },
  };
}

function authView(svc: ChannelsService, channelId: string): ChannelAuthView | null {
  const row = svc.auth.store.get(channelId);
  if (!row) return null;
  const { channelId: _c, failures: _f, facts: _x, ...view } = row;
  return view;
}

function health(svc: ChannelsService, ch: ChannelRecord, counts: ChannelCounts): ChannelHealth {
  // Another PC polls this shop: its health comes from the shared channel_health row it writes.
  const shared = ch.pollerDeviceId && ch.pollerDeviceId !== svc.poller.deviceId ? svc.poller.sharedHealth(ch.id) : null;
  const s = shared ? { ...svc.poller.states.get(ch.id), ...shared } : svc.poller.states.get(ch.id);
  const conn = svc.connectorFor(ch.kind);
  const now = svc.poller.clock.now();
  const end = now - (conn?.limits.endLagMs ?? 0);
  const interval = Number(ch.config.pollIntervalSeconds ?? 60) * 1000;
  // Behind by more than two intervals: a backfill or a catch-up after the PC was off.
  const behind = !isDemo(ch) && s.backfillFrom !== null && (s.cursorAt === null || end - s.cursorAt > 2 * interval + (conn?.limits.overlapMs ?? 0));
  const from = s.backfillFrom ?? now;
  const gaps = s.backfillFrom !== null && s.cursorAt !== null ? svc.ledger.gaps(ch.id, Math.max(s.backfillFrom, s.cursorAt - 3 * 86_400_000), s.cursorAt, 100, s.backfillFrom).length : 0;
  return {
    state: ch.paused ? 'paused' : s.state,
    lastSuccessAt: s.lastSuccessAt,
    lastErrorAt: s.lastErrorAt,
    lastError: s.lastError,
    nextPollAt: ch.paused || s.state === 'reauth' ? null : s.nextPollAt,
    ordersPerMinute: svc.poller.ordersPerMinute(ch.id),
    polling: svc.poller.isPolling(ch.id),
    cursorAt: s.cursorAt,
    backfill: behind ? { from, to: end, progress: end > from ? Math.max(0, Math.min(1, ((s.cursorAt ?? from) - from) / (end - from))) : 0 } : null,
    gaps,
    openQuarantine: counts.quarantine,
    unmappedStatuses: counts.unmapped,
    confirmations: counts.confirmations,
  };
}

import type { Database } from '../db';
import type { SyncService } from './service';

export interface PolledChannel {
  id: string;
  pollerDeviceId: string | null;
  pollerFailoverMinutes: number;
  updatedAt: number;
}

/**
 * Which shops this PC polls, so two PCs never poll the same shop. Alone (not in a team) it
 * polls every shop. In a team it polls the shops assigned to it while it is in touch with the
 * cloud (a PC cut off for longer than the failover time stops: another may have taken over);
 * and it takes a shop over when the assigned PC has been silent (no heartbeat in the shared
 * channel health) for the channel's failover time while this PC is in touch.
 */
export function pollGate(db: Database, sync: SyncService, now: () => number = Date.now) {
  const heartbeat = db.sqlite.prepare('SELECT heartbeat_at FROM channel_health WHERE channel_id = ?').pluck();
  return (ch: PolledChannel): boolean => {
    if (!sync.enrolled) return true;
    const me = db.writes.deviceId;
    const failoverMs = ch.pollerFailoverMinutes * 60_000;
    const t = now();
    const inTouch = sync.lastSuccessAt !== null && t - sync.lastSuccessAt < failoverMs;
    if (ch.pollerDeviceId === me) return inTouch;
    if (!inTouch) return false;
    const last = (heartbeat.get(ch.id) as number | null | undefined) ?? ch.updatedAt;
    if (ch.pollerDeviceId !== null && t - last < failoverMs) return false;
    // The claim carries a fresh heartbeat, so no other PC sees the shop as silent and claims it back.
    db.writes.run({ actor: { id: null, name: 'sync' }, call: 'sync.failover', reason: `poller ${ch.pollerDeviceId ?? 'none'} silent since ${new Date(last).toISOString()}` }, (tx) => {
      tx.update('channels', ch.id, { pollerDeviceId: me, updatedAt: t });
      if (heartbeat.get(ch.id) === undefined) tx.insert('channel_health', { channelId: ch.id, state: 'active', failures: 0, polledBy: me, heartbeatAt: t, updatedAt: t });
      else tx.update('channel_health', ch.id, { polledBy: me, heartbeatAt: t, updatedAt: t });
    });
    return true;
  };
}

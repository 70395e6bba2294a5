import { requireUser, type Handlers } from '../kernel/call';
import type { UnmappedStatusView } from '../../src-shared/contract/channels';
import { ApiError } from '../../src-shared/errors';
import { CHANNEL_KINDS } from '../../src-shared/orders';
import type { Database } from '../db';
import type { ChannelsService } from './service';
import type { IngestPipeline } from '../ingest/pipeline';
import type { ChannelRecord } from './channel-store';
import { ConnectorError } from './connector';
import { coverageDays } from './coverage-view';
import { OFFICIAL_ENDPOINTS } from './endpoints';
import { describeError } from './error-words';
import { channelView } from './health';
import { reprocessChannel } from './reprocess';
import { isDemo } from './demo-feed';
import { channelAuthHandlers } from './auth/handlers';
import { mapStatus } from './map-status';
import { TOKEN_FIELDS } from '../../src-shared/channel-credentials';
import { confirmHealthReader } from '../shipping/confirm/health';

type ChannelCalls =
  | 'channels.kinds' | 'channels.list' | 'channels.create' | 'channels.update' | 'channels.setPrinting' | 'channels.pause' | 'channels.resume'
  | 'channels.setPoller' | 'channels.test' | 'channels.pollNow' | 'channels.coverage' | 'channels.quarantine' | 'channels.reprocess' | 'channels.unmapped'
  | 'channels.endpoints' | 'workspace.setCustomEndpoints' | 'channels.authorize' | 'channels.authorizeStatus' | 'channels.mapStatus'
  | 'channels.statusOverrides';

export function channelHandlers({ db, channels: svc, pipeline }: { db: Database; channels: ChannelsService; pipeline: IngestPipeline }): Pick<Handlers, ChannelCalls> {
  const counts = db.sqlite.prepare(
    `SELECT (SELECT COUNT(*) FROM channel_quarantine WHERE channel_id = ? AND resolved_at IS NULL) AS quarantine,
            (SELECT COUNT(*) FROM channel_unmapped WHERE channel_id = ?) AS unmapped`,
  );
  const unmapped = db.sqlite.prepare(
    `SELECT platform_status AS platformStatus, count, first_seen_at AS firstSeenAt, last_seen_at AS lastSeenAt,
      sample_platform_order_id AS samplePlatformOrderId FROM channel_unmapped WHERE channel_id = ? ORDER BY last_seen_at DESC`,
  );
  const confirmHealth = confirmHealthReader(db.sqlite);
  const view = (ch: ChannelRecord) => channelView(svc, ch, {
    ...(counts.get(ch.id, ch.id) as { quarantine: number; unmapped: number }),
    confirmations: confirmHealth(ch.id, svc.poller.clock.now()),
  });
  const mustGet = (id: string) => {
    const ch = svc.store.get(id);
    if (!ch) throw new ApiError('not_found', `没有这个店铺：${id} / no channel with id "${id}"`, 'id');
    return ch;
  };

  return {
    'channels.kinds': () =>
      CHANNEL_KINDS.flatMap((kind) => {
        const c = svc.connectorFor(kind);
        return c ? [{
          kind, credentialFields: [...c.credentialFields], secretFields: [...c.secretFields], requiredSecrets: [...(c.requiredSecrets ?? c.secretFields)],
          maxWindowMinutes: Math.round(c.limits.maxWindowMs / 60_000),
        }] : [];
      }),
    'channels.list': () => svc.store.list().map(view),
    'channels.create': (input, ctx) => view(svc.store.create(ctx.write(), input, ctx.say)),
    'channels.update': (input, ctx) => {
      mustGet(input.id);
      const ch = svc.store.update(ctx.write(), input.id, { name: input.name, config: input.config }, ctx.say);
      // New credentials or settings: a channel waiting for re-authorisation tries again at once.
      if (input.config) {
        svc.poller.states.reset(ch.id);
        const tokens = TOKEN_FIELDS[ch.kind] ?? [];
        // A token typed by hand replaces 授权's (its refresh token no longer matches); no token at all (the endpoint moved): nothing to renew.
        if (tokens.some((f) => typeof input.config?.[f] === 'string' && input.config[f] !== '')) svc.auth.authorizer.pasted(ch.id, ctx.write());
        else if (!ch.secretsSet.some((f) => tokens.includes(f))) svc.auth.store.forget(ch.id);
      }
      return view(svc.store.get(ch.id)!);
    },
    'channels.setPrinting': (input, ctx) => {
      mustGet(input.id);
      svc.store.setPrinting(ctx.write(), input.id, { packingSlipAmounts: input.packingSlipAmounts });
      return view(svc.store.get(input.id)!);
    },
    'channels.pause': (input, ctx) => {
      mustGet(input.id);
      svc.store.setPaused(ctx.write(), input.id, true);
      return view(mustGet(input.id));
    },
    'channels.setPoller': (input, ctx) => {
      mustGet(input.id);
      svc.store.setPoller(ctx.write(), input.id, input.deviceId, input.failoverMinutes);
      return view(mustGet(input.id));
    },
    'channels.resume': (input, ctx) => {
      mustGet(input.id);
      svc.store.setPaused(ctx.write(), input.id, false);
      svc.poller.states.reset(input.id);
      return view(mustGet(input.id));
    },
    'channels.test': async (input, ctx) => {
      const ch = mustGet(input.id);
      if (isDemo(ch)) return { ok: false, error: ctx.say('演示店铺的数据来自演示数据，不连接平台', 'a demo shop reads the demo data; it connects to no platform') };
      const conn = svc.store.connector(ch.kind, 'id', ctx.say);
      try {
        // refused here (nothing unsealed, nothing sent) when the endpoint is not allowed
        const { endpoint, credentials } = svc.store.credentials(ch.id);
        const r = await conn.testConnection({ endpoint, credentials, fetch, now: () => svc.poller.clock.now(), signal: AbortSignal.timeout(20_000) });
        return { ok: true, ...(r.shopName ? { shopName: r.shopName } : {}) };
      } catch (e) {
        if (!(e instanceof ConnectorError) && !(e instanceof Error)) throw e;
        return { ok: false, error: describeError(e) };
      }
    },
    'channels.pollNow': async (input, ctx) => {
      const ch = mustGet(input.id);
      if (isDemo(ch)) {
        const r = svc.demo.poll(ch);
        return { fetched: r.fetched, created: 0, updated: 0, unchanged: r.fetched, quarantined: 0, windows: r.windows, state: 'active' as const };
      }
      svc.store.connector(ch.kind, 'id', ctx.say);
      return svc.poller.pollNow(ch.id);
    },
    'channels.coverage': (input) => coverageDays(svc, mustGet(input.id).id, input.from, input.to),
    'channels.quarantine': (input) =>
      pipeline.quarantine.list(mustGet(input.id).id, input.includeResolved).map(({ channelId: _c, ...q }) => q),
    'channels.reprocess': (input, ctx) => {
      const ch = mustGet(input.id);
      const conn = svc.store.connector(ch.kind, 'id', ctx.say);
      return reprocessChannel(db, pipeline, ch, conn, ctx.write('re-process quarantined payloads'), svc.poller.overrides);
    },
    'channels.mapStatus': (input, ctx) => mapStatus(db, svc, pipeline, mustGet(input.id), input, ctx),
    'channels.statusOverrides': (input) => svc.poller.overrides.list(input.kind),
    ...channelAuthHandlers(svc),
    'channels.unmapped': (input) => unmapped.all(mustGet(input.id).id) as UnmappedStatusView[],
    'channels.endpoints': () => ({
      customEndpoints: svc.store.endpoints.customEndpoints(),
      official: Object.fromEntries(Object.entries(OFFICIAL_ENDPOINTS).map(([kind, o]) => [kind, o.pattern ? ['https://{shop}.myshopify.com'] : [...o.origins]])),
    }),
    'workspace.setCustomEndpoints': (input, ctx) => {
      // settings.manage is the owner's today; the switch stays the owner's even if that changes
      if (requireUser(ctx).role !== 'owner') throw new ApiError('forbidden', ctx.say('只有老板可以开启或关闭自定义接口地址', 'only the owner may turn custom endpoints on or off'));
      const r = svc.store.endpoints.setCustomEndpoints(ctx.write(input.enabled ? 'custom endpoints on' : 'custom endpoints off'), input.enabled);
      // shops refused for their endpoint try again at once
      if (input.enabled) for (const ch of svc.store.list()) if (svc.poller.states.get(ch.id).state === 'reauth') svc.poller.states.reset(ch.id);
      return r;
    },
  };
}

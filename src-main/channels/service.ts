import type { ChannelKind } from '../../src-shared/orders';
import type { Database } from '../db';
import type { IngestPipeline } from '../ingest/pipeline';
import type { Logger } from '../log';
import type { SecretBox } from '../secrets/secret-box';
import { ChannelStore, type ChannelRecord } from './channel-store';
import type { Clock } from '../kernel/clock';
import type { Connector } from './connector';
import { CoverageLedger } from './coverage';
import { EndpointPolicy } from './endpoints';
import { Poller, type PollerOptions, type PollResult } from './poller';
import { connectorFor as registryLookup } from './registry';
import { createChannelAuth, type ChannelAuth } from './auth/service';
import type { CloudLink } from './auth/cloud-relay';
import { DemoFeed } from './demo-feed';

/** The channels capability as the handlers and app.ts see it. */
export interface ChannelsService {
  store: ChannelStore;
  ledger: CoverageLedger;
  poller: Poller;
  connectorFor(kind: ChannelKind): Connector | undefined;
  zone: string;
  /** One poll on its own poller (a job worker's backfill); aborting stops it between windows. */
  pollOnce(channelId: string, signal: AbortSignal): Promise<PollResult>;
  /** 授权: direct, through the team cloud's callback, and the renewal scheduler. */
  auth: ChannelAuth;
  /** Keeps demo shops' health, last poll and coverage alive from the demo data (no network). */
  demo: DemoFeed;
}

/** Knobs app.ts passes through (tests and benches): virtual clock, other connectors, no autostart. */
export interface ChannelsOptions {
  clock?: Clock;
  tickMs?: number;
  connectorFor?: (kind: ChannelKind) => Connector | undefined;
  /** false: the scheduler is not started (tests drive pollNow themselves). */
  autostart?: boolean;
  maxAttempts?: number;
  onHealth?: (channelId: string) => void;
  delegate?: (channelId: string, signal: AbortSignal) => Promise<PollResult>;
  /** Which channels this PC polls (sync: one PC per shop). */
  pollGate?: (ch: ChannelRecord) => boolean;
  /** How often the token-renewal scheduler looks for due shops (ms), and the callback flows ask the cloud. */
  authTickMs?: number;
  flowPollMs?: number;
  /** A callback 授权 flow's status changed (app.ts pushes `channels.authFlow`). */
  onAuthFlow?: (f: { flowId: string; channelId: string; status: 'waiting' | 'exchanging' | 'done' | 'failed' | 'expired' }) => void;
}

export function createChannels(deps: ChannelsOptions & {
  db: Database;
  pipeline: IngestPipeline;
  secrets: SecretBox;
  log: Logger;
  zone: string;
  /** The team cloud (URL and this PC's device token) for the platforms' authorisation callback. */
  cloudLink?: CloudLink;
}): ChannelsService {
  const connectorFor = deps.connectorFor ?? registryLookup;
  const store = new ChannelStore(deps.db, deps.secrets, connectorFor, new EndpointPolicy(deps.db));
  const ledger = new CoverageLedger(deps.db.sqlite, deps.zone);
  const options: PollerOptions = {
    db: deps.db, pipeline: deps.pipeline, store, ledger, connectorFor, log: deps.log,
    ...(deps.pollGate ? { pollGate: deps.pollGate } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.tickMs ? { tickMs: deps.tickMs } : {}), ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
    ...(deps.onHealth ? { onHealth: deps.onHealth } : {}),
  };
  const poller = new Poller({ ...options, ...(deps.delegate ? { delegate: deps.delegate } : {}) });
  const pollOnce = async (channelId: string, signal: AbortSignal) => {
    const once = new Poller(options);
    const stop = () => void once.stop();
    signal.addEventListener('abort', stop, { once: true });
    try {
      return await once.pollNow(channelId);
    } finally {
      signal.removeEventListener('abort', stop);
    }
  };
  const auth = createChannelAuth({
    db: deps.db, store, poller, log: deps.log, cloudLink: deps.cloudLink ?? (() => null),
    ...(deps.authTickMs ? { tickMs: deps.authTickMs } : {}), ...(deps.flowPollMs ? { flowPollMs: deps.flowPollMs } : {}),
    ...(deps.onAuthFlow ? { onAuthFlow: deps.onAuthFlow } : {}),
  });
  const demo = new DemoFeed({ db: deps.db, store, states: poller.states, ledger, clock: poller.clock, log: deps.log });
  return { store, ledger, poller, connectorFor, zone: deps.zone, pollOnce, auth, demo };
}

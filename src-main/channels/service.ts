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
import { Poller } from './poller';
import { connectorFor as registryLookup } from './registry';

/** The channels capability as the handlers and app.ts see it. */
export interface ChannelsService {
  store: ChannelStore;
  ledger: CoverageLedger;
  poller: Poller;
  connectorFor(kind: ChannelKind): Connector | undefined;
  zone: string;
}

/** Knobs app.ts passes through (tests and benches): virtual clock, other connectors, no autostart. */
export interface ChannelsOptions {
  clock?: Clock;
  tickMs?: number;
  connectorFor?: (kind: ChannelKind) => Connector | undefined;
  /** false: the scheduler is not started (tests drive pollNow themselves). */
  autostart?: boolean;
  maxAttempts?: number;
  /** Which channels this PC polls (sync: one PC per shop). */
  pollGate?: (ch: ChannelRecord) => boolean;
}

export function createChannels(deps: ChannelsOptions & {
  db: Database;
  pipeline: IngestPipeline;
  secrets: SecretBox;
  log: Logger;
  zone: string;
}): ChannelsService {
  const connectorFor = deps.connectorFor ?? registryLookup;
  const store = new ChannelStore(deps.db, deps.secrets, connectorFor, new EndpointPolicy(deps.db));
  const ledger = new CoverageLedger(deps.db.sqlite, deps.zone);
  const poller = new Poller({
    db: deps.db, pipeline: deps.pipeline, store, ledger, connectorFor, log: deps.log,
    ...(deps.pollGate ? { pollGate: deps.pollGate } : {}),
    ...(deps.clock ? { clock: deps.clock } : {}), ...(deps.tickMs ? { tickMs: deps.tickMs } : {}), ...(deps.maxAttempts ? { maxAttempts: deps.maxAttempts } : {}),
  });
  return { store, ledger, poller, connectorFor, zone: deps.zone };
}

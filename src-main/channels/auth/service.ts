import type { Database } from '../../db';
import type { Logger } from '../../log';
import type { ChannelStore } from '../channel-store';
import type { Poller } from '../poller';
import { AuthStore } from './auth-store';
import { Authorizer } from './authorizer';
import { CloudRelay, type CloudLink } from './cloud-relay';
import { CallbackFlows } from './flows';
import { TokenRefresher } from './refresher';

/** A shop's 授权 as the handlers and app.ts see it. */
export interface ChannelAuth {
  store: AuthStore;
  authorizer: Authorizer;
  flows: CallbackFlows;
  refresher: TokenRefresher;
  start(): void;
  stop(): Promise<void>;
}

export function createChannelAuth(d: {
  db: Database; store: ChannelStore; poller: Poller; log: Logger; cloudLink: CloudLink; tickMs?: number; flowPollMs?: number;
  onAuthFlow?: ConstructorParameters<typeof CallbackFlows>[4];
}): ChannelAuth {
  const store = new AuthStore(d.db.sqlite);
  const authorizer = new Authorizer({
    store: d.store, states: d.poller.states, auth: store, clock: d.poller.clock, log: d.log,
    shareHealth: (id) => d.poller.shareHealthNow(id),
  });
  const flows = new CallbackFlows(authorizer, new CloudRelay(d.cloudLink), d.log, d.flowPollMs, d.onAuthFlow);
  const refresher = new TokenRefresher({
    authorizer, auth: store, states: d.poller.states, clock: d.poller.clock, log: d.log, list: () => d.store.list(),
    ...(d.tickMs ? { tickMs: d.tickMs } : {}),
  });
  return {
    store, authorizer, flows, refresher,
    start: () => refresher.start(),
    stop: async () => {
      flows.stop();
      await refresher.stop();
    },
  };
}

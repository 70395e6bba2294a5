import type { Database } from '../db';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import type { SealedSecrets } from '../secrets/sealed-secrets';
import { DailyDigest } from './digest';
import { AlertListener } from './listener';
import { AlertOutbox } from './outbox';
import { AlertPolicies } from './policies';
import { Robots } from './robots';
import { AlertSender } from './sender';

export interface NotifyService {
  robots: Robots;
  policies: AlertPolicies;
  outbox: AlertOutbox;
  listener: AlertListener;
  sender: AlertSender;
  digest: DailyDigest;
}

/** Alerts (#12 §4): robots, policies, the outbox and its sender, the daily digest; built by the composition root. */
export function createNotify(deps: {
  db: Database; clock: Clock; log: Logger; secrets: SealedSecrets; zone: string; dayOf: (ms: number) => string;
  halfLifeOfDay: (from: number, to: number) => number | null; fetch?: typeof fetch;
}): NotifyService {
  const { sqlite } = deps.db;
  const robots = new Robots(deps.db, deps.secrets);
  const policies = new AlertPolicies(sqlite);
  const outbox = new AlertOutbox(sqlite);
  const listener = new AlertListener(sqlite, { outbox, policies, robots, zone: deps.zone });
  const sender = new AlertSender({ outbox, robots, clock: deps.clock, log: deps.log, ...(deps.fetch ? { fetch: deps.fetch } : {}) });
  const digest = new DailyDigest(sqlite, { outbox, robots, zone: deps.zone, dayOf: deps.dayOf, halfLifeOfDay: deps.halfLifeOfDay });
  sender.beforeTick = (now) => {
    try {
      digest.maybeRun(now);
    } catch (e) {
      deps.log.error('daily digest failed', e);
    }
  };
  return { robots, policies, outbox, listener, sender, digest };
}

import type { Database } from '../db';
import type { Clock } from '../kernel/clock';
import type { Logger } from '../log';
import { ExceptionActions } from './actions';
import { ChannelHealthSource, type HealthSource } from './health';
import { ExceptionQueries } from './queries';
import { DetectorRunner, type ExceptionListener } from './runner';
import { DetectorSettings } from './settings';
import { ExceptionStore } from './store';

export interface ExceptionsService {
  settings: DetectorSettings;
  store: ExceptionStore;
  queries: ExceptionQueries;
  actions: ExceptionActions;
  runner: DetectorRunner;
  health: HealthSource[];
  clock: Clock;
}

/** Exceptions, built once by the composition root; `listener` (alerts) hears opens and escalations in their transaction. */
export function createExceptions(deps: {
  db: Database; clock: Clock; log: Logger; listener: ExceptionListener | null; trackingOn: () => boolean; extraHealth?: HealthSource[]; batchSize?: number;
}): ExceptionsService {
  const { sqlite } = deps.db;
  const settings = new DetectorSettings(sqlite);
  const store = new ExceptionStore(sqlite);
  const health: HealthSource[] = [new ChannelHealthSource(sqlite), ...(deps.extraHealth ?? [])];
  // Names of shops / the ERP bridge / sync for system exceptions, read at most once a second.
  let names: { at: number; map: Map<string, string> } | null = null;
  const subjectName = (kind: string, id: string): string | null => {
    const now = deps.clock.now();
    if (!names || Math.abs(now - names.at) > 1000) names = { at: now, map: new Map(health.flatMap((h) => h.list(now).map((x) => [`${h.kind}:${x.id}`, x.name] as const))) };
    return names.map.get(`${kind}:${id}`) ?? null;
  };
  const runner = new DetectorRunner({
    db: deps.db, clock: deps.clock, settings, store, health, listener: deps.listener, log: deps.log, trackingOn: deps.trackingOn,
    ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
  });
  return { settings, store, queries: new ExceptionQueries(sqlite, subjectName), actions: new ExceptionActions(store), runner, health, clock: deps.clock };
}

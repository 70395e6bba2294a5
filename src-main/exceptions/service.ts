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
  const names = new Map<string, () => Map<string, string>>();
  const subjectName = (kind: string, id: string): string | null => {
    const source = health.find((h) => h.kind === kind);
    if (!source) return null;
    let lookup = names.get(kind);
    if (!lookup) names.set(kind, (lookup = () => new Map(source.list(deps.clock.now()).map((s) => [s.id, s.name]))));
    return lookup().get(id) ?? null;
  };
  const runner = new DetectorRunner({
    db: deps.db, clock: deps.clock, settings, store, health, listener: deps.listener, log: deps.log, trackingOn: deps.trackingOn,
    ...(deps.batchSize ? { batchSize: deps.batchSize } : {}),
  });
  return { settings, store, queries: new ExceptionQueries(sqlite, subjectName), actions: new ExceptionActions(store), runner, health, clock: deps.clock };
}

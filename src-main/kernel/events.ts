import type { EventName, EventPayload } from '../../src-shared/contract';

/**
 * Where a capability sends what changed. In the core each worker posts to the front, which
 * delivers to the sessions allowed to receive it; in a single-process app (tests) it is a local hub.
 */
export interface EventSink {
  emit<K extends EventName>(name: K, payload: EventPayload<K>): void;
  /** Sessions ended (logout, a user disabled or changed): open event streams are checked again. */
  sessionsEnded(): void;
}

export type EventListener = <K extends EventName>(name: K, payload: EventPayload<K>) => void;

/** The in-process hub: listeners are called synchronously, in order, after the emitter's commit. */
export class LocalEvents implements EventSink {
  private readonly listeners = new Set<EventListener>();
  private readonly sessionListeners = new Set<() => void>();

  emit<K extends EventName>(name: K, payload: EventPayload<K>): void {
    for (const l of this.listeners) l(name, payload);
  }

  sessionsEnded(): void {
    for (const l of this.sessionListeners) l();
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  onSessionsEnded(listener: () => void): () => void {
    this.sessionListeners.add(listener);
    return () => void this.sessionListeners.delete(listener);
  }
}

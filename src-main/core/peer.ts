/**
 * A small request/answer link over anything that posts messages (a worker thread, Electron's
 * utilityProcess port): requests get answers, notes get none. Both ends may ask.
 */
export interface PortLike {
  /** `transfer`: buffers handed over instead of copied (a worker-thread port; others copy). */
  post(message: unknown, transfer?: ArrayBuffer[]): void;
  listen(onMessage: (message: unknown) => void): void;
}

type Message =
  | { k: 'req'; id: number; m: string; a: unknown }
  | { k: 'res'; id: number; ok: true; v: unknown }
  | { k: 'res'; id: number; ok: false; e: string }
  | { k: 'note'; m: string; a: unknown };

// Each end declares its own methods with their own argument types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Methods = Record<string, (arg: any) => unknown>;

/** The far end is gone (crashed, killed, restarting): what was asked of it will not be answered. */
export class PeerGone extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'PeerGone';
  }
}

export class Peer {
  private nextId = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private gone: PeerGone | null = null;

  constructor(
    private readonly port: PortLike,
    private readonly methods: Methods,
  ) {
    port.listen((m) => this.receive(m as Message));
  }

  request<T>(method: string, arg: unknown, transfer?: ArrayBuffer[]): Promise<T> {
    if (this.gone) return Promise.reject(this.gone);
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (v: unknown) => void, reject });
      this.port.post({ k: 'req', id, m: method, a: arg } satisfies Message, transfer);
    });
  }

  notify(method: string, arg: unknown): void {
    if (!this.gone) this.port.post({ k: 'note', m: method, a: arg } satisfies Message);
  }

  /** How many requests of ours are still unanswered. */
  get waiting(): number {
    return this.pending.size;
  }

  /** The far end died: every unanswered request fails with `reason`; later ones fail at once. */
  close(reason: string): void {
    this.gone = new PeerGone(reason);
    for (const p of this.pending.values()) p.reject(this.gone);
    this.pending.clear();
  }

  private receive(msg: Message): void {
    if (msg.k === 'res') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.ok) p.resolve(msg.v);
      else p.reject(new Error(msg.e));
      return;
    }
    const fn = this.methods[msg.m];
    if (msg.k === 'note') {
      try {
        void Promise.resolve(fn?.(msg.a)).catch(() => undefined);
      } catch {
        // A note has nobody to answer.
      }
      return;
    }
    const answer = (r: Message): void => {
      if (!this.gone) this.port.post(r);
    };
    if (!fn) return answer({ k: 'res', id: msg.id, ok: false, e: `no method ${msg.m}` });
    let result: unknown;
    try {
      result = fn(msg.a);
    } catch (e) {
      return answer({ k: 'res', id: msg.id, ok: false, e: errorText(e) });
    }
    Promise.resolve(result).then(
      (v) => answer({ k: 'res', id: msg.id, ok: true, v }),
      (e: unknown) => answer({ k: 'res', id: msg.id, ok: false, e: errorText(e) }),
    );
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

import type { FaultPlan } from './faults';
import { rand, type Rand } from './random';

/**
 * The in-memory order book a simulator serves from. Orders are kept in a neutral model
 * (string ids, fen, UTC ms) so tests compare what the connector produced with what the
 * platform "has"; each simulator renders them into its wire format.
 */
export interface SimOrderBase {
  id: string;
  modifiedAt: number;
}

export interface GenerateOptions {
  /** modified times fall in [from, to) (UTC ms) */
  from: number;
  to: number;
  seed?: number;
}

export type OrderFactory<T> = (r: Rand, modifiedAt: number, taken: (id: string) => boolean) => T;
/** Moves an order one step along its platform's life cycle (used by change_between_pages). */
export type OrderAdvancer<T> = (order: T, at: number) => void;

export class SimStore<T extends SimOrderBase> {
  private orders = new Map<string, T>();

  constructor(private readonly factory: OrderFactory<T>, private readonly advancer: OrderAdvancer<T>, private readonly now: () => number) {}

  /** n realistic orders with modified times spread over the range, added and returned. */
  generate(n: number, opts: GenerateOptions): T[] {
    const r = rand(opts.seed ?? 1);
    const made: T[] = [];
    for (let i = 0; i < n; i += 1) {
      // whole seconds: platforms keep modified times to the second
      const modifiedAt = Math.floor((opts.from + r.next() * (opts.to - opts.from)) / 1000) * 1000;
      const o = this.factory(r, Math.max(modifiedAt, Math.ceil(opts.from / 1000) * 1000), (id) => this.orders.has(id));
      this.orders.set(o.id, o);
      made.push(o);
    }
    return made;
  }

  add(order: T): T {
    this.orders.set(order.id, order);
    return order;
  }

  /** Changes an order as the platform would: its modified time moves to `at` (default now). */
  update(id: string, mutate: (o: T) => void, at = this.now()): T {
    const o = this.get(id);
    mutate(o);
    o.modifiedAt = at;
    return o;
  }

  /** One step along the life cycle (paid → shipped → ...), modified at `at`. */
  advance(id: string, at = this.now()): T {
    const o = this.get(id);
    this.advancer(o, at);
    o.modifiedAt = at;
    return o;
  }

  remove(id: string): void {
    this.orders.delete(id);
  }

  get(id: string): T {
    const o = this.orders.get(id);
    if (!o) throw new Error(`simulator has no order ${id}`);
    return o;
  }

  all(): T[] {
    return [...this.orders.values()];
  }

  get size(): number {
    return this.orders.size;
  }

  /** Orders with start ≤ modified ≤ end (ms, both inclusive), newest first, as the platforms sort. */
  modifiedBetween(start: number, end: number): T[] {
    return this.all()
      .filter((o) => o.modifiedAt >= start && o.modifiedAt <= end)
      .sort((a, b) => b.modifiedAt - a.modifiedAt || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }
}

/** Serves one page of a newest-first list, applying the paging faults. */
export function pageOf<T extends SimOrderBase>(
  list: T[], index0: number, size: number,
  faults: { repeat: boolean; change: { at: number } | null },
  store: SimStore<T>,
): T[] {
  const start = index0 * size;
  const page = list.slice(start, start + size);
  // repeat_across_pages: the first order of the next page is served on this page too.
  if (faults.repeat && list[start + size]) page.push(list[start + size]!);
  // change_between_pages: an order not on this page changes (and leaves the window) meanwhile.
  if (faults.change) {
    const victim = list.find((o, i) => (i < start || i > start + size) && o.modifiedAt < faults.change!.at);
    if (victim) store.advance(victim.id, faults.change.at);
  }
  return page;
}

/** A test's edit to one order's wire form (corrupt(id, patch)), applied each time it is served. */
export type WirePatch = (wire: Record<string, any>) => void;

/** An order rendered to its wire form, then edited by the test's patch for it, if any. */
export function renderPatched<T extends SimOrderBase, W extends Record<string, any>>(
  patches: Map<string, WirePatch>, o: T, render: (o: T) => W,
): W {
  const wire = render(o);
  patches.get(o.id)?.(wire);
  return wire;
}

/**
 * One page of a page-numbered API as those simulators all serve it: the paging faults are drawn
 * from the plan (repeat, then change), the orders rendered and patched, and the fault named for
 * the request log.
 */
export function servePage<T extends SimOrderBase, W extends Record<string, any>>(
  sim: { store: SimStore<T>; faults: FaultPlan; patches: Map<string, WirePatch>; now: () => number },
  list: T[], index0: number, size: number, render: (o: T) => W,
): { wires: W[]; fault: 'repeat_across_pages' | 'change_between_pages' | undefined } {
  const repeat = sim.faults.take('repeat_across_pages');
  const change = sim.faults.take('change_between_pages');
  const page = pageOf(list, index0, size, { repeat: repeat !== null, change: change ? { at: change.at ?? sim.now() } : null }, sim.store);
  return {
    wires: page.map((o) => renderPatched(sim.patches, o, render)),
    fault: repeat ? 'repeat_across_pages' : change ? 'change_between_pages' : undefined,
  };
}

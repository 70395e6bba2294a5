import { rng as makeRng } from './random';
import { sleep, startSimServer, type SimReply, type SimRequest, type SimServer } from './sim-server';
import type { WirePatch } from './store';

/**
 * Misbehaviour on request, shared by the simulators. A test either queues a fault for the
 * next N order-list calls (`times`) or makes it happen at random with a seeded `probability`
 * (for long fault runs). Transport faults: http_500, truncated_json, slow. Platform faults:
 * rate_limit (in the platform's own error shape, or a `variant` of it), unknown_error (a code
 * nobody documented), repeat_across_pages, change_between_pages.
 */
export const FAULT_KINDS = ['http_500', 'truncated_json', 'slow', 'rate_limit', 'unknown_error', 'repeat_across_pages', 'change_between_pages'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

export interface FaultOptions {
  /** How many calls it hits (default 1; unlimited when `probability` is given). */
  times?: number;
  /** Chance per call, 0..1, drawn from a seeded generator. */
  probability?: number;
  /** slow: delay in ms (default 2000). rate_limit: the ban length the platform reports, in seconds. */
  ms?: number;
  banSeconds?: number;
  /** change_between_pages: the changed order's new modified time (default: the simulator's now). */
  at?: number;
  /**
   * rate_limit: which of the platform's ways of saying "too frequent" (each simulator lists its
   * own; default its documented rate-limit answer). unknown_error answers with an error code the
   * platform does not document.
   */
  variant?: string;
}

interface Armed extends FaultOptions {
  kind: FaultKind;
  left: number;
}

export class FaultPlan {
  private armed: Armed[] = [];
  private random: () => number;

  constructor(seed = 7) {
    this.random = makeRng(seed);
  }

  add(kind: FaultKind, opts: FaultOptions = {}): void {
    const left = opts.times ?? (opts.probability !== undefined ? Number.POSITIVE_INFINITY : 1);
    this.armed.push({ ...opts, kind, left });
  }

  clear(kind?: FaultKind): void {
    this.armed = kind ? this.armed.filter((a) => a.kind !== kind) : [];
  }

  /** The fault of this kind to apply to the current call, if one fires (and uses it up). */
  take(kind: FaultKind): FaultOptions | null {
    const a = this.armed.find((x) => x.kind === kind && x.left > 0);
    if (!a) return null;
    if (a.probability !== undefined && this.random() >= a.probability) return null;
    a.left -= 1;
    return a;
  }
}

/** http_500, truncated_json and slow, applied to order-list answers of any simulator. */
export async function applyTransportFaults(
  faults: FaultPlan, answer: SimReply & { fault?: string },
): Promise<SimReply & { fault?: string }> {
  const slow = faults.take('slow');
  if (slow) await sleep(slow.ms ?? 2000);
  if (faults.take('http_500')) return { status: 500, body: '<html><body>500 Internal Server Error</body></html>', headers: { 'content-type': 'text/html' }, fault: 'http_500' };
  if (faults.take('truncated_json')) return { ...answer, body: answer.body.slice(0, Math.floor(answer.body.length / 2)), fault: 'truncated_json' };
  return slow ? { ...answer, fault: answer.fault ?? 'slow' } : answer;
}


/**
 * The simulator's server with the transport faults applied to its order-list answers only
 * (isOrderList is asked after the handler has named the API on the request).
 */
export function startFaultySimServer(
  handle: (req: SimRequest) => Promise<SimReply & { fault?: string }> | (SimReply & { fault?: string }),
  faults: FaultPlan, isOrderList: (req: SimRequest) => boolean, now: () => number,
): Promise<SimServer> {
  return startSimServer(async (req) => {
    const answer = await handle(req);
    return isOrderList(req) ? applyTransportFaults(faults, answer) : answer;
  }, now);
}

/** The controls every simulator hands its tests: the request log, faults on request, corrupt(id), stop. */
export function simControls(faults: FaultPlan, patches: Map<string, WirePatch>, server: SimServer) {
  return {
    requests: server.requests,
    misbehave: (kind: FaultKind, o?: FaultOptions) => faults.add(kind, o),
    clearFaults: (kind?: FaultKind) => faults.clear(kind),
    corrupt: (id: string, patch: WirePatch) => {
      patches.set(id, patch);
    },
    stop: server.stop,
  };
}

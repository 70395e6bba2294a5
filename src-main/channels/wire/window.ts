import { formatInZone } from '../../../src-shared/time';
import { ConnectorError, type FetchWindow, type WindowLimits } from '../connector';

/**
 * A connector refuses, before sending anything, a window its platform would refuse or
 * answer incompletely (too wide, reaching too close to now). The poller sizes windows from
 * `limits`; this is the assertion that it did.
 */
export function assertWindow(platform: string, limits: WindowLimits, w: FetchWindow, now: number): void {
  const show = (ms: number) => `${formatInZone(ms)} (GMT+8)`;
  if (!Number.isFinite(w.from) || !Number.isFinite(w.to) || w.to <= w.from) {
    throw new ConnectorError('invalid_request', `${platform}: empty or inverted window ${show(w.from)} – ${show(w.to)}`);
  }
  if (w.to - w.from > limits.maxWindowMs) {
    throw new ConnectorError(
      'invalid_request',
      `${platform}: window ${show(w.from)} – ${show(w.to)} is ${Math.round((w.to - w.from) / 60_000)} min, ` +
        `the platform allows at most ${Math.round(limits.maxWindowMs / 60_000)} min`,
    );
  }
  if (w.to > now - limits.endLagMs) {
    throw new ConnectorError(
      'invalid_request',
      `${platform}: window end ${show(w.to)} must be at least ${Math.round(limits.endLagMs / 1000)} s before now ${show(now)}`,
    );
  }
}

/**
 * Platforms filter modified times in whole seconds, both ends inclusive. The half-open
 * window [from, to) in ms becomes [ceil(from), ceil(to) - 1] in seconds; an order in the
 * last second the platform treats differently is caught by the next window's overlap.
 */
export function windowSeconds(w: FetchWindow): { start: number; end: number } {
  const start = Math.ceil(w.from / 1000);
  const end = Math.max(start, Math.ceil(w.to / 1000) - 1);
  return { start, end };
}

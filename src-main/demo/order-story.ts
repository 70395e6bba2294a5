import type { ChannelKind, OrderStatus } from '../../src-shared/orders';
import type { Rng } from './rng';

const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** Who moved the order: the platform (via sync), the rule engine, or a person in a role. */
export type StepActor = 'platform' | 'system' | 'ops' | 'warehouse';

export interface Step {
  status: OrderStatus;
  at: number;
  actor: StepActor;
}

/** How the order's life goes, decided up front; the clock then decides how far it has got. */
type Fate = 'normal' | 'unpaid' | 'refund_before_ship' | 'return_after_delivery';

export interface Story {
  /** Only the steps that have happened by `now`; the last is the current status. */
  steps: Step[];
  paidAt: number | null;
  shippedAt: number | null;
  completedAt: number | null;
  /** The order was fully refunded after payment (cancelled before shipment, closed after). */
  refunded: boolean;
  /** The warehouse is running late on this one (overdue demo data). */
  stuck: boolean;
}

/**
 * Simulates an order's life from its creation: pay, (review), allocate, pick, pack, hand over,
 * ship, deliver, complete — or cancel/close — with realistic delays; then keeps the steps
 * that are in the past. Recent orders are therefore still waiting, old ones completed.
 */
export function simulate(kind: ChannelKind, createdAt: number, now: number, rng: Rng): Story {
  const steps: Step[] = [];
  const push = (status: OrderStatus, at: number, actor: StepActor) => steps.push({ status, at, actor });
  const story: Story = { steps, paidAt: null, shippedAt: null, completedAt: null, refunded: false, stuck: false };

  if (kind === 'pos') {
    // Sold at the till: paid and completed on the spot; a few come back.
    story.paidAt = createdAt;
    story.completedAt = createdAt;
    push('completed', createdAt, 'platform');
    if (rng.chance(0.03)) {
      push('closed', createdAt + rng.int(1, 7) * DAY, 'platform');
      story.refunded = true;
    }
    return cut(story, now);
  }

  const x = rng.next();
  const fate: Fate = x < 0.04 && kind !== 'jd' && kind !== 'pdd' ? 'unpaid'
    : x < 0.07 ? 'refund_before_ship' : x < 0.09 ? 'return_after_delivery' : 'normal';
  // JD and PDD only hand over paid orders; elsewhere some are ingested before payment.
  const seenUnpaid = kind !== 'jd' && kind !== 'pdd' && (fate === 'unpaid' || rng.chance(0.25));
  let t = createdAt;
  if (seenUnpaid) push('pending_payment', t, 'platform');
  if (fate === 'unpaid') {
    push('cancelled', t + rng.int(15, 24 * 60) * MIN, 'platform');
    return cut(story, now);
  }
  t += rng.int(10, seenUnpaid ? 40 * 60 : 300) * 1000;
  story.paidAt = t;
  // Every paid order enters review; the rules pass most of them on at once, a person approves the flagged few.
  push('pending_review', t, 'platform');
  if (rng.chance(0.05)) {
    t += rng.int(20, 20 * 60) * MIN; // flagged (big amount, remark, address): a person approves it
    push('to_route', t, 'ops');
  } else push('to_route', (t += 15_000), 'system');

  if (fate === 'refund_before_ship') {
    if (rng.chance(0.5)) push('to_ship', (t += rng.int(10, 240) * MIN), 'system');
    push('cancelled', t + rng.int(1, 30) * HOUR, 'platform');
    story.refunded = true;
    return cut(story, now);
  }
  story.stuck = rng.chance(0.025);
  const slow = story.stuck ? rng.int(3, 8) * DAY : 0;
  push('to_ship', (t += rng.int(5, 240) * MIN), 'system'); // routed: a warehouse is chosen
  // The warehouse works 8:30–21:00 Beijing time: evening orders wait for the morning.
  push('picking', (t = workHours(t + rng.int(30, 8 * 60) * MIN + slow, rng)), 'warehouse');
  push('packed', (t = workHours(t + rng.int(10, 120) * MIN, rng)), 'warehouse');
  push('handed_over', (t = workHours(t + rng.int(30, 5 * 60) * MIN, rng)), 'warehouse');
  push('shipped', (t += rng.int(60, 8 * 60) * MIN), 'platform');
  story.shippedAt = t;
  push('delivered', (t = within(t + rng.int(18, 96) * HOUR, rng, 9 * 60, 20 * 60)), 'platform'); // couriers deliver by day
  if (fate === 'return_after_delivery') {
    push('closed', t + rng.int(2, 7) * DAY, 'platform');
    story.refunded = true;
    return cut(story, now);
  }
  // Buyers confirm within days, or the platform auto-confirms (10 days after shipment).
  const done = rng.chance(0.6) ? t + rng.int(2, 120) * HOUR : story.shippedAt + 10 * DAY;
  story.completedAt = Math.max(done, t + MIN);
  push('completed', story.completedAt, 'platform');
  return cut(story, now);
}

/** Moves a time outside 8:30–21:00 Beijing to the next morning's shift start (plus a little). */
function workHours(t: number, rng: Rng): number {
  return within(t, rng, 8 * 60 + 30, 21 * 60);
}

/** Keeps a time inside [from, to) minutes of the Beijing day, else moves it to the next `from` (plus up to 90 minutes). */
function within(t: number, rng: Rng, from: number, to: number): number {
  const bj = t + 8 * HOUR;
  const minuteOfDay = Math.floor((bj % DAY) / MIN);
  if (minuteOfDay >= from && minuteOfDay < to) return t;
  const next = Math.floor(bj / DAY) * DAY + (minuteOfDay >= to ? DAY : 0) + from * MIN - 8 * HOUR;
  return next + rng.int(0, 90) * MIN;
}

function cut(story: Story, now: number): Story {
  const steps = story.steps.filter((s) => s.at <= now);
  if (!steps.length) steps.push({ ...story.steps[0]!, at: Math.min(story.steps[0]!.at, now) }); // paid seconds ago
  const has = (s: OrderStatus) => steps.some((x) => x.status === s);
  return {
    ...story,
    steps,
    paidAt: story.paidAt !== null && story.paidAt <= now ? story.paidAt : null,
    shippedAt: has('shipped') ? story.shippedAt : null,
    completedAt: has('completed') ? story.completedAt : null,
    refunded: story.refunded && (has('closed') || has('cancelled')),
  };
}

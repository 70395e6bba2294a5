import { describe, expect, it } from 'vitest';
import { entryStatus, platformTargets } from './platform-triggers';

describe('platform phases as triggers', () => {
  it('a refund before the parcel left cancels; after, it closes', () => {
    expect(platformTargets('refunded', 'to_ship')).toEqual([['cancelled']]);
    expect(platformTargets('cancelled', 'picking')).toEqual([['cancelled']]);
    expect(platformTargets('refunded', 'shipped')).toEqual([['closed']]);
    expect(platformTargets('refunded', 'cancelled')).toEqual([]);
  });

  it('shipped on the platform marks shipped; delivered and completed go through shipped when they must', () => {
    expect(platformTargets('shipped', 'to_ship')).toEqual([['shipped']]);
    expect(platformTargets('shipped', 'shipped')).toEqual([]);
    expect(platformTargets('delivered', 'to_ship')).toEqual([['delivered'], ['shipped', 'delivered']]);
    expect(platformTargets('paid', 'pending_payment')).toEqual([['pending_review']]);
    expect(platformTargets('paid', 'to_ship')).toEqual([]);
  });

  it('a new order enters by its phase: paid orders wait for review', () => {
    expect(entryStatus('paid', null)).toBe('pending_review');
    expect(entryStatus('unpaid', null)).toBe('pending_payment');
    expect(entryStatus(null, null)).toBe('pending_review');
    expect(entryStatus('refunded', null)).toBe('cancelled');
    expect(entryStatus('refunded', 123)).toBe('closed');
  });
});

import type { Database } from '../../db';
import type { IngestPipeline } from '../../ingest/pipeline';
import { requireUser, type Handlers } from '../../kernel/call';
import { inWords } from '../action-error';
import { AddressChange } from '../edits/address-change';
import { GiftSubstitutes } from '../edits/gifts';
import type { OrderFlowServices } from '../flow';
import { personReason, reasonText } from '../lifecycle/handlers';
import { VersionCheck } from '../versions';
import { OrderLookups } from './lookups';
import { ManualOrders } from './manual-order';

/** Manual orders and their look-ups; a person's address change and gift substitution. */
export function manualOrderHandlers({ db, flow, pipeline }: { db: Database; flow: OrderFlowServices; pipeline: IngestPipeline }): Pick<
  Handlers, 'orders.createManual' | 'skus.search' | 'customers.search' | 'orders.changeAddress' | 'orders.giftSubstitutes' | 'orders.replaceGift'
> {
  const manual = new ManualOrders(db, pipeline);
  const lookups = new OrderLookups(db.sqlite);
  const address = new AddressChange(db, flow.lifecycle);
  const gifts = new GiftSubstitutes(db, flow.lifecycle);
  const versions = new VersionCheck(db.sqlite, flow.lifecycle.changes);

  return {
    'orders.createManual': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(`manual:${input.source}`), (tx) => manual.create(tx, input, Date.now())));
    },
    'skus.search': (input) => ({ skus: input.q ? lookups.searchSkus(input.q, input.limit) : [] }),
    'customers.search': (input) => ({ customers: lookups.searchCustomers(input.q, input.limit) }),
    'orders.changeAddress': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(reasonText(input.reason)), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        return address.change(tx, input.id, input.address, personReason(input.reason));
      }));
    },
    'orders.giftSubstitutes': (input, ctx) => inWords(ctx, () => ({ skus: gifts.substitutes(input.id, input.lineId) })),
    'orders.replaceGift': (input, ctx) => {
      requireUser(ctx);
      return inWords(ctx, () => db.writes.run(ctx.write(), (tx) => {
        versions.expect(input.id, input.expectedVersion);
        return gifts.replace(tx, input.id, input.lineId, input.skuCode);
      }));
    },
  };
}

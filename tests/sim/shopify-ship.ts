import type { ShipmentBook } from './shipments';
import type { ShopifySimOrder } from './shopify-orders';
import type { SimReply, SimRequest } from './sim-server';
import type { SimStore } from './store';

/**
 * Shopify's fulfillment calls (PLATFORMS.md §9.6) behind the token and bucket checks: one
 * fulfillment order per order (`GET orders/{id}/fulfillment_orders.json`: open, in_progress,
 * closed when every line is fulfilled, cancelled for a cancelled or refunded order),
 * `POST fulfillments.json` (201; 422 {errors} for a closed or foreign fulfillment order, a quantity
 * over what is left, a blank tracking number or company — the error strings are the simulator's,
 * Shopify's are UNCONFIRMED) and `GET orders/{id}/fulfillments.json`.
 */
type Json = (status: number, body: unknown) => SimReply & { fault?: string };

interface SimFulfillment { id: number; status: string; tracking_company: string; tracking_number: string; tracking_numbers: string[] }

export function shopifyShipping(store: SimStore<ShopifySimOrder>, shipments: ShipmentBook, now: () => number, json: Json) {
  const done = new Map<string, Map<string, number>>(); // order → line → fulfilled quantity
  const made = new Map<string, SimFulfillment[]>();
  let nextId = 5_100_000_000_001;
  const foId = (o: ShopifySimOrder) => Number(`6${o.id.slice(1)}`);
  const foLineId = (o: ShopifySimOrder, i: number) => Number(`7${o.id.slice(1)}`) * 10 + i;

  function fulfilled(o: ShopifySimOrder): Map<string, number> {
    let m = done.get(o.id);
    if (!m) {
      m = new Map();
      if (o.fulfillmentStatus === 'fulfilled') o.lines.forEach((l) => m!.set(l.id, l.quantity));
      if (o.fulfillmentStatus === 'partial' && o.lines[0]) m.set(o.lines[0].id, o.lines[0].quantity);
      done.set(o.id, m);
    }
    return m;
  }

  function fulfillmentOrder(o: ShopifySimOrder) {
    const f = fulfilled(o);
    const left = o.lines.map((l) => l.quantity - (f.get(l.id) ?? 0));
    const status = o.cancelledAt || o.financialStatus === 'refunded' ? 'cancelled'
      : left.every((n) => n === 0) ? 'closed' : left.some((n, i) => n < o.lines[i]!.quantity) ? 'in_progress' : 'open';
    return {
      id: foId(o), order_id: Number(o.id), status, assigned_location_id: 61_000_001, supported_actions: status === 'open' || status === 'in_progress' ? ['create_fulfillment'] : [],
      line_items: o.lines.map((l, i) => ({ id: foLineId(o, i), fulfillment_order_id: foId(o), line_item_id: Number(l.id), quantity: l.quantity, fulfillable_quantity: status === 'cancelled' ? 0 : left[i] })),
    };
  }

  function fulfillments(o: ShopifySimOrder): SimFulfillment[] {
    const own = made.get(o.id) ?? [];
    const generated = o.fulfillment ? [{ id: Number(o.fulfillment.id), status: 'success', tracking_company: o.fulfillment.trackingCompany, tracking_number: o.fulfillment.trackingNumber, tracking_numbers: [o.fulfillment.trackingNumber] }] : [];
    return [...generated, ...own];
  }

  async function create(req: SimRequest): Promise<SimReply> {
    let body: any;
    try {
      body = JSON.parse(req.body || '{}');
    } catch {
      return json(400, { errors: { fulfillment: ['Required parameter missing or invalid'] } });
    }
    const f = body?.fulfillment;
    const groups = Array.isArray(f?.line_items_by_fulfillment_order) ? f.line_items_by_fulfillment_order : null;
    if (!groups?.length) return json(400, { errors: { fulfillment: ['Required parameter missing or invalid'] } });
    const number = String(f.tracking_info?.number ?? '').trim();
    const company = String(f.tracking_info?.company ?? '').trim();
    if (!number) return json(422, { errors: ['Tracking number can\'t be blank'] });
    if (!company) return json(422, { errors: ['Tracking company can\'t be blank'] });
    const orders = groups.map((g: any) => store.all().find((o) => foId(o) === Number(g.fulfillment_order_id)));
    const o: ShopifySimOrder | undefined = orders[0];
    if (!o || orders.some((x: ShopifySimOrder | undefined) => x !== o)) return json(422, { errors: ['All fulfillment orders must belong to the same order'] });
    const words = shipments.refuse.get(o.id);
    if (words) return json(422, { errors: [words] });
    const fo = fulfillmentOrder(o);
    if (fo.status !== 'open' && fo.status !== 'in_progress') return json(422, { errors: [`Fulfillment order ${fo.id} has an unfulfillable status= ${fo.status}.`] });
    if (shipments.usedBy(number, o.id)) return json(422, { errors: [`Tracking number ${number} is already used by another order`] });
    const items: { id: number; quantity: number }[] = groups.flatMap((g: any) => g.fulfillment_order_line_items ?? fo.line_items.map((li) => ({ id: li.id, quantity: li.fulfillable_quantity })));
    const lines: string[] = [];
    for (const it of items) {
      const li = fo.line_items.find((x) => x.id === Number(it.id));
      if (!li || !(Number(it.quantity) > 0) || Number(it.quantity) > li.fulfillable_quantity!) return json(422, { errors: [`Invalid fulfillment order line item quantity requested for ${String(it.id)}`] });
      lines.push(String(li.line_item_id));
    }
    const map = fulfilled(o);
    for (const it of items) {
      const li = fo.line_items.find((x) => x.id === Number(it.id))!;
      map.set(String(li.line_item_id), (map.get(String(li.line_item_id)) ?? 0) + Number(it.quantity));
    }
    const allDone = o.lines.every((l) => (map.get(l.id) ?? 0) >= l.quantity);
    store.update(o.id, (x) => {
      x.fulfillmentStatus = allDone ? 'fulfilled' : 'partial';
    });
    const rec: SimFulfillment = { id: nextId++, status: 'success', tracking_company: company, tracking_number: number, tracking_numbers: [number] };
    made.set(o.id, [...(made.get(o.id) ?? []), rec]);
    await shipments.record({ orderId: o.id, carrierCode: company, trackingNo: number, lines: lines.length === o.lines.length ? null : lines }, now());
    return json(201, { fulfillment: { ...rec, order_id: Number(o.id), created_at: new Date(now()).toISOString() } });
  }

  return {
    /** The answer for a fulfillment path, or null when the path is not one. */
    handle(req: SimRequest, path: string): Promise<SimReply> | SimReply | null {
      if (path === '/fulfillments.json') return req.method === 'POST' ? create(req) : json(406, { errors: 'Not Acceptable' });
      const m = /^\/orders\/(\d+)\/(fulfillment_orders|fulfillments)\.json$/.exec(path);
      if (!m || req.method !== 'GET') return null;
      const o = store.all().find((x) => x.id === m[1]);
      if (!o) return json(404, { errors: 'Not Found' });
      return m[2] === 'fulfillments' ? json(200, { fulfillments: fulfillments(o) }) : json(200, { fulfillment_orders: [fulfillmentOrder(o)] });
    },
    /** The merchant fulfilled the order in the Shopify admin, with this number. */
    shipInBackOffice(id: string, trackingNo: string) {
      const o = store.get(id);
      o.lines.forEach((l) => fulfilled(o).set(l.id, l.quantity));
      made.set(id, [...(made.get(id) ?? []), { id: nextId++, status: 'success', tracking_company: 'SF Express', tracking_number: trackingNo, tracking_numbers: [trackingNo] }]);
      store.update(id, (x) => {
        x.fulfillmentStatus = 'fulfilled';
      });
    },
  };
}

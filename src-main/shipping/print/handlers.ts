import type { FloorChoices } from '../../../src-shared/contract/shipping-print';
import { ApiError } from '../../../src-shared/errors';
import { URGENCIES } from '../../../src-shared/orders';
import { handoverRefusalText } from '../../../src-shared/shipping-words';
import type { Database } from '../../db';
import { requireUser, type Handlers } from '../../kernel/call';
import { parseCarrier } from '../carrier-guess';
import type { Handovers } from './handover';
import type { PackingSlips } from './packing-slip';
import type { PickLists } from './pick-list';
import type { PickRenderer } from './pick-render';

type PrintCalls = 'shipping.floor' | 'shipping.wavePreview' | 'shipping.pickList' | 'shipping.pickLists' | 'shipping.packingSlip' | 'shipping.packable' | 'shipping.toHandOver' | 'shipping.handover';

/** A lifecycle refusal as the pick list reports it (orders left off the list). */
const SKIP_WORDS: Record<string, [string, string]> = {
  holds_open: ['订单被拦截', 'the order is held'],
  permission: ['没有发货权限', 'no shipping permission'],
  conflict: ['订单刚被别人改过', 'the order just changed'],
};

export function shippingPrintHandlers(deps: {
  db: Database;
  picks: PickLists;
  slips: PackingSlips;
  handovers: Handovers;
  formatTime: (ms: number) => string;
  /** Draws the PDF (on a job worker in the core): the writer only moves and records. */
  renderPick: PickRenderer;
}): Pick<Handlers, PrintCalls> {
  const { db, picks } = deps;
  const q = (sql: string) => db.sqlite.prepare(sql);
  const warehouses = q('SELECT id, name FROM warehouses ORDER BY code');
  const shops = q('SELECT id, name FROM channels ORDER BY name');
  const pdfName = (wh: string, at: number, reprint: number) =>
    `拣货单-${wh}-${deps.formatTime(at).replace(/[-: ]/g, '').slice(0, 12)}${reprint ? `-重印${reprint}` : ''}.pdf`;

  return {
    'shipping.floor': (): FloorChoices => ({
      warehouses: warehouses.all() as FloorChoices['warehouses'], shops: shops.all() as FloorChoices['shops'], urgencies: [...URGENCIES],
    }),
    'shipping.wavePreview': (input) => picks.preview(input.warehouseId, input.filters),
    'shipping.pickList': async (input, ctx) => {
      const user = requireUser(ctx);
      const who = { name: user.displayName, permissions: user.permissions };
      const at = Date.now();
      if (input.reprintOf) {
        const row = db.writes.run(ctx.write(), (tx) => picks.reprint(tx, input.reprintOf!, who));
        const reprint = row.prints - 1;
        const contentBase64 = await deps.renderPick({ warehouseId: row.warehouseId, orderIds: row.orderIds, head: {
          pickListId: row.id, warehouseName: picks.warehouseName(row.warehouseId), printedAt: deps.formatTime(at), printedBy: who.name,
          reprint, wave: picks.describe(row.filters, deps.formatTime),
        } });
        return { fileName: pdfName(picks.warehouseName(row.warehouseId), at, reprint), contentBase64, pickListId: row.id, orders: row.orderIds.length, reprint, skipped: [] };
      }
      const started = db.writes.run(ctx.write(), (tx) => picks.start(tx, input.warehouseId, input.filters, who));
      // Rendered after the moves committed (on a job worker in the core): a failed render loses nothing — the list is recorded, and a reprint prints it.
      const contentBase64 = await deps.renderPick({ warehouseId: input.warehouseId, orderIds: started.orderIds, head: {
        pickListId: started.pickListId, warehouseName: picks.warehouseName(input.warehouseId), printedAt: deps.formatTime(at), printedBy: who.name,
        reprint: 0, wave: picks.describe(input.filters, deps.formatTime),
      } });
      return {
        fileName: pdfName(picks.warehouseName(input.warehouseId), at, 0), contentBase64, pickListId: started.pickListId,
        orders: started.orderIds.length, reprint: 0,
        skipped: started.skipped.map((s) => ({ orderNo: s.orderNo, code: ctx.say(...(SKIP_WORDS[s.code] ?? ['状态不允许开始拣货', 'its status does not allow picking'])) })),
      };
    },
    'shipping.pickLists': (input) => picks.list(input.warehouseId ?? null, input.since ?? 0, input.limit),
    'shipping.packingSlip': async (input) => {
      const { fileName, pdf } = await deps.slips.render(input.orderIds);
      return { fileName, contentBase64: pdf.toString('base64') };
    },
    'shipping.packable': (input) => deps.slips.packable(input.warehouseId ?? null, input.limit),
    'shipping.toHandOver': (input) => {
      const carrier = input.carrier ? parseCarrier(input.carrier) : null;
      if (input.carrier && !carrier) throw new ApiError('invalid_input', `不认识快递公司：carrier = ${input.carrier}`, 'carrier');
      return deps.handovers.toHandOver(carrier, input.warehouseId ?? null);
    },
    'shipping.handover': (input, ctx) => {
      const user = requireUser(ctx);
      const carrier = parseCarrier(input.carrier);
      if (!carrier) throw new ApiError('invalid_input', ctx.say(`不认识快递公司：carrier = ${input.carrier}`, `unknown carrier: carrier = ${input.carrier}`), 'carrier');
      const done = db.writes.run(ctx.write(), (tx) => deps.handovers.handOver(tx, carrier, input.orderIds, input.warehouseId ?? null, user.displayName));
      const lang = ctx.locale === 'en' ? 'en' : 'zh';
      return { ...done, refused: done.refused.map((r) => ({ ...r, message: handoverRefusalText(r.code, r.params, lang) })) };
    },
  };
}

/**
 * The pick list as a PDF (A4): a header on every page (warehouse, wave, time, who, 重印 when a
 * reprint), the SKU totals in bin order, then each order with its barcode, lines and gifts; an
 * address changed after payment in red.
 */
import { URGENCY_LABELS } from '../../../src-shared/orders';
import { barcode, newDoc, put, RED, GREY, rule, type Doc } from './pdf-kit';
import type { PickListModel, PickOrder } from './pick-model';

export interface PickSheetHead {
  pickListId: string;
  warehouseName: string;
  printedAt: string;
  printedBy: string;
  /** 0: first print; n: the n-th reprint. */
  reprint: number;
  wave: string;
}

const ROW = 15;
const BOTTOM = 842 - 36;

export async function renderPickList(model: PickListModel, head: PickSheetHead): Promise<Buffer> {
  const { doc, done } = newDoc('A4', `拣货单 ${head.pickListId}`);
  let page = 1;
  let y = header(doc, head, page);
  const room = (h: number) => {
    if (y + h <= BOTTOM) return;
    doc.addPage();
    page += 1;
    y = header(doc, head, page);
  };

  put(doc, `按商品汇总　共 ${model.orders.length} 单 · ${model.units} 件 · ${model.skus.length} 种商品`, 28, y, 11);
  y += 18;
  const cols = (yy: number, c: [string, string, string, string, string], size = 9, color?: string) => {
    put(doc, c[0], 28, yy, size, { width: 62, ...(color ? { color } : {}) });
    put(doc, c[1], 92, yy, size, { width: 130, ...(color ? { color } : {}) });
    put(doc, c[2], 224, yy, size, { width: 250, ...(color ? { color } : {}) });
    put(doc, c[3], 476, yy, size, { width: 40, align: 'right', ...(color ? { color } : {}) });
    put(doc, c[4], 524, yy, size, { width: 40, align: 'right', ...(color ? { color } : {}) });
  };
  cols(y, ['库位', '商品编码', '品名 / 规格', '数量', '单数'], 9, GREY);
  y += ROW;
  rule(doc, y - 3);
  for (const s of model.skus) {
    room(ROW);
    cols(y, [s.bin ?? '未设库位', s.skuCode, `${s.giftOnly ? '【赠品】' : ''}${s.title}${s.spec ? ` / ${s.spec}` : ''}`, String(s.qty), String(s.orders)]);
    y += ROW;
  }

  y += 10;
  room(40);
  put(doc, '按订单', 28, y, 11);
  y += 18;
  for (const o of model.orders) {
    const h = orderHeight(o);
    room(h);
    drawOrder(doc, o, y);
    y += h;
  }
  return done();
}

function header(doc: Doc, h: PickSheetHead, page: number): number {
  put(doc, '拣货单', 28, 24, 16);
  put(doc, `${h.warehouseName}　波次 ${h.pickListId.slice(-8)}　${h.wave}`, 100, 28, 9, { width: 330 });
  put(doc, `打印 ${h.printedAt} · ${h.printedBy} · 第 ${page} 页`, 300, 28, 8, { width: 267, align: 'right', color: GREY });
  if (h.reprint > 0) put(doc, `重印（第 ${h.reprint} 次重印）`, 300, 12, 10, { width: 267, align: 'right', color: RED });
  rule(doc, 46, '#333333');
  return 54;
}

const orderHeight = (o: PickOrder): number =>
  Math.max(44, 22 + o.lines.reduce((n, l) => n + 1 + l.gifts.length, 0) * 13 + (o.buyerRemark ? 13 : 0)) + 6;

function drawOrder(doc: Doc, o: PickOrder, y: number): void {
  const coded = barcode(doc, o.orderNo, 28, y, 120, 22);
  put(doc, o.orderNo, 28, coded ? y + 24 : y + 4, 8);
  const urgent = o.urgency === 'red' ? `【${URGENCY_LABELS.red.zh}】` : '';
  put(doc, `${urgent}${o.shopName} · ${o.receiverName ?? ''} · ${o.place}`, 160, y, 9, { width: 300, ...(urgent ? { color: RED } : {}) });
  if (o.addressChanged) put(doc, '付款后改过地址，请核对面单', 440, y, 9, { width: 127, align: 'right', color: RED });
  let ly = y + 14;
  for (const l of o.lines) {
    put(doc, `${l.bin ?? '—'}`, 160, ly, 9, { width: 54, color: GREY });
    put(doc, `${l.skuCode}　${l.title}${l.spec ? ` / ${l.spec}` : ''}`, 216, ly, 9, { width: 300 });
    put(doc, `×${l.qty}`, 520, ly, 9, { width: 47, align: 'right' });
    ly += 13;
    for (const g of l.gifts) {
      put(doc, `${g.bin ?? '—'}`, 160, ly, 9, { width: 54, color: GREY });
      put(doc, `└ 赠品 ${g.skuCode}　${g.title}`, 226, ly, 9, { width: 290 });
      put(doc, `×${g.qty}`, 520, ly, 9, { width: 47, align: 'right' });
      ly += 13;
    }
  }
  if (o.buyerRemark) put(doc, `买家留言：${o.buyerRemark}`, 160, ly, 8, { width: 407, color: GREY });
  rule(doc, y + orderHeight(o) - 4, '#dddddd');
}

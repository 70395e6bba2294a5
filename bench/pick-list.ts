import { execSync } from 'node:child_process';
import { renderPickList } from '../src-main/shipping/print/pick-pdf';
import { PERSON } from '../tests/helpers/lifecycle-fixture';
import { order, shippingWorld } from '../tests/helpers/shipping-world';
import type { Bench } from './index';
import { ms, spread } from './stats';

const N = Number(process.env.BENCH_PICK_ORDERS ?? 5000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SKUS = ['SKU-001', 'SKU-002', 'GIFT-BAG'];

/**
 * A pick list of N orders (target: ≤ 3 s rendered and printable). Per round: the sheet rendered
 * from the replica (read the wave's orders, lines and bins, group, lay out, embed the font subset,
 * barcode per order) vs the baseline, a plain SQL read of the same orders and lines. Round 1 also
 * times the whole `shipping.pickList` call (N orders moved to 拣货中 through the state machine,
 * then the PDF); later rounds time the whole reprint call (audited, nothing moves). The render's
 * CPU time is printed beside its wall time: on a shared, loaded machine the two part ways.
 */
export const pickListBench: Bench = {
  name: 'pick-list',
  what: `pick list (拣货单 PDF) of ${N} orders vs a plain SQL read of the same rows`,
  async run() {
    console.log(execSync('uptime').toString().trim());
    const w = await shippingWorld();
    // Enough stock for every order (the world counts 1,000 of each: more orders would wait for stock, held).
    w.app.services.db.writes.run(PERSON, (tx) => w.app.services.rules.stock.applySnapshot(tx, SKUS.map((skuCode) => ({ skuCode, warehouseId: 'wh-hz', onHand: 1_000_000 })), 'bench', Date.now()));
    const t0 = performance.now();
    const orders = Array.from({ length: N }, (_, i) => order(`PB-${100000 + i}`, {
      buyerRemark: i % 7 === 0 ? '请尽快发货，谢谢' : null,
      lines: [
        { platformLineId: `PB-${i}-1`, skuCode: SKUS[i % 2]!, title: i % 2 ? '连帽卫衣' : '纯棉T恤', qty: 1 + (i % 3), unitPriceFen: 4990, paidFen: 4990 },
        ...(i % 5 === 0 ? [{ platformLineId: `PB-${i}-2`, skuCode: 'GIFT-BAG', title: '帆布袋', qty: 1, unitPriceFen: 0, paidFen: 0, gift: true, giftOf: 0 }] : []),
      ],
    }));
    for (let i = 0; i < N; i += 1000) w.ready(...orders.slice(i, i + 1000));
    w.app.services.db.writes.run(PERSON, (tx) => SKUS.forEach((sku, i) => tx.insert('sku_bins', { id: `bin-${i}`, warehouseId: 'wh-hz', skuCode: sku, bin: `A-0${i + 1}-01`, updatedAt: 0 })));
    console.log(`  ${N} orders made ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

    const { picks } = w.app.services.shipping;
    const token = await w.app.login('warehouse');
    const plain = w.app.services.db.sqlite.prepare(
      `SELECT o.*, l.* FROM json_each(?) j JOIN orders o ON o.id = j.value JOIN order_lines l ON l.order_id = o.id ORDER BY j.key, l.line_no`,
    );
    let pickListId = '';
    let ids: string[] = [];
    const rounds: [number, number][] = [];
    for (let r = 0; r < ROUNDS; r++) {
      const c0 = performance.now();
      const res = r === 0
        ? await w.app.call('shipping.pickList', { warehouseId: 'wh-hz', filters: {} }, token)
        : await w.app.call('shipping.pickList', { warehouseId: 'wh-hz', filters: {}, reprintOf: pickListId }, token);
      const call = performance.now() - c0;
      if (r === 0) {
        pickListId = res.pickListId;
        ids = JSON.parse(w.app.services.db.sqlite.prepare('SELECT order_ids_json FROM pick_lists WHERE id = ?').pluck().get(pickListId) as string) as string[];
        if (ids.length !== N) throw new Error(`pick list took ${ids.length} of ${N} orders`);
      }
      const b0 = performance.now();
      const rows = plain.all(JSON.stringify(ids)).length;
      const baseline = performance.now() - b0;
      const s0 = performance.now();
      const cpu0 = process.cpuUsage();
      const pdf = await renderPickList(picks.model('wh-hz', ids), { pickListId, warehouseName: '杭州仓', printedAt: '2026-12-01 09:00', printedBy: '基准', reprint: r, wave: '全部待拣货' });
      const render = performance.now() - s0;
      const cpu = process.cpuUsage(cpu0);
      const pages = (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
      console.log(`  round ${r + 1}: render ${ms(render)} wall, ${ms((cpu.user + cpu.system) / 1000)} CPU (${(pdf.length / 1024).toFixed(0)} KB, ${pages} pages); plain read ${ms(baseline)} (${rows} rows); whole call ${r === 0 ? '(print: moves + PDF)' : '(reprint)'} ${ms(call)}`);
      rounds.push([render, baseline]);
    }
    spread(`pick list of ${N}: render vs plain SQL read (time)`, rounds);
    console.log(execSync('uptime').toString().trim());
    w.dispose();
  },
};

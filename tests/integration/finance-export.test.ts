import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { yuanToFen } from '../../src-shared/money';
import { parseWallClock } from '../../src-shared/time';
import { DEMO_USERS } from '../../src-main/demo-users';
import { monthRange } from '../../src-main/finance/month';
import { ManualClock } from '../../src-main/kernel/clock';
import { randomOrders, seedChannel, seedOrders } from '../helpers/finance-seed';
import { tempApp, type TempApp } from '../helpers/temp-app';

let app: TempApp;
let finance: string;
let owner: string;
const EVIL = '=HYPERLINK("http://evil.example/x","点我领红包")';
const oct = monthRange('2026-10', 'Asia/Shanghai');
const nov = monthRange('2026-11', 'Asia/Shanghai');

/** The schedule's "today": its catch-up at start depends on the date, so each schedule test sets it. */
const today = new ManualClock(Date.now());

beforeAll(async () => {
  app = await tempApp({ finance: { clock: today } });
  finance = await app.login('finance');
  owner = await app.login('owner');
  const db = app.services.db;
  const tb = seedChannel(db, { name: '淘宝旗舰店', kind: 'taobao', commissionBps: 500 });
  const pdd = seedChannel(db, { name: '拼多多专营店', kind: 'pdd' });
  const pos = seedChannel(db, { name: '线下门店', kind: 'pos', commissionBps: 60 });
  const shops = [tb, pdd, pos];
  seedOrders(db, randomOrders(shops, 150, oct.from, oct.to, 1));
  seedOrders(db, randomOrders(shops, 40, nov.from, nov.to, 2));
  seedOrders(db, randomOrders(shops, 30, monthRange('2026-09', 'Asia/Shanghai').from, oct.from, 3));
  const line = (paid: number) => [{ skuCode: 'SKU-X', title: '测试商品', qty: 1, unitPriceFen: paid, paidFen: paid }];
  seedOrders(db, [
    {
      channelId: tb, platformOrderId: 'EVIL-1', paidAt: parseWallClock('2026-10-15 10:00:00'), goodsFen: 5_000, paidFen: 5_000,
      refundFen: 1_234, buyerNick: EVIL, receiverName: '-1+1', buyerRemark: '+86 请加微信', sellerNote: '@SUM(A1:A9)',
      lines: [{ skuCode: '=1+2', title: '\t制表符开头', qty: 1, unitPriceFen: 5_000, paidFen: 5_000, refundFen: 1_234 }],
    },
    { channelId: pdd, platformOrderId: 'LATE-OCT', paidAt: parseWallClock('2026-10-31 23:30:00'), goodsFen: 777, paidFen: 777, commissionFen: 7, lines: line(777) },
    { channelId: pdd, platformOrderId: 'EARLY-NOV', paidAt: parseWallClock('2026-11-01 00:10:00'), goodsFen: 888, paidFen: 888, lines: line(888) },
    {
      channelId: pos, platformOrderId: 'PAID-OCT-DONE-NOV', paidAt: parseWallClock('2026-10-20 12:00:00'),
      completedAt: parseWallClock('2026-11-02 09:00:00'), goodsFen: 999, paidFen: 999, lines: line(999),
    },
  ]);
});
afterAll(() => app.dispose());

/** What finance should see, summed independently in SQL from the stored orders. */
function sqlTotals(from: number, to: number, column = 'paid_at') {
  return app.services.db.sqlite
    .prepare(
      `SELECT c.name AS shop, count(*) AS orders, sum(o.goods_fen) AS goods, sum(o.discount_fen - o.platform_discount_fen) AS shopDiscount,
         sum(o.platform_discount_fen) AS platformDiscount, sum(o.postage_fen) AS postage, sum(o.paid_fen) AS paid,
         sum(coalesce(o.commission_fen, (o.paid_fen * c.commission_bps + 5000) / 10000, 0)) AS commission,
         -sum(o.refund_fen) AS refunds
       FROM orders o JOIN channels c ON c.id = o.channel_id WHERE o.${column} >= ? AND o.${column} < ? GROUP BY c.name ORDER BY c.name`,
    )
    .all(from, to) as { shop: string; orders: number; goods: number; shopDiscount: number; platformDiscount: number; postage: number; paid: number; commission: number; refunds: number }[];
}

/** Splits a sectioned CSV into its parts: title line, header, rows. */
function csvSections(text: string) {
  const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  const parts: { title: string; header: string[]; rows: string[][] }[] = [];
  let cur: string[][] = [];
  for (const r of [...records, ['']]) {
    if (r.length === 1 && r[0] === '') {
      if (cur.length) parts.push({ title: cur[0]![0]!, header: cur[1]!, rows: cur.slice(2) });
      cur = [];
    } else cur.push(r);
  }
  return parts;
}

const fen = (s: string | undefined) => yuanToFen(s ?? '');
const col = (header: string[], name: string) => {
  const i = header.indexOf(name);
  expect(i, `column ${name}`).toBeGreaterThanOrEqual(0);
  return i;
};

async function exportCsv(month: string, basis: 'paid' | 'completed' = 'paid', encoding: 'utf8bom' | 'gb18030' = 'utf8bom') {
  const r = await app.call('exports.finance', { month, basis, format: 'csv', encoding }, finance);
  const bytes = Buffer.from(r.contentBase64, 'base64');
  return { r, bytes, text: encoding === 'gb18030' ? iconv.decode(bytes, 'gb18030') : bytes.toString('utf8') };
}

describe('finance export (CSV)', () => {
  it('has per-shop totals equal to an independent SQL sum, and a total row', async () => {
    const { bytes, text, r } = await exportCsv('2026-10');
    expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf])); // BOM: Chinese Excel reads UTF-8
    expect(r.fileName).toBe('财务对账_2026-10_付款.csv');
    const [summary, orders, lines] = csvSections(text);
    expect(summary!.title).toBe('汇总 2026-10（按付款时间）');
    expect(orders!.title).toMatch(/^订单明细/);
    expect(lines!.title).toMatch(/^商品明细/);
    const h = summary!.header;
    const expected = sqlTotals(oct.from, oct.to);
    const shopRows = summary!.rows.slice(0, -1);
    expect(shopRows.map((x) => x[0])).toEqual(expected.map((e) => e.shop));
    for (const e of expected) {
      const row = shopRows.find((x) => x[0] === e.shop)!;
      expect(Number(row[col(h, '订单数')])).toBe(e.orders);
      expect(fen(row[col(h, '商品金额')])).toBe(e.goods);
      expect(fen(row[col(h, '店铺优惠')])).toBe(e.shopDiscount);
      expect(fen(row[col(h, '平台优惠')])).toBe(e.platformDiscount);
      expect(fen(row[col(h, '邮费')])).toBe(e.postage);
      expect(fen(row[col(h, '买家实付')])).toBe(e.paid);
      expect(fen(row[col(h, '平台佣金')])).toBe(e.commission);
      expect(fen(row[col(h, '退款')])).toBe(e.refunds);
      expect(fen(row[col(h, '应收净额')])).toBe(e.paid + e.platformDiscount - e.commission + e.refunds);
    }
    const total = summary!.rows.at(-1)!;
    expect(total[0]).toBe('合计');
    expect(fen(total[col(h, '买家实付')])).toBe(expected.reduce((s, e) => s + e.paid, 0));
    expect(Number(total[col(h, '订单数')])).toBe(expected.reduce((s, e) => s + e.orders, 0));
  });

  it('has detail rows that add up to the summary', async () => {
    const { text, r } = await exportCsv('2026-10');
    const [summary, orders, lines] = csvSections(text);
    const sh = summary!.header;
    const oh = orders!.header;
    const total = summary!.rows.at(-1)!;
    expect(orders!.rows).toHaveLength(Number(total[col(sh, '订单数')]));
    expect(r.orderCount).toBe(orders!.rows.length);
    for (const name of ['商品金额', '店铺优惠', '平台优惠', '邮费', '买家实付', '平台佣金', '退款', '应收净额']) {
      const sum = orders!.rows.reduce((s, x) => s + fen(x[col(oh, name)]), 0);
      expect(sum, name).toBe(fen(total[col(sh, name)]));
    }
    const lineCount = app.services.db.sqlite
      .prepare('SELECT count(*) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE o.paid_at >= ? AND o.paid_at < ?')
      .pluck().get(oct.from, oct.to);
    expect(lines!.rows).toHaveLength(lineCount as number);
    expect(r.lineCount).toBe(lineCount);
    // Every 19-digit order id is intact (a trailing tab keeps Excel from rounding it).
    const ids = orders!.rows.map((x) => x[col(oh, '订单编号')]!.trim());
    expect(ids.filter((id) => /^\d{19}$/.test(id))).toHaveLength(150);
  });

  it('neutralises formula-like text and keeps refunds negative and numeric', async () => {
    const { text } = await exportCsv('2026-10');
    const [, orders, lines] = csvSections(text);
    const oh = orders!.header;
    const evil = orders!.rows.find((x) => x[col(oh, '订单编号')] === 'EVIL-1')!;
    expect(evil[col(oh, '买家')]).toBe(`'${EVIL}`);
    expect(evil[col(oh, '收货人')]).toBe("'-1+1");
    expect(evil[col(oh, '买家留言')]).toBe("'+86 请加微信");
    expect(evil[col(oh, '商家备注')]).toBe("'@SUM(A1:A9)");
    expect(evil[col(oh, '退款')]).toBe('-12.34');
    const lh = lines!.header;
    const evilLine = lines!.rows.find((x) => x[col(lh, '订单编号')] === 'EVIL-1')!;
    expect(evilLine[col(lh, '商家编码')]).toBe("'=1+2");
    expect(evilLine[col(lh, '商品名称')]).toBe("'\t制表符开头");
    expect(evilLine[col(lh, '退款')]).toBe('-12.34');
    // No cell anywhere starts a formula.
    for (const row of [...orders!.rows, ...lines!.rows]) {
      for (const cell of row) if (/^[=+@\t\r]/.test(cell)) throw new Error(`unsafe cell ${JSON.stringify(cell)}`);
    }
  });

  it('cuts the month at 00:00 Beijing time', async () => {
    const idsOf = async (month: string) => {
      const [, orders] = csvSections((await exportCsv(month)).text);
      return orders!.rows.map((x) => x[col(orders!.header, '订单编号')]);
    };
    const october = await idsOf('2026-10');
    const november = await idsOf('2026-11');
    expect(october).toContain('LATE-OCT');
    expect(october).not.toContain('EARLY-NOV');
    expect(november).toContain('EARLY-NOV');
    expect(november).not.toContain('LATE-OCT');
  });

  it('reads completion time on the completed basis', async () => {
    const ids = async (month: string) => {
      const [, orders] = csvSections((await exportCsv(month, 'completed')).text);
      return orders!.rows.map((x) => x[col(orders!.header, '订单编号')]);
    };
    expect(await ids('2026-11')).toContain('PAID-OCT-DONE-NOV');
    expect(await ids('2026-10')).not.toContain('PAID-OCT-DONE-NOV');
    const [summary] = csvSections((await exportCsv('2026-11', 'completed')).text);
    const expected = sqlTotals(nov.from, nov.to, 'completed_at');
    const total = summary!.rows.at(-1)!;
    expect(fen(total[col(summary!.header, '买家实付')])).toBe(expected.reduce((s, e) => s + e.paid, 0));
  });

  it('writes GB18030 for older Excel when asked', async () => {
    const { bytes, text } = await exportCsv('2026-10', 'paid', 'gb18030');
    expect(bytes.subarray(0, 3)).not.toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(bytes.includes(iconv.encode('汇总', 'gb18030'))).toBe(true);
    const [summary] = csvSections(text);
    expect(summary!.rows.at(-1)![0]).toBe('合计');
  });
});

describe('finance export (XLSX)', () => {
  it('has three sheets with numeric money, frozen headers and escaped text', async () => {
    const r = await app.call('exports.finance', { month: '2026-10', basis: 'paid', format: 'xlsx' }, owner);
    expect(r.fileName).toBe('财务对账_2026-10_付款.xlsx');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(r.contentBase64, 'base64') as unknown as ArrayBuffer);
    expect(wb.worksheets.map((s) => s.name)).toEqual(['汇总', '订单明细', '商品明细']);
    const [summary, orders, lines] = wb.worksheets as [ExcelJS.Worksheet, ExcelJS.Worksheet, ExcelJS.Worksheet];
    for (const s of wb.worksheets) expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

    const header = (s: ExcelJS.Worksheet) => (s.getRow(1).values as unknown[]).slice(1).map(String);
    const rows = (s: ExcelJS.Worksheet) => {
      const out: unknown[][] = [];
      s.eachRow((row, n) => n > 1 && out.push((row.values as unknown[]).slice(1)));
      return out;
    };
    const sh = header(summary);
    const total = rows(summary).at(-1)!;
    const expected = sqlTotals(oct.from, oct.to);
    const paidCell = summary.getRow(rows(summary).length + 1).getCell(sh.indexOf('买家实付') + 1);
    expect(typeof paidCell.value).toBe('number');
    expect(paidCell.numFmt).toBe('#,##0.00');
    expect(Math.round((total[sh.indexOf('买家实付')] as number) * 100)).toBe(expected.reduce((s, e) => s + e.paid, 0));
    expect(Math.round((total[sh.indexOf('退款')] as number) * 100)).toBe(expected.reduce((s, e) => s + e.refunds, 0));

    const oh = header(orders);
    const orderRows = rows(orders);
    expect(orderRows).toHaveLength(total[sh.indexOf('订单数')] as number);
    const evil = orderRows.find((x) => x[oh.indexOf('订单编号')] === 'EVIL-1')!;
    expect(evil[oh.indexOf('买家')]).toBe(`'${EVIL}`);
    expect(evil[oh.indexOf('退款')]).toBe(-12.34); // a number, not text
    const net = orderRows.reduce((s, x) => s + Math.round(((x[oh.indexOf('应收净额')] as number) ?? 0) * 100), 0);
    expect(net).toBe(Math.round((total[sh.indexOf('应收净额')] as number) * 100));
    // 19-digit ids are text cells, every digit kept.
    expect(orderRows.filter((x) => /^\d{19}$/.test(String(x[oh.indexOf('订单编号')])))).toHaveLength(150);
    // Times are the Beijing wall clock.
    const late = orderRows.find((x) => x[oh.indexOf('订单编号')] === 'LATE-OCT')!;
    expect((late[oh.indexOf('付款时间')] as Date).toISOString()).toBe('2026-10-31T23:30:00.000Z');

    const lh = header(lines);
    const evilLine = rows(lines).find((x) => x[lh.indexOf('订单编号')] === 'EVIL-1')!;
    expect(evilLine[lh.indexOf('商家编码')]).toBe("'=1+2");
    expect(evilLine[lh.indexOf('退款')]).toBe(-12.34);
  });
});

describe('finance export: who may, and the audit trail', () => {
  it('audits every export with who, period, basis, row count and the file hash', async () => {
    const r = await app.call('exports.finance', { month: '2026-10', basis: 'paid', format: 'csv' }, finance);
    const rec = app.services.db.sqlite
      .prepare(`SELECT actor_name, call, entity_id, after_json FROM audit_log WHERE entity = 'finance_export' ORDER BY seq DESC LIMIT 1`)
      .get() as { actor_name: string; call: string; entity_id: string; after_json: string };
    const after = JSON.parse(rec.after_json);
    expect(rec).toMatchObject({ actor_name: 'finance', call: 'exports.finance', entity_id: '2026-10' });
    expect(after).toMatchObject({ month: '2026-10', basis: 'paid', format: 'csv', orders: r.orderCount, lines: r.lineCount });
    expect(after.rows).toBe(r.orderCount + r.lineCount + 4); // 3 shops + total row
    expect(after.sha256).toBe(createHash('sha256').update(Buffer.from(r.contentBase64, 'base64')).digest('hex'));
    expect(r.sha256).toBe(after.sha256);
  });

  it.each(['service', 'ops_lead', 'warehouse'] as const)('refuses %s', async (role) => {
    const token = await app.login(DEMO_USERS.find((u) => u.role === role)!.username);
    for (const name of ['exports.finance', 'exports.financeSchedule', 'exports.financeScheduleSave']) {
      const res = await app.raw(name, { month: '2026-10', basis: 'paid', format: 'csv' }, token);
      expect(res).toMatchObject({ error: { code: 'forbidden' } });
    }
  });

  it('names the field when the month is malformed', async () => {
    const res = await app.raw('exports.finance', { month: '2026-13', basis: 'paid', format: 'csv' }, finance);
    expect(res).toMatchObject({ error: { code: 'invalid_input', field: 'month' } });
  });
});

describe('monthly schedule to a folder', () => {
  it('writes last month into the folder and shows how it went', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'orderhub-finance-folder-'));
    // Before this month's run time (the 3rd, 06:00): saving does not catch up, so the runs below are the only ones.
    today.set(parseWallClock('2026-11-02 12:00:00')!);
    try {
      // The owner picks the folder (settings.folders); finance then sets the rest of the schedule.
      await app.call('exports.financeScheduleSave', { enabled: false, folder, dayOfMonth: 1, hour: 6, basis: 'paid', format: 'xlsx' }, owner);
      const saved = await app.call('exports.financeScheduleSave', { enabled: true, folder, dayOfMonth: 3, hour: 6, basis: 'paid', format: 'xlsx' }, finance);
      expect(saved.schedule).toMatchObject({ folder, dayOfMonth: 3 });
      expect(saved.nextRunAt).toBeGreaterThan(Date.now());
      const run = await app.services.finance.scheduler.runNow(parseWallClock('2026-11-03 06:00:00')!);
      expect(run).toMatchObject({ ok: true, month: '2026-10', error: null });
      expect(run.file).toBe(join(folder, '财务对账_2026-10_付款.xlsx'));
      expect(existsSync(run.file!)).toBe(true);
      const view = await app.call('exports.financeSchedule', {}, owner);
      expect(view.lastRun).toMatchObject({ ok: true, month: '2026-10' });
      const audit = app.services.db.sqlite
        .prepare(`SELECT actor_name, after_json FROM audit_log WHERE entity = 'finance_export' ORDER BY seq DESC LIMIT 1`)
        .get() as { actor_name: string; after_json: string };
      expect(audit.actor_name).toBe('system');
      expect(JSON.parse(audit.after_json).destination).toBe(run.file);

      rmSync(folder, { recursive: true, force: true }); // the shared drive went away
      const failed = await app.services.finance.scheduler.runNow(parseWallClock('2026-12-03 06:00:00')!);
      expect(failed).toMatchObject({ ok: false, month: '2026-11' });
      expect(failed.error).toContain(folder);
      expect((await app.call('exports.financeSchedule', {}, finance)).lastRun).toMatchObject({ ok: false });
    } finally {
      app.services.finance.scheduler.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it("catches up at start when this month's run time passed while the PC was off", async () => {
    const folder = mkdtempSync(join(tmpdir(), 'orderhub-finance-catchup-'));
    try {
      app.services.db.sqlite.prepare(`DELETE FROM meta WHERE key = 'finance.exportSchedule.lastRun'`).run();
      // The 15th: this month's run time (the 1st, 00:00) has passed with no file for last month, so saving catches up.
      today.set(parseWallClock('2026-11-15 10:00:00')!);
      await app.call('exports.financeScheduleSave', { enabled: true, folder, dayOfMonth: 1, hour: 0, basis: 'paid', format: 'csv' }, owner);
      const expected = '2026-10';
      await expect.poll(async () => (await app.call('exports.financeSchedule', {}, finance)).lastRun?.month, { timeout: 30_000 }).toBe(expected); // the export runs beside; a loaded machine takes more than the default 1 s
      const view = await app.call('exports.financeSchedule', {}, finance);
      expect(view.lastRun).toMatchObject({ ok: true, file: join(folder, `财务对账_${expected}_付款.csv`) });
      expect(existsSync(view.lastRun!.file!)).toBe(true);
    } finally {
      app.services.finance.scheduler.stop();
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('refuses a relative or missing folder, naming the field', async () => {
    const rel = await app.raw('exports.financeScheduleSave', { enabled: true, folder: 'finance', dayOfMonth: 1 }, finance);
    expect(rel).toMatchObject({ error: { code: 'invalid_input', field: 'folder' } });
    const missing = await app.raw('exports.financeScheduleSave', { enabled: true, folder: join(tmpdir(), 'no-such-folder-xyz'), dayOfMonth: 1 }, finance);
    expect(missing).toMatchObject({ error: { code: 'invalid_input', field: 'folder' } });
  });
});

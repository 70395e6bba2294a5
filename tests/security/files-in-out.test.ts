import ExcelJS from 'exceljs';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHEET_LIMITS } from '../../src-main/imports/sheet-limits';
import { openSheet } from '../../src-main/imports/sheet-reader';
import { csv, PDD_HEADER, pddRow, utf8Bom, xlsx } from '../helpers/import-fixtures';
import { call, login, memoryOf, startHost, type Host } from './host';
import { xlsxBomb } from './zip-bomb';

/** Issue #8, files in and out (items 17, 18, 19), replayed against the real host. */

let host: Host;
let owner: string;
beforeAll(async () => {
  host = await startHost(['--demo', '0']);
  owner = await login(host, 'owner');
});
afterAll(() => host.dispose());

const b64 = (b: Buffer) => b.toString('base64');

async function finished(jobId: string) {
  for (let i = 0; i < 300; i++) {
    const r = await call(host, 'imports.status', { jobId }, { token: owner });
    if (['done', 'failed', 'cancelled'].includes(r.json.data.state)) return r.json.data as { state: string; message: string | null; rowsImported: number; rowsRejected: number };
    await new Promise((res) => setTimeout(res, 100));
  }
  throw new Error(`job ${jobId} did not finish`);
}

describe('#8.17 spreadsheet limits', () => {
  it('a 200 KB xlsx that inflates to 200 MB is refused with a message that says why, and the host grows by < 200 MB', async () => {
    const honest = await xlsxBomb(200 * 1024 * 1024);
    const lying = await xlsxBomb(200 * 1024 * 1024, { lie: true });
    expect(honest.length).toBeLessThan(300 * 1024);
    try {
      writeFileSync(`/proc/${host.pid}/clear_refs`, '5'); // start the peak (VmHWM) from here
    } catch {
      // not allowed on this kernel: the peak since start is still a bound
    }
    const before = memoryOf(host.pid);

    const preview = await call(host, 'imports.preview', { fileName: 'bomb.xlsx', contentBase64: b64(honest) }, { token: owner });
    expect(preview.status).toBe(400);
    expect(preview.json.error.field).toBe('contentBase64');
    expect(preview.json.error.message).toMatch(/解压后有 200 MB，超过上限 150 MB/);
    expect(preview.text.length).toBeLessThan(2000);

    const upload = await call(host, 'imports.upload', { fileName: 'bomb.xlsx', contentBase64: b64(lying) }, { token: owner });
    expect(upload.status).toBe(200);
    const job = await finished(upload.json.data.jobId);
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/解压后比它声明的 4\.0 KB|声明/);

    const en = await call(host, 'imports.preview', { fileName: 'bomb.xlsx', contentBase64: b64(honest) }, { token: owner, headers: { 'x-orderhub-locale': 'en' } });
    expect(en.json.error.message).toMatch(/unpacks to 200 MB, over the 150 MB limit/);

    const after = memoryOf(host.pid);
    expect(after.peakMb - before.rssMb, `peak ${after.peakMb} MB, before ${before.rssMb} MB`).toBeLessThan(200);
  }, 120_000);

  it('a row wider than the column limit or a cell longer than Excel allows is refused, naming the row', async () => {
    const wide = await xlsx([Array.from({ length: SHEET_LIMITS.columns + 1 }, (_, i) => `列${i}`)]);
    const r1 = await call(host, 'imports.preview', { fileName: 'wide.xlsx', contentBase64: b64(wide) }, { token: owner });
    expect(r1.status).toBe(400);
    expect(r1.json.error.message).toMatch(/第 1 行有 501 列/);
    const long = utf8Bom(csv([['订单号', '备注'], ['1', 'x'.repeat(SHEET_LIMITS.cellChars + 1)]]));
    const r2 = await call(host, 'imports.preview', { fileName: 'long.csv', contentBase64: b64(long) }, { token: owner });
    expect(r2.status).toBe(400);
    expect(r2.json.error.message).toMatch(/第 2 行第 2 列有 32768 个字符/);
  });

  it('the preview of a large sheet stays small: rows, columns and cell length capped', async () => {
    const rows = Array.from({ length: 25 }, (_, r) => Array.from({ length: 450 }, (_, c) => `${r}-${c}-${'字'.repeat(400)}`));
    const big = await xlsx(rows);
    const r = await call(host, 'imports.preview', { fileName: 'big.xlsx', contentBase64: b64(big) }, { token: owner });
    expect(r.status).toBe(200);
    const p = r.json.data as { headers: string[]; rows: string[][] };
    expect(p.headers.length).toBe(SHEET_LIMITS.previewColumns);
    expect(Math.max(...p.headers.map((h) => h.length), ...p.rows.flat().map((c) => c.length))).toBeLessThanOrEqual(SHEET_LIMITS.previewCellChars + 1);
    expect(p.rows.length).toBeLessThanOrEqual(SHEET_LIMITS.previewRows);
    expect(r.text.length).toBeLessThan(1024 * 1024);
  });

  it('a sheet with more rows than the limit is refused with a message to split it', async () => {
    const lines = ['订单号,金额'];
    for (let i = 0; i <= SHEET_LIMITS.rows + 1; i++) lines.push(`${i},1`);
    const sheet = openSheet('many.csv', Buffer.from(lines.join('\n')));
    await expect(async () => {
      for await (const _ of sheet.rows()); // eslint-style: drain
    }).rejects.toMatchObject({ zh: expect.stringMatching(/超过 500,000 行：请拆分/) });
  });
});

describe('#8.18 reject reports neutralise formula-like text as exports do', () => {
  it('a rejected =HYPERLINK cell comes back as inert text with its original readable', async () => {
    const title = '=HYPERLINK("http://evil.example","点我")';
    const file = utf8Bom(csv([PDD_HEADER, pddRow({ time: '2026-05-18 09:30:00', title, id: '260518-000000000000006', status: '待发货', goods: '10', paid: '10', qty: '1' })]));
    const { jobId } = (await call(host, 'imports.upload', { fileName: 'pdd.csv', contentBase64: b64(file) }, { token: owner })).json.data;
    expect(await finished(jobId)).toMatchObject({ state: 'failed', rowsRejected: 1 });
    const report = await call(host, 'imports.rejectReport', { jobId }, { token: owner });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(report.json.data.contentBase64, 'base64') as unknown as ArrayBuffer);
    const cell = wb.worksheets[0]!.getRow(2).getCell(2);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(`'${title}`);
  });
});

describe('#8.19 folders: absolute, canonical, chosen by the owner, never overwriting', () => {
  let root: string;
  beforeAll(() => (root = realpathSync(mkdtempSync(join(tmpdir(), 'orderhub-sec-folders-')))));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('finance cannot point the monthly export at a server folder; the owner can', async () => {
    const finance = await login(host, 'finance');
    const target = join(root, 'finance');
    mkdirSync(target);
    const refused = await call(host, 'exports.financeScheduleSave', { enabled: true, folder: '/etc', dayOfMonth: 28, hour: 6 }, { token: finance });
    expect(refused.status).toBe(403);
    expect(refused.json.error.field).toBe('folder');
    expect((await call(host, 'exports.financeScheduleSave', { enabled: true, folder: target, dayOfMonth: 28, hour: 6 }, { token: finance })).status).toBe(403);
    const audit = await call(host, 'audit.list', { action: 'forbidden', entity: 'finance_schedule' }, { token: owner });
    expect(audit.json.data.total).toBe(2);
    expect((await call(host, 'exports.financeScheduleSave', { enabled: true, folder: target, dayOfMonth: 28, hour: 6 }, { token: owner })).status).toBe(200);
    // With the owner's folder in place, finance changes the rest of the schedule.
    expect((await call(host, 'exports.financeScheduleSave', { enabled: true, folder: target, dayOfMonth: 27, hour: 6 }, { token: finance })).status).toBe(200);
  });

  it('a relative, missing or linked folder is stored as the real folder or refused', async () => {
    for (const folder of ['finance', '../etc', join(root, 'missing')]) {
      const r = await call(host, 'imports.saveSource', { folder, schedule: '0 8 * * *' }, { token: owner });
      expect(r.status, folder).toBe(400);
      expect(r.json.error.field).toBe('folder');
    }
    const real = join(root, 'real');
    mkdirSync(real);
    symlinkSync(real, join(root, 'alias'));
    const saved = await call(host, 'imports.saveSource', { folder: `${root}/alias/../alias/`, schedule: '0 8 * * *' }, { token: owner });
    expect(saved.status).toBe(200);
    expect(saved.json.data.folder).toBe(real);
  });

  it('a folder swapped for a link after it was set is refused at run time, and nothing is read from where it points', async () => {
    const inbox = join(root, 'inbox');
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(inbox);
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'orders.csv'), utf8Bom(csv([PDD_HEADER, pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id: '260518-000000000000077', status: '待发货', goods: '10', paid: '10', qty: '1' })])));
    const source = (await call(host, 'imports.saveSource', { folder: inbox, schedule: '0 8 * * *' }, { token: owner })).json.data;
    renameSync(inbox, `${inbox}-old`);
    symlinkSync(elsewhere, inbox);
    const run = await call(host, 'imports.runSource', { id: source.id }, { token: owner });
    const job = await finished(run.json.data.jobIds[0]);
    expect(job.state).toBe('failed');
    expect(job.message).toMatch(/换成链接/);
    expect((await call(host, 'orders.page', { startRow: 0, endRow: 10 }, { token: owner })).json.data.total).toBe(0);
  });

  it('the monthly export never overwrites a file already in the folder', async () => {
    const folder = join(root, 'monthly');
    mkdirSync(folder);
    const d = new Date(Date.now() + 8 * 3_600_000); // Beijing calendar
    const prev = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1));
    const month = `${prev.getUTCFullYear()}-${String(prev.getUTCMonth() + 1).padStart(2, '0')}`;
    const name = `财务对账_${month}_付款.csv`;
    writeFileSync(join(folder, name), 'somebody else\'s file');
    // Day 1 at 00:00 has passed: saving catches up at once and writes last month's file.
    expect((await call(host, 'exports.financeScheduleSave', { enabled: true, folder, dayOfMonth: 1, hour: 0, format: 'csv' }, { token: owner })).status).toBe(200);
    const second = `财务对账_${month}_付款 (2).csv`;
    for (let i = 0; i < 100 && !readdirSync(folder).includes(second); i++) await new Promise((r) => setTimeout(r, 100));
    await new Promise((r) => setTimeout(r, 200)); // the temporary folder goes right after
    expect(readdirSync(folder).sort()).toEqual([second, name].sort());
    expect(readFileSync(join(folder, name), 'utf8')).toBe('somebody else\'s file');
  });
});

import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { csv, ordersOf, PDD_HEADER, pddRow, utf8Bom, seedFileShops } from '../helpers/import-fixtures';

const row = (id: string, paid = '10') => pddRow({ time: '2026-05-18 09:30:00', title: '横幅', id, status: '待发货', goods: paid, paid, qty: '1' });

describe('imports: scheduled folder sources', () => {
  let app: TempApp;
  let token: string;
  let folder: string;
  beforeEach(async () => {
    app = await tempApp();
    seedFileShops(app);
    token = await app.login('owner');
    folder = mkdtempSync(join(tmpdir(), 'orderhub-drop-'));
  });
  afterEach(() => {
    app.dispose();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports a new file once, ignores it unchanged, imports it again when its content changes; never touches it', async () => {
    const file = join(folder, 'pdd_orders.csv');
    const content = utf8Bom(csv([PDD_HEADER, row('260518-000000000000001')]));
    writeFileSync(file, content);
    writeFileSync(join(folder, '~$pdd_orders.xlsx'), 'lock file');
    writeFileSync(join(folder, 'readme.txt'), 'not a sheet');
    const before = statSync(file).mtimeMs;

    const src = await app.call('imports.saveSource', { folder, schedule: '0 8 * * *' }, token);
    expect(src).toMatchObject({ folder, schedule: '0 8 * * *', enabled: true, lastJob: null });

    const first = await app.call('imports.runSource', { id: src.id }, token);
    expect(first.jobIds).toHaveLength(1);
    expect(await app.call('imports.status', { jobId: first.jobIds[0]! }, token)).toMatchObject({ state: 'done', rowsImported: 1, sourceId: src.id });

    expect((await app.call('imports.runSource', { id: src.id }, token)).jobIds).toEqual([]);

    writeFileSync(file, utf8Bom(csv([PDD_HEADER, row('260518-000000000000001'), row('260518-000000000000002')])));
    const changed = await app.call('imports.runSource', { id: src.id }, token);
    expect(await app.call('imports.status', { jobId: changed.jobIds[0]! }, token)).toMatchObject({ rowsImported: 1, rowsUnchanged: 1 });
    expect(ordersOf(app)).toHaveLength(2);
    expect(readFileSync(join(folder, 'readme.txt'), 'utf8')).toBe('not a sheet');
    expect(statSync(file).mtimeMs).toBeGreaterThanOrEqual(before);
  });

  it('a failing file is a visible warning on the source and in the job list', async () => {
    writeFileSync(join(folder, 'broken.xlsx'), 'not really a workbook');
    const src = await app.call('imports.saveSource', { folder, schedule: 'on-arrival' }, token);
    // On-arrival sources scan once when armed; runSource waits for the same scan.
    await app.call('imports.runSource', { id: src.id }, token);
    const [listed] = await app.call('imports.sources', {}, token);
    expect(listed!.lastJob).toMatchObject({ state: 'failed', fileName: 'broken.xlsx', message: expect.stringContaining('不是表格文件') });
    const jobs = await app.call('imports.jobs', {}, token);
    expect(jobs.filter((j) => j.sourceId === src.id && j.state === 'failed')).toHaveLength(1);
  });

  it('on-arrival: a file dropped into the watched folder is imported without anyone asking', async () => {
    await app.call('imports.saveSource', { folder, schedule: 'on-arrival' }, token);
    writeFileSync(join(folder, 'arrived.csv'), utf8Bom(csv([PDD_HEADER, row('260518-000000000000007')])));
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline && !(await app.call('imports.jobs', {}, token)).some((j) => j.state === 'done')) {
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(ordersOf(app).map((o) => o.id)).toEqual(['260518-000000000000007']);
  });

  it('refuses a folder that does not exist and a schedule that is not cron', async () => {
    expect(await app.raw('imports.saveSource', { folder: join(folder, 'nope'), schedule: '0 8 * * *' }, token)).toMatchObject({ error: { field: 'folder' } });
    expect(await app.raw('imports.saveSource', { folder, schedule: '99 99 * * *' }, token)).toMatchObject({ error: { field: 'schedule' } });
    const ops = await app.login('ops');
    expect(await app.raw('imports.sources', {}, ops)).toMatchObject({ error: { code: 'forbidden' } });
  });
});

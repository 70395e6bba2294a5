import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApp } from '../../src-main/app';
import { createLogger } from '../../src-main/log';
import { hubOrders, hubSetup, stagingDdl } from '../helpers/erp-fixtures';
import { odbcHome, type OdbcHome } from '../helpers/odbc';
import { startPostgres, type PgCluster } from '../helpers/postgres';
import { rng } from '../sim/random';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * A push killed with SIGKILL at random points, then retried: every order is in the ERP exactly
 * once with its lines. The staging tables here have NO unique constraints, so nothing on the ERP
 * side saves a careless client: the hub must look before it inserts (its own record of what it
 * pushed is written after the ERP commits, so a kill between the two loses it).
 */
const ORDERS = Number(process.env.ORDERHUB_FULL ? 2000 : 400);
const KILLS = Number(process.env.ORDERHUB_FULL ? 20 : 6);
let pg: PgCluster;
let home: OdbcHome;
let app: TempApp;
let dataDir: string;
const erp = (sql: string) => pg.psql(sql, 'crash').trim();

beforeAll(async () => {
  home = odbcHome();
  pg = await startPostgres();
  await pg.createDatabase('crash');
  pg.psql(stagingDdl('pg', { unique: false }), 'crash');
  app = await tempApp({ erp: { autostart: false } });
  dataDir = app.dataDir;
  const token = await app.login('owner');
  await app.call('erp.connections.create', { name: 'K3', connectionString: pg.odbc('crash'), preset: 'k3wise', readOnly: false }, token);
  const { channelId } = hubSetup(app.services.db, [{ code: 'WH01', name: '主仓' }]);
  hubOrders(app.services.db, channelId, Array.from({ length: ORDERS }, (_, i) => ({
    lines: [{ sku: `SKU${i % 97}`, qty: 1 + (i % 4), title: `商品 喆 ${i}` }, ...(i % 3 ? [{ sku: `SKU${i % 89}`, qty: 2 }] : [])], warehouseCode: 'WH01',
  })));
  app.close(); // the children own the workspace from here on
}, 120_000);
afterAll(async () => {
  app?.dispose();
  await pg?.stop();
  home?.dispose();
});

function run(killAfterMs: number | null): Promise<'killed' | 'done'> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/integration/children/erp-push.ts'), dataDir], { stdio: ['ignore', 'pipe', 'pipe'], env: process.env });
    let out = '';
    let err = '';
    child.stdout.on('data', (b: Buffer) => {
      out += b.toString();
      if (killAfterMs !== null && out.includes('pushing\n')) {
        setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        killAfterMs = null;
      }
    });
    child.stderr.on('data', (b: Buffer) => (err += b.toString()));
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') return done('killed');
      if (code === 0 && out.includes('done')) return done('done');
      fail(new Error(`child exited ${code} ${signal}: ${err}\n${out}`));
    });
  });
}

describe('SIGKILL during an ERP push', () => {
  it(`${KILLS} kills mid-push, then a retry: ${ORDERS} orders each in the ERP once, lines once, none lost`, async () => {
    const r = rng(7);
    let kills = 0;
    for (let i = 0; i < KILLS; i++) {
      const before = Number(erp('SELECT count(*) FROM hub_order'));
      if ((await run(Math.floor(150 + r() * 700))) === 'killed') kills++;
      const after = Number(erp('SELECT count(*) FROM hub_order'));
      if (after === ORDERS) break;
      expect(after).toBeGreaterThanOrEqual(before);
    }
    expect(await run(null)).toBe('done');
    expect(kills).toBeGreaterThanOrEqual(1);

    expect(erp('SELECT count(*), count(DISTINCT ext_order_no) FROM hub_order')).toBe(`${ORDERS}|${ORDERS}`);
    const expectedLines = Array.from({ length: ORDERS }, (_, i) => (i % 3 ? 2 : 1)).reduce((a, b) => a + b, 0);
    expect(erp('SELECT count(*), count(DISTINCT (ext_order_no, line_no)) FROM hub_order_line')).toBe(`${expectedLines}|${expectedLines}`);
    expect(erp(`SELECT count(*) FROM hub_order_line l WHERE NOT EXISTS (SELECT 1 FROM hub_order o WHERE o.ext_order_no = l.ext_order_no)`)).toBe('0');

    const reopened = await openApp({ dataDir, log: createLogger(dataDir, { console: false }), erp: { autostart: false }, channels: { autostart: false } });
    try {
      const q = (sql: string) => reopened.services.db.sqlite.prepare(sql).pluck().get();
      expect(q(`SELECT count(*) FROM erp_pushes WHERE state = 'pushed'`)).toBe(ORDERS);
      // Every order has exactly one insert or one "found it already there" in the audit log.
      expect(q(`SELECT count(DISTINCT entity_id) FROM audit_log WHERE entity = 'erp_order' AND action IN ('erp_insert', 'erp_confirmed')`)).toBe(ORDERS);
      expect(q(`SELECT count(*) FROM audit_log WHERE entity = 'erp_order' AND action = 'erp_insert'`)).toBeLessThanOrEqual(ORDERS);
      expect(reopened.services.db.writes.verifyAudit().ok).toBe(true);
      console.log(`erp-crash: ${kills} kills, ${q(`SELECT count(*) FROM audit_log WHERE entity = 'erp_order' AND action = 'erp_confirmed'`)} orders found already in the ERP on retry`);
    } finally {
      reopened.close();
    }
  }, 300_000);
});

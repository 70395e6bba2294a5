import Database from 'better-sqlite3';
import { uuidv7 } from 'uuidv7';
import type { Database as HubDb } from '../../src-main/db';
import { Lifecycle } from '../../src-main/orders/lifecycle/lifecycle';
import type { OrderStatus } from '../../src-shared/orders';
import type { PgCluster } from './postgres';

/**
 * ERP databases shaped like the real ones (shared/ERP.md): Kingdee K3 WISE tables in PostgreSQL
 * (standing in for SQL Server) and Yonyou U8 tables in SQLite, each with the hub's staging tables,
 * plus hub-side orders at 待发货.
 */

/** The staging tables of ERP.md §5 in portable SQL; `unique: false` drops the ERP-side guarantees. */
export function stagingDdl(dialect: 'pg' | 'sqlite', opts: { unique?: boolean } = {}): string {
  const id = dialect === 'pg' ? 'bigserial PRIMARY KEY' : 'INTEGER PRIMARY KEY AUTOINCREMENT';
  const u = opts.unique === false ? '' : ' UNIQUE';
  const now = dialect === 'pg' ? 'now()' : 'CURRENT_TIMESTAMP';
  return `
CREATE TABLE hub_order (hub_order_id ${id}, ext_order_no varchar(64) NOT NULL${u}, source varchar(32) NOT NULL DEFAULT '',
  order_type varchar(16) NOT NULL DEFAULT 'SO', customer_code varchar(40) NOT NULL, order_date date NOT NULL, delivery_date date NULL,
  currency varchar(8) NOT NULL DEFAULT 'CNY', total_amount decimal(28,10) NOT NULL DEFAULT 0, remark varchar(255) NULL,
  payload_hash varchar(64) NULL, status varchar(16) NOT NULL DEFAULT 'NEW', erp_bill_no varchar(40) NULL, erp_inter_id bigint NULL,
  error_msg varchar(1000) NULL, attempts int NOT NULL DEFAULT 0, created_at timestamp NOT NULL DEFAULT ${now}, updated_at timestamp NOT NULL DEFAULT ${now});
CREATE TABLE hub_order_line (hub_line_id ${id}, ext_order_no varchar(64) NOT NULL, line_no int NOT NULL, sku varchar(80) NOT NULL,
  qty decimal(28,10) NOT NULL, unit varchar(20) NULL, price decimal(28,10) NULL, amount decimal(28,10) NULL, tax_rate decimal(9,4) NULL,
  warehouse_code varchar(40) NULL, batch_no varchar(60) NULL, delivery_date date NULL, remark varchar(255) NULL, ext_line_no varchar(64) NULL
  ${opts.unique === false ? '' : ', CONSTRAINT uq_hub_line UNIQUE (ext_order_no, line_no)'});
CREATE TABLE hub_stock_lock (hub_lock_id ${id}, lock_key varchar(100) NOT NULL${u}, ext_order_no varchar(64) NULL, sku varchar(80) NOT NULL,
  warehouse_code varchar(40) NOT NULL, batch_no varchar(60) NULL, qty decimal(28,10) NOT NULL, status varchar(16) NOT NULL DEFAULT 'ACTIVE',
  expires_at timestamp NULL, created_at timestamp NOT NULL DEFAULT ${now}, updated_at timestamp NOT NULL DEFAULT ${now});`;
}

export const K3_DDL = `
CREATE TABLE t_MeasureUnit (FMeasureUnitID int PRIMARY KEY, FNumber varchar(30), FName varchar(80), FCoefficient decimal(28,10));
CREATE TABLE t_ICItem (FItemID int PRIMARY KEY, FNumber varchar(80) NOT NULL, FName varchar(255) NOT NULL, FModel varchar(255), FHelpCode varchar(80),
  FUnitID int, FStoreUnitID int, FQtyDecimal int, FSalePrice decimal(28,10), FTaxRate decimal(28,10), FBatchManager int DEFAULT 0, FDeleted int NOT NULL DEFAULT 0,
  FGoodsBarCode varchar(80));
CREATE TABLE t_Stock (FItemID int PRIMARY KEY, FNumber varchar(80) NOT NULL, FName varchar(255) NOT NULL, FTypeID int DEFAULT 500, FMRPAvail int DEFAULT 1, FIsStockMgr int DEFAULT 0, FSPGroupID int DEFAULT 0);
CREATE TABLE ICInventory (FBrNo varchar(10) DEFAULT '0', FItemID int NOT NULL, FBatchNo varchar(200) NOT NULL DEFAULT '', FMTONo varchar(200) DEFAULT '', FAuxPropID int DEFAULT 0,
  FStockID int NOT NULL, FStockPlaceID int DEFAULT 0, FKFPeriod int DEFAULT 0, FKFDate varchar(20) DEFAULT '', FQty decimal(28,10) NOT NULL DEFAULT 0, FBal decimal(20,2) DEFAULT 0,
  FQtyLock decimal(28,10) DEFAULT 0, FSecQty decimal(28,10) DEFAULT 0);
CREATE INDEX ix_icinventory ON ICInventory (FItemID, FStockID);
CREATE TABLE SEOrder (FInterID int PRIMARY KEY, FBillNo varchar(50), FTranType int DEFAULT 81, FPOOrdBillNo varchar(255));
CREATE TABLE ICStockBill (FInterID int PRIMARY KEY, FBillNo varchar(50), FTranType int);
CREATE TABLE ICStockBillEntry (FInterID int, FEntryID int, FItemID int, FQty decimal(28,10), FOrderInterID int, FOrderEntryID int);
`;

export const U8_DDL = `
CREATE TABLE ComputationUnit (cComunitCode varchar(35) PRIMARY KEY, cComUnitName varchar(60));
CREATE TABLE Inventory (cInvCode varchar(60) PRIMARY KEY, cInvName varchar(255) NOT NULL, cInvStd varchar(255), cComUnitCode varchar(35), cInvCCode varchar(12), cBarCode varchar(30), dEDate datetime);
CREATE TABLE Warehouse (cWhCode varchar(10) PRIMARY KEY, cWhName varchar(50), cWhAddress varchar(255), cWhPerson varchar(20));
CREATE TABLE CurrentStock (AutoID INTEGER PRIMARY KEY AUTOINCREMENT, cWhCode varchar(10) NOT NULL, cInvCode varchar(60) NOT NULL, ItemId int, cBatch varchar(60) DEFAULT '',
  dVDate datetime, iQuantity decimal(28,10) NOT NULL DEFAULT 0, fOutQuantity decimal(28,10) DEFAULT 0, fInQuantity decimal(28,10) DEFAULT 0);
CREATE TABLE SO_SOMain (ID int PRIMARY KEY, cSOCode varchar(30), cBusType varchar(8), cCusCode varchar(20), cMemo varchar(255), iStatus int, cDefine10 varchar(60));
CREATE TABLE SO_SODetails (AutoID INTEGER PRIMARY KEY AUTOINCREMENT, ID int, iSOsID int, cSOCode varchar(30), iRowNo int, cInvCode varchar(60), iQuantity decimal(28,10));
CREATE TABLE DispatchLists (AutoID INTEGER PRIMARY KEY AUTOINCREMENT, cDLCode varchar(30), iDLsID int, iSOsID int, cWhCode varchar(10), cBatch varchar(60));
CREATE TABLE rdrecords32 (AutoID INTEGER PRIMARY KEY AUTOINCREMENT, iDLsID int, cInvCode varchar(60), iQuantity decimal(28,10));
`;

export interface ErpItem {
  code: string;
  name: string;
  spec: string | null;
  barcode: string | null;
}

/** Items with Chinese names (GB2312-safe unless `gbkOnly`), two per spec family. */
export function erpItems(n: number, opts: { gbkOnly?: boolean } = {}): ErpItem[] {
  const names = ['五香牛肉干', '手撕鸭脖', '桂花糕', '龙井茶叶', '黄酒礼盒', '笋干', '青团'];
  return Array.from({ length: n }, (_, i) => ({
    code: `SKU${String(i + 1).padStart(6, '0')}`,
    name: `${names[i % names.length]}${opts.gbkOnly && i === 0 ? '·喆记' : ''} ${i + 1}号`,
    spec: i % 3 === 0 ? null : `${(i % 5) + 1}00克/袋`,
    barcode: i % 4 === 0 ? null : `69${String(1000000000 + i).slice(0, 11)}`,
  }));
}

/** K3 WISE master data and stock in PostgreSQL; stock rows split over two batches per item × warehouse. */
export function seedK3(pg: PgCluster, db: string, items: ErpItem[], warehouses: { code: string; name: string }[], qty: (i: number, w: number) => number): void {
  const esc = (s: string | null) => (s === null ? 'NULL' : `'${s.replace(/'/g, "''")}'`);
  const sql: string[] = [K3_DDL, stagingDdl('pg'), `INSERT INTO t_MeasureUnit VALUES (1, 'D', '袋', 1), (2, 'H', '盒', 1);`];
  for (let i = 0; i < items.length; i += 1000) {
    sql.push(`INSERT INTO t_ICItem (FItemID, FNumber, FName, FModel, FUnitID, FDeleted, FGoodsBarCode) VALUES ${items.slice(i, i + 1000)
      .map((it, j) => `(${1000 + i + j}, ${esc(it.code)}, ${esc(it.name)}, ${esc(it.spec)}, ${((i + j) % 2) + 1}, 0, ${esc(it.barcode)})`).join(', ')};`);
  }
  sql.push(`INSERT INTO t_Stock (FItemID, FNumber, FName) VALUES ${warehouses.map((w, k) => `(${50 + k}, ${esc(w.code)}, ${esc(w.name)})`).join(', ')};`);
  const rows: string[] = [];
  items.forEach((_, i) =>
    warehouses.forEach((__, w) => {
      const q = qty(i, w);
      const a = Math.floor(q / 2);
      rows.push(`(${1000 + i}, 'B1', ${50 + w}, ${a})`, `(${1000 + i}, 'B2', ${50 + w}, ${q - a})`);
    }),
  );
  for (let i = 0; i < rows.length; i += 2000) sql.push(`INSERT INTO ICInventory (FItemID, FBatchNo, FStockID, FQty) VALUES ${rows.slice(i, i + 2000).join(', ')};`);
  pg.psql(sql.join('\n'), db);
}

/** U8 master data, stock and staging tables in a SQLite file (read by the SQLite3 ODBC driver). */
export function seedU8(file: string, items: ErpItem[], warehouses: { code: string; name: string }[], qty: (i: number, w: number) => number, opts: { unique?: boolean } = {}): void {
  const db = new Database(file);
  try {
    db.exec(U8_DDL + stagingDdl('sqlite', opts));
    db.exec(`INSERT INTO ComputationUnit VALUES ('01', '袋'), ('02', '盒');`);
    const inv = db.prepare('INSERT INTO Inventory (cInvCode, cInvName, cInvStd, cComUnitCode, cBarCode) VALUES (?, ?, ?, ?, ?)');
    const wh = db.prepare('INSERT INTO Warehouse (cWhCode, cWhName) VALUES (?, ?)');
    const st = db.prepare('INSERT INTO CurrentStock (cWhCode, cInvCode, cBatch, iQuantity) VALUES (?, ?, ?, ?)');
    db.transaction(() => {
      items.forEach((it, i) => inv.run(it.code, it.name, it.spec, i % 2 ? '01' : '02', it.barcode));
      for (const w of warehouses) wh.run(w.code, w.name);
      items.forEach((it, i) =>
        warehouses.forEach((w, k) => {
          const q = qty(i, k);
          st.run(w.code, it.code, 'L1', Math.floor(q / 2));
          st.run(w.code, it.code, 'L2', q - Math.floor(q / 2));
        }),
      );
    })();
  } finally {
    db.close();
  }
}

export interface HubOrderSpec {
  status?: OrderStatus;
  lines: { sku: string | null; qty: number; priceFen?: number; title?: string }[];
  warehouseCode?: string | null;
  remark?: string | null;
}

const CTX = { actor: { id: null, name: 'fixture' }, call: 'test.fixture' };

/** A shop and the given warehouses on the hub side (codes match the ERP's). */
export function hubSetup(db: HubDb, warehouses: { code: string; name: string }[]): { channelId: string } {
  const now = Date.now();
  const channelId = uuidv7();
  db.writes.run(CTX, (tx) => {
    tx.insert('channels', { id: channelId, kind: 'taobao', name: '天猫旗舰店', configJson: '{}', paused: false, createdAt: now, updatedAt: now });
    for (const w of warehouses) {
      if (!db.sqlite.prepare('SELECT 1 FROM warehouses WHERE code = ?').get(w.code)) tx.insert('warehouses', { id: uuidv7(), code: w.code, name: w.name, city: null, createdAt: now, updatedAt: now });
    }
  });
  return { channelId };
}

let seq = 0;
/** Orders written as ingestion would (order + lines in one aggregate), at 待发货 unless told otherwise. */
export function hubOrders(db: HubDb, channelId: string, specs: HubOrderSpec[]): string[] {
  const ids: string[] = [];
  const whId = db.sqlite.prepare('SELECT id FROM warehouses WHERE code = ?').pluck();
  const lifecycle = new Lifecycle(db);
  db.writes.run(CTX, (tx) => {
    for (const s of specs) {
      const id = uuidv7();
      const now = Date.now();
      const lines = s.lines.map((l, i) => ({
        id: uuidv7(), orderId: id, lineNo: i + 1, platformLineId: `L${i + 1}`, skuCode: l.sku, title: l.title ?? `商品 ${l.sku ?? ''}`, spec: null,
        qty: l.qty, unitPriceFen: l.priceFen ?? 1990, discountFen: 0, paidFen: (l.priceFen ?? 1990) * l.qty, batchNo: null, gift: false, parentLineId: null, refundStatus: null, refundFen: 0,
      }));
      const paid = lines.reduce((a, l) => a + l.paidFen, 0);
      // Orders that reached their status elsewhere: written the way the state machine seeds history.
      lifecycle.insertHistoric(tx, [{
        id, channelId, platformOrderId: `TB${Date.now()}${++seq}`, status: s.status ?? 'to_ship', platformStatus: 'WAIT_SELLER_SEND_GOODS', platformPhase: 'paid', goodsFen: paid, paidFen: paid,
        createdAt: now, paidAt: now, platformUpdatedAt: now, ingestedAt: now, modifiedAt: now, sellerNote: s.remark ?? null,
        warehouseId: s.warehouseCode ? (whId.get(s.warehouseCode) as string) : null,
      }], 'erp fixture order');
      tx.insertMany('order_lines', lines, 'erp fixture lines');
      ids.push(id);
    }
  });
  return ids;
}

/** A change to an order as the lifecycle would make it (status or content), bumping its version. */
export function hubChange(db: HubDb, orderId: string, patch: { status?: OrderStatus; sellerNote?: string | null; lineQty?: { lineNo: number; qty: number } }): void {
  const lifecycle = new Lifecycle(db);
  db.writes.run(CTX, (tx) => {
    const v = db.sqlite.prepare('SELECT version FROM orders WHERE id = ?').pluck().get(orderId) as number;
    // A status change goes through the state machine (forced: the test says where the order is now); it bumps the version once.
    const moves = patch.status && patch.status !== db.sqlite.prepare('SELECT status FROM orders WHERE id = ?').pluck().get(orderId);
    if (moves) {
      const r = lifecycle.transition(tx, { orderId, to: patch.status!, source: 'system', force: true, permissions: ['orders.intervene'], reason: { code: 'test' } });
      if (!r.ok) throw new Error(`hubChange: ${r.refusal.code}`);
    }
    const p: Record<string, unknown> = moves ? {} : { version: v + 1, modifiedAt: Date.now() };
    if (patch.sellerNote !== undefined) p.sellerNote = patch.sellerNote;
    tx.update('orders', orderId, p);
    if (patch.lineQty) {
      const lineId = db.sqlite.prepare('SELECT id FROM order_lines WHERE order_id = ? AND line_no = ?').pluck().get(orderId, patch.lineQty.lineNo) as string;
      tx.update('order_lines', lineId, { qty: patch.lineQty.qty });
    }
  });
}

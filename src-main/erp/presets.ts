import type { ErpMappingKind, ErpPreset } from '../../src-shared/erp';

/**
 * Built-in mappings for Kingdee K3 WISE and Yonyou U8 (table shapes and sources in
 * shared/ERP.md). Reads use the ERP's own tables; writes go only into the hub's staging tables
 * (hub_order, hub_order_line, hub_stock_lock) that IT creates in the ERP database and that an
 * ERP-side importer turns into sales orders. `unconfirmed` names what must be checked on a
 * customer database before trusting it.
 *
 * Stock statements list rows in SKU × warehouse order: the bridge writes counts in the order they
 * arrive, and in erp_stock_latest's key order a 100 k first snapshot's upserts and commits take about
 * half as long as in the hash-aggregate order PostgreSQL returns otherwise (fewer pages per batch).
 */
export interface PresetDef {
  preset: ErpPreset;
  name: string;
  mappings: Partial<Record<ErpMappingKind, unknown>>;
  unconfirmed: { zh: string; en: string }[];
  stagingDdl: string;
}

const STAGING_ORDERS = {
  mode: 'table',
  header: {
    table: 'hub_order',
    columns: {
      extOrderNo: 'ext_order_no', source: 'source', orderType: 'order_type', customerCode: 'customer_code', orderDate: 'order_date',
      currency: 'currency', totalAmount: 'total_amount', remark: 'remark', payloadHash: 'payload_hash', status: 'status',
    },
  },
  lines: {
    table: 'hub_order_line',
    columns: {
      extOrderNo: 'ext_order_no', lineNo: 'line_no', sku: 'sku', qty: 'qty', price: 'price', amount: 'amount',
      warehouseCode: 'warehouse_code', batchNo: 'batch_no', remark: 'remark', extLineNo: 'ext_line_no',
    },
  },
  newStatus: 'NEW', onCancel: 'void', cancelStatus: 'CANCEL_REQ', customerCode: 'RETAIL', orderType: 'SO', currency: 'CNY', charset: 'unicode',
};

const STAGING_LOCKS = {
  mode: 'table',
  table: 'hub_stock_lock',
  columns: { lockKey: 'lock_key', extOrderNo: 'ext_order_no', sku: 'sku', warehouseCode: 'warehouse_code', batchNo: 'batch_no', qty: 'qty', status: 'status' },
  activeStatus: 'ACTIVE', releasedStatus: 'RELEASED', consumedStatus: 'CONSUMED', defaultWarehouse: '', charset: 'unicode',
};

/** SQL Server DDL of the staging tables (ERP.md §5), for IT to run in the account-set database. */
export const STAGING_DDL_SQLSERVER = `CREATE TABLE hub_order (
  hub_order_id  bigint IDENTITY PRIMARY KEY,
  ext_order_no  nvarchar(64) NOT NULL CONSTRAINT uq_hub_order_ext UNIQUE,
  source        nvarchar(32) NOT NULL DEFAULT '',
  order_type    nvarchar(16) NOT NULL DEFAULT 'SO',
  customer_code nvarchar(40) NOT NULL,
  order_date    date NOT NULL, delivery_date date NULL,
  currency      nvarchar(8) NOT NULL DEFAULT 'CNY',
  total_amount  decimal(28,10) NOT NULL DEFAULT 0,
  remark        nvarchar(255) NULL,
  payload_hash  nvarchar(64) NULL,
  status        nvarchar(16) NOT NULL DEFAULT 'NEW',
  erp_bill_no   nvarchar(40) NULL, erp_inter_id bigint NULL,
  error_msg     nvarchar(1000) NULL, attempts int NOT NULL DEFAULT 0,
  created_at    datetime NOT NULL DEFAULT GETDATE(), updated_at datetime NOT NULL DEFAULT GETDATE());
CREATE TABLE hub_order_line (
  hub_line_id   bigint IDENTITY PRIMARY KEY,
  ext_order_no  nvarchar(64) NOT NULL REFERENCES hub_order(ext_order_no),
  line_no int NOT NULL, sku nvarchar(80) NOT NULL,
  qty decimal(28,10) NOT NULL, unit nvarchar(20) NULL,
  price decimal(28,10) NULL, amount decimal(28,10) NULL, tax_rate decimal(9,4) NULL,
  warehouse_code nvarchar(40) NULL, batch_no nvarchar(60) NULL, delivery_date date NULL,
  remark nvarchar(255) NULL, ext_line_no nvarchar(64) NULL,
  CONSTRAINT uq_hub_line UNIQUE (ext_order_no, line_no));
CREATE TABLE hub_stock_lock (
  hub_lock_id   bigint IDENTITY PRIMARY KEY,
  lock_key      nvarchar(100) NOT NULL CONSTRAINT uq_hub_lock UNIQUE,
  ext_order_no  nvarchar(64) NULL, sku nvarchar(80) NOT NULL, warehouse_code nvarchar(40) NOT NULL,
  batch_no nvarchar(60) NULL, qty decimal(28,10) NOT NULL,
  status        nvarchar(16) NOT NULL DEFAULT 'ACTIVE',
  expires_at datetime NULL,
  created_at datetime NOT NULL DEFAULT GETDATE(), updated_at datetime NOT NULL DEFAULT GETDATE());
-- Grants: SELECT on the ERP tables the mappings read; INSERT/UPDATE/DELETE/SELECT on hub_* only.`;

export const PRESETS: PresetDef[] = [
  {
    preset: 'k3wise',
    name: '金蝶 K3 WISE',
    mappings: {
      skus: {
        mode: 'sql',
        sql: `SELECT i.FNumber AS code, i.FName AS name, i.FModel AS spec, u.FName AS unit, i.FGoodsBarCode AS barcode
FROM t_ICItem i LEFT JOIN t_MeasureUnit u ON u.FMeasureUnitID = i.FUnitID
WHERE i.FDeleted = 0`,
        params: [],
      },
      warehouses: { mode: 'sql', sql: 'SELECT FNumber AS code, FName AS name FROM t_Stock', params: [] },
      stock: {
        mode: 'sql',
        sql: `SELECT i.FNumber AS sku, s.FNumber AS warehouse, SUM(v.FQty) AS qty
FROM ICInventory v JOIN t_ICItem i ON i.FItemID = v.FItemID JOIN t_Stock s ON s.FItemID = v.FStockID
WHERE i.FDeleted = 0
GROUP BY i.FNumber, s.FNumber
ORDER BY i.FNumber, s.FNumber`,
        params: [],
      },
      outbound: {
        mode: 'sql',
        sql: `SELECT o.FPOOrdBillNo AS extOrderNo, i.FNumber AS sku, SUM(e.FQty) AS qty
FROM ICStockBillEntry e JOIN ICStockBill b ON b.FInterID = e.FInterID
JOIN SEOrder o ON o.FInterID = e.FOrderInterID JOIN t_ICItem i ON i.FItemID = e.FItemID
WHERE b.FTranType = 21 AND o.FPOOrdBillNo IS NOT NULL
GROUP BY o.FPOOrdBillNo, i.FNumber`,
        params: [],
      },
      orders: STAGING_ORDERS,
      locks: STAGING_LOCKS,
    },
    unconfirmed: [
      { zh: '条码取自 t_ICItem.FGoodsBarCode（不少客户用附加的条码表）', en: 't_ICItem.FGoodsBarCode (barcode; many sites use add-on barcode tables)' },
      { zh: '计量单位按 t_MeasureUnit.FMeasureUnitID 关联（有的脚本用 FItemID）', en: 't_MeasureUnit join on FMeasureUnitID (some scripts use FItemID)' },
      { zh: '只读取结存数量 FQty；可用量 = FQty − FQtyLock 尚未确认', en: 'available = SUM(FQty − FQtyLock): the preset reads on hand (FQty) only' },
      { zh: '对账假定导入程序把外部单号写入 SEOrder.FPOOrdBillNo', en: 'SEOrder.FPOOrdBillNo as the carrier of our external key (the importer must copy it there)' },
      { zh: '读取全部仓库；真实仓过滤 FTypeID in (500, …) 尚未确认', en: 't_Stock real-stock filter FTypeID in (500, …): the preset reads every warehouse' },
    ],
    stagingDdl: STAGING_DDL_SQLSERVER,
  },
  {
    preset: 'u8',
    name: '用友 U8',
    mappings: {
      skus: {
        mode: 'sql',
        sql: `SELECT i.cInvCode AS code, i.cInvName AS name, i.cInvStd AS spec, u.cComUnitName AS unit, i.cBarCode AS barcode
FROM Inventory i LEFT JOIN ComputationUnit u ON u.cComunitCode = i.cComUnitCode`,
        params: [],
      },
      warehouses: { mode: 'sql', sql: 'SELECT cWhCode AS code, cWhName AS name FROM Warehouse', params: [] },
      stock: {
        mode: 'sql',
        sql: `SELECT cs.cInvCode AS sku, cs.cWhCode AS warehouse, SUM(cs.iQuantity) AS qty
FROM CurrentStock cs JOIN Inventory i ON i.cInvCode = cs.cInvCode
GROUP BY cs.cInvCode, cs.cWhCode
ORDER BY cs.cInvCode, cs.cWhCode`,
        params: [],
      },
      outbound: {
        mode: 'sql',
        sql: `SELECT m.cDefine10 AS extOrderNo, r.cInvCode AS sku, SUM(r.iQuantity) AS qty
FROM rdrecords32 r JOIN DispatchLists dl ON dl.iDLsID = r.iDLsID
JOIN SO_SODetails sd ON sd.iSOsID = dl.iSOsID JOIN SO_SOMain m ON m.ID = sd.ID
WHERE m.cDefine10 IS NOT NULL
GROUP BY m.cDefine10, r.cInvCode`,
        params: [],
      },
      orders: STAGING_ORDERS,
      locks: STAGING_LOCKS,
    },
    unconfirmed: [
      { zh: '条码取自 Inventory.cBarCode；停用物料（dEDate）未排除', en: 'Inventory.cBarCode (barcode) and disabling via dEDate' },
      { zh: '只读取现存量 iQuantity；可用量 = iQuantity − fOutQuantity 尚未确认', en: 'available = iQuantity − fOutQuantity: the preset reads on hand (iQuantity) only' },
      { zh: '对账假定导入程序把外部单号写入 SO_SOMain.cDefine10', en: 'SO_SOMain.cDefine10 as the carrier of our external key (the importer must copy it there)' },
    ],
    stagingDdl: STAGING_DDL_SQLSERVER,
  },
];

export function presetOf(preset: ErpPreset): PresetDef | undefined {
  return PRESETS.find((p) => p.preset === preset);
}

import type { ErpPreview, ErpPreviewRow } from '../../src-shared/contract/erp';
import { ERP_PULL_KINDS, type ErpMappingKind, type ErpPullKind, type PullMapping, type PushLocksMapping, type PushOrdersMapping } from '../../src-shared/erp';
import type { HubSources } from './hub-sources';
import { ErpFailure, type ErpSession, type Param } from './odbc/session';
import { orderPayload } from './push/order-payload';
import { columnLookup, missingFields, plainRow, pullStatement, readRow } from './pull/read-rows';

const ROWS = 20;

/**
 * A mapping tried on real rows before it is saved. Pull kinds read up to 20 ERP rows through the
 * same code the pull uses. Push kinds write nothing: each target table is checked with a SELECT
 * of the mapped columns that returns no rows, and the first pending orders are shown as the rows
 * the hub would write.
 */
export async function previewMapping(a: { session: ErpSession; sources: HubSources; connectionId: string; zone: string }, kind: ErpMappingKind, mapping: unknown): Promise<ErpPreview> {
  if ((ERP_PULL_KINDS as readonly string[]).includes(kind)) return previewPull(a.session, kind as ErpPullKind, mapping as PullMapping);
  const targets: { table: string; columns: Record<string, string | undefined> }[] =
    kind === 'orders' ? [(mapping as PushOrdersMapping).header, (mapping as PushOrdersMapping).lines] : [mapping as PushLocksMapping];
  const checked: string[] = [];
  for (const t of targets) {
    const cols = Object.entries(t.columns).filter(([, c]) => c);
    for (const [field, col] of cols) {
      try {
        await a.session.select(`SELECT ${col} FROM ${t.table} WHERE 1 = 0`);
      } catch (e) {
        if (e instanceof ErpFailure && e.reason.code === 'erp_rejected') {
          throw new ErpFailure({ code: 'missing_column', params: { field, column: `${t.table}.${col!}`, message: String(e.reason.params.message ?? '') } });
        }
        throw e;
      }
      checked.push(`${t.table}.${col!}`);
    }
  }
  const rows: ErpPreviewRow[] = [];
  if (kind === 'orders') {
    const m = mapping as PushOrdersMapping;
    for (const o of a.sources.load(a.sources.pendingOrderIds(a.connectionId, Date.now(), 10))) {
      const p = orderPayload(o, m, a.zone);
      if ('reason' in p) rows.push({ raw: { orderId: o.id, platformOrderId: o.platformOrderId }, values: {}, reason: p.reason });
      else {
        rows.push({ raw: rename(p.header, m.header.columns), values: p.header, reason: null });
        for (const l of p.lines) rows.push({ raw: rename(l, m.lines.columns), values: l, reason: null });
      }
    }
  } else {
    const m = mapping as PushLocksMapping;
    for (const r of a.sources.reservedLines().slice(0, ROWS)) {
      const values = { lockKey: `${r.orderId}#${r.lineNo}`, extOrderNo: r.orderId, sku: r.skuCode, warehouseCode: r.warehouseCode ?? m.defaultWarehouse, batchNo: r.batchNo, qty: r.qty, status: m.activeStatus };
      rows.push({ raw: rename(values, m.columns), values, reason: values.warehouseCode ? null : { code: 'no_warehouse', params: {} } });
    }
  }
  return { columns: [], rows, targetsChecked: checked };
}

async function previewPull(session: ErpSession, kind: ErpPullKind, mapping: PullMapping): Promise<ErpPreview> {
  const { sql, params } = pullStatement(kind, mapping);
  let first: Awaited<ReturnType<ErpSession['select']>> = [];
  for await (const batch of session.selectBatches(sql, params, ROWS)) {
    first = batch.slice(0, ROWS);
    break;
  }
  if (!first.length) return { columns: [], rows: [], targetsChecked: [] };
  const columns = Object.keys(first[0]!);
  const missing = missingFields(kind, columns);
  if (missing.length) throw new ErpFailure({ code: 'missing_column', params: { field: missing.join(', '), column: columns.join(', ') } });
  const cols = columnLookup(kind, first[0]!);
  return {
    columns,
    rows: first.map((row) => {
      const r = readRow(kind, row, cols);
      return { raw: plainRow(row), values: r.values, reason: r.reason };
    }),
    targetsChecked: [],
  };
}

function rename(values: Record<string, Param>, columns: Record<string, string | undefined>): Record<string, string | number | null> {
  const out: Record<string, string | number | null> = {};
  for (const [k, col] of Object.entries(columns)) if (col && k in values) out[col] = values[k] ?? null;
  return out;
}

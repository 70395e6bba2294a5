import type { ErpReason } from './erp';

const FIELD_ZH: Record<string, string> = {
  code: '物料编码', name: '名称', sku: '物料编码', warehouse: '仓库', qty: '数量', batch: '批次', extOrderNo: '外部单号',
  lines: '订单行', warehouseCode: '仓库编码', status: '状态', remark: '备注',
};
const CHARSET_ZH: Record<string, string> = { gbk: 'GBK（CP936）', gb2312: 'GB2312', unicode: 'Unicode' };

/** Why a row or a job failed, in the reader's language (reasons are stored as code + params). */
export function describeErpReason(r: ErpReason, lang: 'zh' | 'en'): string {
  const p = r.params;
  const f = String(p.field ?? '');
  const fz = f.split('.').map((x) => FIELD_ZH[x] ?? x).join('·');
  const v = String(p.value ?? '');
  const zh = lang === 'zh';
  switch (r.code) {
    case 'missing_value': return zh ? `${fz}为空` : `${f} is empty`;
    case 'not_a_number': return zh ? `${fz}“${v}”不是数字` : `${f} "${v}" is not a number`;
    case 'not_whole': return zh ? `${fz}“${v}”不是整数（本系统按整件计库存）` : `${f} "${v}" is not a whole number (stock is counted in whole units)`;
    case 'too_long': return zh ? `${fz}“${v}”超过 ${p.max} 个字符` : `${f} "${v}" is longer than ${p.max}`;
    case 'unknown_warehouse': return zh ? `仓库“${v}”在本系统中不存在（先同步仓库）` : `warehouse "${v}" is not known here (pull warehouses first)`;
    case 'line_without_sku': return zh ? `第 ${p.lineNo} 行没有商家编码` : `line ${p.lineNo} has no SKU code`;
    case 'bad_quantity': return zh ? `第 ${p.lineNo} 行数量“${v}”不正确` : `line ${p.lineNo} quantity "${v}" is not valid`;
    case 'text_not_encodable':
      return zh ? `${fz}“${v}”中的“${p.char}”无法存入 ${CHARSET_ZH[String(p.charset)] ?? p.charset} 编码的字段` : `"${p.char}" in ${f} "${v}" cannot be stored in a ${p.charset} column`;
    case 'erp_rejected': return zh ? `ERP 拒绝：${p.message}${p.state ? `（${p.state}）` : ''}` : `the ERP refused it: ${p.message}${p.state ? ` (${p.state})` : ''}`;
    case 'erp_already_imported': return zh ? `ERP 已开始处理此单（状态 ${p.status}），不能再修改` : `the ERP has already taken this order (status ${p.status}); it can no longer be changed`;
    case 'no_warehouse': return zh ? '订单还没有分配仓库，映射里也没有默认仓库' : 'the order has no warehouse and the mapping has no default';
    case 'group_has_bad_row': return zh ? `${p.sku} @ ${p.warehouse} 有无法读取的行` : `${p.sku} @ ${p.warehouse} has an unreadable row`;
    case 'duplicate_code': return zh ? `编码“${v}”在 ERP 中重复出现，只取第一行` : `code "${v}" appears twice in the ERP; the first row was used`;
    case 'erp_unreachable': return zh ? `连不上 ERP：${p.message}${p.state ? `（${p.state}）` : ''}` : `cannot reach the ERP: ${p.message}${p.state ? ` (${p.state})` : ''}`;
    case 'erp_read_only': return zh ? '此连接设为只读，不会向 ERP 写入任何数据' : 'this link is read-only: nothing is written to the ERP';
    case 'not_configured_here': return zh ? '这台电脑还没有填写此 ERP 的数据源' : 'this PC has no DSN for this ERP link yet';
    case 'no_mapping': return zh ? `还没有保存“${p.kind}”的映射` : `no mapping saved for "${p.kind}"`;
    case 'mapping_invalid': return zh ? `映射“${f}”不正确：${p.message}` : `mapping field "${f}": ${p.message}`;
    case 'not_a_select': return zh ? `读取只允许一条 SELECT 语句（发现“${p.word}”）` : `reading allows a single SELECT only (found "${p.word}")`;
    case 'missing_column':
      return zh ? `缺少列：${p.field}${p.column ? `（现有/目标：${p.column}）` : ''}${p.message ? `：${p.message}` : ''}` : `missing column: ${p.field}${p.column ? ` (have/target: ${p.column})` : ''}${p.message ? `: ${p.message}` : ''}`;
    case 'cancelled': return zh ? '已取消' : 'cancelled';
    default: return `${r.code} ${JSON.stringify(p)}`;
  }
}

import { FIELD_WORDS } from '../../src-shared/field-words';
import { formatYuan } from '../../src-shared/money';
import { ORDER_STATUS_LABELS, URGENCY_LABELS, type OrderStatus, type Urgency } from '../../src-shared/orders';
import { ROLE_LABELS, type Role } from '../../src-shared/roles';
import { formatInZone } from '../../src-shared/time';
import type { Locale } from '../kernel/i18n';

/**
 * The audit journal's words: what a call did (新建用户, 设置紧急度), to what (订单, 店铺), which
 * fields changed (紧急度 正常 → 加急). Anything not named here reads as 数据 / 操作, never as a key.
 */
type W = { zh: string; en: string };
const w = (zh: string, en: string): W => ({ zh, en });
export const pick = (locale: Locale, x: W) => (locale === 'en' ? x.en : x.zh);

export const CALL_WORDS: Record<string, W> = {
  'auth.login': w('登录', 'Signed in'), 'auth.logout': w('退出登录', 'Signed out'), 'auth.changePassword': w('修改密码', 'Changed password'),
  'setup.createOwner': w('创建老板账户', 'Created the owner account'), 'setup.createDemo': w('创建演示工作区', 'Created the demo workspace'),
  'users.create': w('新建用户', 'Created user'), 'users.update': w('修改用户', 'Changed user'),
  'orders.setUrgency': w('设置紧急度', 'Set urgency'), 'orders.tag': w('修改标签', 'Changed tags'), 'orders.addNote': w('添加备注', 'Added a note'),
  'orders.export': w('导出订单', 'Exported orders'), 'orders.saveView': w('保存视图', 'Saved a view'), 'orders.deleteView': w('删除视图', 'Deleted a view'),
  'exports.finance': w('导出财务对账', 'Exported the finance reconciliation'), 'exports.financeScheduleSave': w('保存财务导出计划', 'Saved the finance export schedule'),
  'imports.upload': w('导入表格', 'Imported a spreadsheet'), 'imports.saveTemplate': w('保存导入模板', 'Saved an import template'),
  'imports.saveSource': w('保存导入文件夹', 'Saved an import folder'), 'imports.deleteSource': w('删除导入文件夹', 'Removed an import folder'),
  'channels.create': w('新建店铺', 'Created shop'), 'channels.update': w('修改店铺', 'Changed shop'), 'channels.delete': w('删除店铺', 'Removed shop'),
  'channels.mapStatus': w('映射平台状态', 'Mapped a platform status'), 'workspace.setCustomEndpoints': w('设置自定义接口地址', 'Set custom endpoints'),
  'demo.generate': w('生成演示数据', 'Generated demo data'), 'demo.seed': w('创建演示账号', 'Created demo accounts'),
  'audit.key': w('审计日志启用密钥签名', 'Audit log keyed'),
};

export const ENTITY_WORDS: Record<string, W> = {
  orders: w('订单', 'order'), order_events: w('订单动态', 'order event'), order_notes: w('订单备注', 'order note'), order_lines: w('商品行', 'order line'),
  order_addresses: w('收货地址', 'address'), users: w('用户', 'user'), channels: w('店铺', 'shop'), settings: w('设置', 'setting'),
  import_templates: w('导入模板', 'import template'), import_sources: w('导入文件夹', 'import folder'), import_jobs: w('导入任务', 'import job'),
  finance_export: w('财务导出', 'finance export'), customers: w('客户', 'customer'), skus: w('商品', 'product'), warehouses: w('仓库', 'warehouse'),
  status_overrides: w('状态映射', 'status mapping'), order_views: w('视图', 'view'), sync: w('同步', 'sync'), audit: w('审计日志', 'audit log'), api: w('接口调用', 'call'),
};

export const ACTION_WORDS: Record<string, W> = {
  insert: w('新建', 'Created'), update: w('修改', 'Changed'), delete: w('删除', 'Deleted'), bulk_insert: w('批量写入', 'Wrote in bulk'),
  login: w('登录', 'Signed in'), login_failed: w('登录失败', 'Sign-in failed'), locked: w('账户被锁定', 'Account locked'), unlocked: w('解锁', 'Unlocked'),
  export: w('导出', 'Exported'), forbidden: w('被拒绝（无权限）', 'Refused (no permission)'), keyed: w('启用密钥签名', 'Keyed'),
  password_change_failed: w('修改密码失败', 'Password change failed'), replica_reset: w('重置本机数据', 'Replica reset'),
};

/** Columns that change with every write and say nothing to a reader. */
// `inserted`: the rows an update wrote with it (WriteTx.updateAggregate), shown by the order's timeline, not as a changed field.
const QUIET = new Set(['id', 'modifiedAt', 'updatedAt', 'createdAt', 'version', 'passwordHash', 'platformUpdatedAt', 'hlc', 'inserted']);

const CHANGE_WORDS: Record<string, W> = {
  ...FIELD_WORDS,
  status: w('状态', 'status'), tags: w('标签', 'tags'), warehouseId: w('仓库', 'warehouse'), sellerNote: w('卖家备注', 'seller note'),
  receiverName: w('收货人', 'receiver'), receiverPhone: w('收货电话', 'phone'), hold: w('挂起', 'hold'), paused: w('暂停', 'paused'),
  failedLogins: w('连续输错次数', 'failed sign-ins'), lockedUntil: w('锁定到', 'locked until'), valueJson: w('设置内容', 'setting'),
};

/** 138****1234: a phone number in the journal is never shown whole. */
export function maskPhones(text: string): string {
  return text.replace(/(?<!\d)(1[3-9]\d)\d{4}(\d{4})(?!\d)/g, '$1****$2');
}

/** Any phone-like value under a phone key: the first 3 and last 4 digits only (0571****5678). */
function maskNumber(s: string): string {
  return s.length < 8 ? '****' : `${s.slice(0, 3)}****${s.slice(-4)}`;
}

export function valueWords(key: string, v: unknown, locale: Locale): string {
  if (v === null || v === undefined || v === '') return pick(locale, w('（空）', '(empty)'));
  if (key === 'urgency' && typeof v === 'string') return pick(locale, URGENCY_LABELS[v as Urgency] ?? w(v, v));
  if (key === 'status' && typeof v === 'string' && ORDER_STATUS_LABELS[v as OrderStatus]) return pick(locale, ORDER_STATUS_LABELS[v as OrderStatus]);
  if (key === 'role' && typeof v === 'string' && ROLE_LABELS[v as Role]) return pick(locale, ROLE_LABELS[v as Role]);
  if (typeof v === 'boolean') return pick(locale, v ? w('是', 'yes') : w('否', 'no'));
  if (typeof v === 'number' && /Fen$/.test(key)) return formatYuan(v);
  if (typeof v === 'number' && /At$|Until$/.test(key)) return formatInZone(v);
  if (/phone|mobile|tel/i.test(key)) return maskNumber(String(v));
  if (Array.isArray(v)) return v.map((x) => valueWords(key, x, locale)).join('、') || pick(locale, w('（空）', '(empty)'));
  if (typeof v === 'object') return pick(locale, w('（已修改）', '(changed)'));
  return maskPhones(String(v)).slice(0, 60);
}

/** 紧急度 正常 → 加急；标签 （空） → 催发 — only the fields a person set, in words. */
export function changeWords(before: unknown, after: unknown, locale: Locale): string {
  if (!before || !after || typeof before !== 'object' || typeof after !== 'object') return '';
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const parts: string[] = [];
  for (const key of Object.keys(a)) {
    if (QUIET.has(key) || JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
    const name = CHANGE_WORDS[key] ? pick(locale, CHANGE_WORDS[key]) : pick(locale, w('其他内容', 'other'));
    parts.push(`${name} ${valueWords(key, b[key], locale)} → ${valueWords(key, a[key], locale)}`);
  }
  return [...new Set(parts)].join(locale === 'en' ? '; ' : '；');
}

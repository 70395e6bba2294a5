/**
 * The fixed choices a call accepts (an enum value: `paid`, `xlsx`, `to_ship`, `ops_lead`), as people
 * call them, so an error says "只能是 按付款时间 / 按完成时间", never "只能是 paid / completed".
 * Built from the label maps the screens already use, plus the choices only forms and filters have.
 * Every enum value of every contract input has a word (src-shared/field-words.test.ts checks it).
 */
import { CHANNEL_KIND_LABELS, ORDER_HOLD_LABELS, ORDER_STATUS_LABELS, PLATFORM_PHASE_LABELS, URGENCY_LABELS } from './orders';
import { PERMISSION_LABELS, ROLE_LABELS } from './roles';
import { TRIGGER_SOURCE_LABELS, REQUIRED_FIELD_LABELS } from './lifecycle';
import { RELEASE_REASON_LABELS, REVIEW_REASON_LABELS } from './rules';
import { CLOSE_KIND_LABELS, DETECTOR_LABELS, EXCEPTION_REASON_LABELS, EXCEPTION_TYPE_LABELS, SEVERITY_LABELS, SHIPMENT_STATE_LABELS } from './exceptions';
import { FIELD_WORDS } from './field-words';

type Words = { zh: string; en: string };
const w = (zh: string, en: string): Words => ({ zh, en });

/** Choices that only forms, filters and settings have (no label map of their own elsewhere). */
const FORM_CHOICES: Record<string, Words> = {
  // Exports
  csv: w('CSV 文件', 'CSV file'), xlsx: w('Excel 文件（xlsx）', 'Excel file (xlsx)'),
  utf8bom: w('UTF-8（带 BOM）', 'UTF-8 with BOM'), gb18030: w('GB18030（旧版 Excel）', 'GB18030 (older Excel)'),
  // Grid filters and sort
  asc: w('升序', 'ascending'), desc: w('降序', 'descending'),
  text: w('文字筛选', 'text filter'), number: w('数字筛选', 'number filter'), date: w('日期筛选', 'date filter'), set: w('多选筛选', 'pick-list filter'),
  contains: w('包含', 'contains'), notContains: w('不包含', 'does not contain'), equals: w('等于', 'equals'), notEqual: w('不等于', 'does not equal'),
  startsWith: w('开头是', 'starts with'), endsWith: w('结尾是', 'ends with'), blank: w('为空', 'is empty'), notBlank: w('不为空', 'is not empty'),
  greaterThan: w('大于', 'greater than'), greaterThanOrEqual: w('大于等于', 'at least'), lessThan: w('小于', 'less than'),
  lessThanOrEqual: w('小于等于', 'at most'), inRange: w('介于', 'between'),
  // Robots, ERPs, contacts
  wecom: w('企业微信机器人', 'WeCom robot'), dingtalk: w('钉钉机器人', 'DingTalk robot'),
  k3wise: w('金蝶 K3 WISE', 'Kingdee K3 WISE'), u8: w('用友 U8', 'Yonyou U8'),
  phone: w('电话', 'phone'), qq: w('QQ', 'QQ'), fax: w('传真', 'fax'),
  // Rule actions and targets
  addTag: w('加标签', 'add a tag'), setUrgency: w('设紧急度', 'set urgency'), assignWarehouse: w('指定仓库', 'assign a warehouse'),
  assignTo: w('指派给', 'assign to'), splitByWarehouse: w('按仓库拆单', 'split by warehouse'), hold: w('挂起', 'hold'),
  route: w('分仓', 'routing'), review: w('审单', 'review'), handover: w('交接', 'handover'), scan: w('扫描', 'scan'),
  // Exception owners, states and stock
  person: w('个人', 'a person'), warehouse: w('仓库', 'warehouse'), logistics: w('物流', 'logistics'), fulfilment: w('履约', 'fulfilment'),
  finance: w('财务', 'finance'), service: w('客服', 'customer service'), system: w('系统', 'system'), platform: w('平台', 'platform'),
  shop: w('店铺', 'shop'), rule: w('规则', 'rule'), detector: w('检测规则', 'detector'), manual: w('手工', 'manual'),
  open: w('待处理', 'open'), resolved: w('已处理', 'resolved'), snoozed: w('稍后提醒', 'snoozed'), active: w('启用中', 'active'),
  all: w('全部', 'all'), none: w('无', 'none'), other: w('其他', 'other'), custom: w('自定义', 'custom'), day: w('按天', 'by day'),
  info: w('提示', 'info'), warning: w('警告', 'warning'), critical: w('严重', 'critical'),
  stock: w('库存', 'stock'), skus: w('商品', 'SKUs'), warehouses: w('仓库', 'warehouses'), orders: w('订单', 'orders'), locks: w('锁定', 'locks'),
  outbound: w('出库', 'outbound'), order_data: w('订单数据', 'order data'), cod: w('货到付款', 'cash on delivery'),
  credit: w('赊账', 'credit'), offline: w('线下', 'offline'), quality: w('质量', 'quality'), risk: w('风险', 'risk'),
  // Reasons a person gives (PERSON_REASONS), as the reason pickers say them
  buyer_request: w('买家要求', 'buyer asked'), out_of_stock: w('缺货', 'out of stock'), address_issue: w('地址有问题', 'address problem'),
  price_issue: w('价格有问题', 'price problem'), checked_ok: w('已核实无误', 'checked, all right'),
  A: w('A 类', 'class A'), B: w('B 类', 'class B'), C: w('C 类', 'class C'),
};

const MAPS: Record<string, Words>[] = [
  ORDER_STATUS_LABELS, PLATFORM_PHASE_LABELS, URGENCY_LABELS, CHANNEL_KIND_LABELS, ORDER_HOLD_LABELS, ROLE_LABELS, PERMISSION_LABELS,
  TRIGGER_SOURCE_LABELS, REQUIRED_FIELD_LABELS, REVIEW_REASON_LABELS, RELEASE_REASON_LABELS, SHIPMENT_STATE_LABELS, EXCEPTION_TYPE_LABELS,
  SEVERITY_LABELS, DETECTOR_LABELS, CLOSE_KIND_LABELS, EXCEPTION_REASON_LABELS, FORM_CHOICES,
  // Grid column ids (sort and filter keys) are named like the fields they carry.
  FIELD_WORDS, COLUMN_WORDS(),
];

/** Where one value means different things in different fields: the field's own words first. */
const BY_FIELD: Record<string, Record<string, Words>> = {
  basis: { paid: w('按付款时间', 'by paid time'), completed: w('按完成时间', 'by completion time') },
};

const own = (m: Record<string, Words>, key: string) => (Object.prototype.hasOwnProperty.call(m, key) ? m[key]! : null);

/** 按付款时间 for `paid` in `basis`; null when nothing names the value. */
export function enumWord(value: unknown, lang: 'zh' | 'en', field?: string): string | null {
  const key = String(value);
  const byField = field && Object.prototype.hasOwnProperty.call(BY_FIELD, field) ? own(BY_FIELD[field]!, key) : null;
  if (byField) return byField[lang];
  for (const m of MAPS) {
    const words = own(m, key);
    if (words) return words[lang];
  }
  return null;
}

/** The grid's columns by id, as its headers say them. */
function COLUMN_WORDS(): Record<string, Words> {
  return {
    channelKind: w('渠道', 'channel'), platformOrderId: w('订单号', 'order no.'), status: w('状态', 'status'), buyerNick: w('买家', 'buyer'),
    receiverName: w('收货人', 'receiver'), province: w('省份', 'province'), city: w('城市', 'city'), paidFen: w('金额', 'amount'),
    goodsFen: w('商品金额', 'goods amount'), createdAt: w('下单时间', 'created'), paidAt: w('付款时间', 'paid at'),
    promisedShipAt: w('承诺发货时间', 'ship by'), warehouseId: w('仓库', 'warehouse'), urgency: w('紧急度', 'urgency'), tags: w('标签', 'tags'),
    trackingNo: w('物流单号', 'tracking no.'), buyerRemark: w('买家留言', 'buyer remark'), buyer_remark: w('买家留言', 'buyer remark'),
    platformPhase: w('平台阶段', 'platform phase'), slaDueAt: w('SLA 截止', 'SLA due'), channelId: w('店铺', 'shop'),
    type: w('类型', 'type'), carrier: w('快递公司', 'carrier'), reason: w('原因', 'reason'),
  };
}

/**
 * The rules vocabulary every process shares: the documented order shape rules are written
 * over (field paths, their kind and words), rule and action shapes, and reason codes.
 * src-main/rules/README.md describes each field; the rule editor offers exactly these.
 */
import { PLATFORM_PHASE_LABELS, PLATFORM_PHASES, type Urgency } from './orders';

export type FactKind = 'money' | 'number' | 'text' | 'textList' | 'choice' | 'boolean';

export interface FactField {
  /** JsonLogic var path, e.g. "customer.grade". */
  name: string;
  kind: FactKind;
  zh: string;
  en: string;
  /** For 'choice' (and 'textList' pick lists): the allowed values with their words. */
  values?: { value: string; zh: string; en: string }[];
}

const phaseValues = PLATFORM_PHASES.map((p) => ({ value: p, ...PLATFORM_PHASE_LABELS[p] }));
const gradeValues = ['A', 'B', 'C'].map((g) => ({ value: g, zh: `${g} 级`, en: `Grade ${g}` }));

/** The order shape conditions read (amounts in fen; times in the workspace zone). */
export const FACT_FIELDS: FactField[] = [
  { name: 'paidFen', kind: 'money', zh: '实付金额', en: 'Amount paid' },
  { name: 'goodsFen', kind: 'money', zh: '商品金额', en: 'Goods amount' },
  { name: 'discountFen', kind: 'money', zh: '优惠金额', en: 'Discount' },
  { name: 'postageFen', kind: 'money', zh: '运费', en: 'Postage' },
  { name: 'skus', kind: 'textList', zh: 'SKU（商家编码）', en: 'SKU codes' },
  { name: 'spus', kind: 'textList', zh: '款号/品牌（编码“-”前部分）', en: 'Style / brand (code before “-”)' },
  { name: 'totalQty', kind: 'number', zh: '商品总件数', en: 'Total quantity' },
  { name: 'lineCount', kind: 'number', zh: '商品行数', en: 'Number of lines' },
  { name: 'maxLineQty', kind: 'number', zh: '单行最大件数', en: 'Largest line quantity' },
  { name: 'hasGift', kind: 'boolean', zh: '含赠品', en: 'Has a gift' },
  { name: 'remark', kind: 'text', zh: '买家留言', en: 'Buyer remark' },
  { name: 'hasRemark', kind: 'boolean', zh: '有买家留言', en: 'Has a buyer remark' },
  { name: 'sellerNote', kind: 'text', zh: '卖家备注', en: 'Seller note' },
  { name: 'province', kind: 'text', zh: '省份', en: 'Province' },
  { name: 'city', kind: 'text', zh: '城市', en: 'City' },
  { name: 'district', kind: 'text', zh: '区县', en: 'District' },
  { name: 'address', kind: 'text', zh: '详细地址', en: 'Street address' },
  { name: 'shopId', kind: 'choice', zh: '店铺', en: 'Shop' },
  { name: 'channelKind', kind: 'choice', zh: '平台', en: 'Platform' },
  { name: 'customer.grade', kind: 'choice', zh: '客户等级', en: 'Customer grade', values: gradeValues },
  { name: 'customer.previousOrders', kind: 'number', zh: '客户此前订单数', en: "Customer's earlier orders" },
  { name: 'customer.previousSpentFen', kind: 'money', zh: '客户此前消费', en: "Customer's earlier spend" },
  { name: 'customer.firstOrder', kind: 'boolean', zh: '新客户首单', en: "New customer's first order" },
  { name: 'customer.blacklisted', kind: 'boolean', zh: '黑名单买家', en: 'Blacklisted buyer' },
  { name: 'duplicateSuspect', kind: 'boolean', zh: '疑似重复', en: 'Suspected duplicate' },
  { name: 'tags', kind: 'textList', zh: '标签', en: 'Tags' },
  { name: 'platformPhase', kind: 'choice', zh: '平台阶段', en: 'Platform phase', values: phaseValues },
  { name: 'paidHour', kind: 'number', zh: '付款时刻（0–23 点）', en: 'Hour paid (0–23)' },
  { name: 'paidMinuteOfDay', kind: 'number', zh: '付款时间（当天第几分钟）', en: 'Minute of day paid' },
  { name: 'paidWeekday', kind: 'number', zh: '付款星期（1=周一…7=周日）', en: 'Weekday paid (1 = Mon … 7 = Sun)' },
];

export const RULE_STAGES = ['review', 'route'] as const;
export type RuleStage = (typeof RULE_STAGES)[number];

/** Why a review rule holds an order; the words are in REVIEW_REASON_LABELS. */
export const REVIEW_REASONS = ['buyer_remark', 'amount_over', 'address_keyword', 'suspect_duplicate', 'blacklisted', 'new_customer', 'other'] as const;
export type ReviewReason = (typeof REVIEW_REASONS)[number];
export const REVIEW_REASON_LABELS: Record<ReviewReason, { zh: string; en: string }> = {
  buyer_remark: { zh: '买家留言待确认', en: 'Buyer remark to check' },
  amount_over: { zh: '金额超过阈值', en: 'Amount over the threshold' },
  address_keyword: { zh: '地址含关键词', en: 'Address keyword' },
  suspect_duplicate: { zh: '疑似重复', en: 'Suspected duplicate' },
  blacklisted: { zh: '黑名单买家', en: 'Blacklisted buyer' },
  new_customer: { zh: '新客户首单', en: "New customer's first order" },
  other: { zh: '其他', en: 'Other' },
};

export type RuleAction =
  | { type: 'addTag'; tag: string }
  | { type: 'setUrgency'; urgency: Urgency }
  | { type: 'hold'; reason: ReviewReason; note?: string | undefined }
  | { type: 'assignTo'; userId: string | null; userName: string }
  /** Route: ship from this warehouse; with `fallback`, try the others in default order when it cannot. */
  | { type: 'assignWarehouse'; warehouseId: string; fallback?: boolean | undefined }
  /** Route: lines may ship from several of these warehouses, tried in this order. */
  | { type: 'splitByWarehouse'; warehouseIds: string[] };
export type RuleActionType = RuleAction['type'];
export const ACTION_TYPES: RuleActionType[] = ['addTag', 'setUrgency', 'hold', 'assignTo', 'assignWarehouse', 'splitByWarehouse'];
export const ACTIONS_BY_STAGE: Record<RuleStage, RuleActionType[]> = {
  review: ['addTag', 'setUrgency', 'hold', 'assignTo'],
  route: ['assignWarehouse', 'splitByWarehouse', 'addTag', 'setUrgency', 'assignTo'],
};

/** JsonLogic as stored (an object tree); `true` matches every order. */
export type JsonLogicRule = Record<string, unknown> | boolean;

export interface Rule {
  /** Stable across versions: the timeline names a rule by id + version. */
  id: string;
  name: string;
  stage: RuleStage;
  /** Lower runs first. */
  priority: number;
  enabled: boolean;
  when: JsonLogicRule;
  actions: RuleAction[];
}

export interface RuleSetVersion {
  version: number;
  rules: Rule[];
  note: string | null;
  createdAt: number;
  createdByName: string | null;
}

/** A reason stored as data (house-plan invariant 12): the reader's words are applied when shown. */
export interface Reason {
  code: string;
  params?: Record<string, unknown>;
}

/** One rule that fired on one order: which version, and the values its condition read. */
export interface FiredRule {
  ruleId: string;
  name: string;
  version: number;
  stage: RuleStage;
  /** The facts the condition referenced, with this order's values: the "why". */
  facts: Record<string, unknown>;
  actions: RuleAction[];
}

/** What the engine decided for one order in one stage (identical for the dry run and the real run). */
export interface StageDecision {
  stage: RuleStage;
  version: number;
  fired: FiredRule[];
  addTags: string[];
  urgency: Urgency | null;
  assignTo: { userId: string | null; userName: string; ruleId: string } | null;
  /** Review: the hold reasons; route: a stock or capacity hold. */
  holds: Reason[];
  /** Route only: line → warehouse. */
  /** `reserve`: the SKU is stock-tracked, so the line reserves stock. */
  assignments: { lineId: string; skuCode: string | null; qty: number; warehouseId: string; reserve?: boolean }[];
  /** Route only: warehouse → ship day, and why that warehouse. */
  routes: { warehouseId: string; shipDay: string; reason: Reason }[];
}

export const RELEASE_REASONS = ['shipped', 'cancelled', 'rerouted', 'expired', 'manual'] as const;
export type ReleaseReason = (typeof RELEASE_REASONS)[number];
export const RELEASE_REASON_LABELS: Record<ReleaseReason, { zh: string; en: string }> = {
  shipped: { zh: '已发货', en: 'Shipped' },
  cancelled: { zh: '订单取消', en: 'Cancelled' },
  rerouted: { zh: '改仓', en: 'Re-routed' },
  expired: { zh: '已过期', en: 'Expired' },
  manual: { zh: '人工释放', en: 'Released by hand' },
};

/** Route reasons and hold codes the engine produces. */
export const ROUTE_REASONS = ['rule', 'default_stock', 'split', 'manual'] as const;
export const STOCK_HOLD_CODES = ['stock_short', 'capacity_full', 'no_warehouse'] as const;

import { ApiError, type ErrorCode } from '../../src-shared/errors';
import type { OrderChange } from '../../src-shared/lifecycle';
import type { CallContext } from '../kernel/call';

/**
 * A refusal from an order action (split, merge, hold, manual order) in both languages, so the
 * action can be used from a call (the caller's language is picked) or from a rule (logged in Chinese).
 */
export class OrderActionError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly zh: string,
    readonly en: string,
    readonly field?: string,
  ) {
    super(zh);
    this.name = 'OrderActionError';
  }

  toApi(ctx: Pick<CallContext, 'say'>): ApiError {
    return new ApiError(this.code, ctx.say(this.zh, this.en), this.field);
  }
}

/** Runs an action for a call: its refusals become the caller's ApiError. */
export function inWords<T>(ctx: Pick<CallContext, 'say'>, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof OrderActionError) throw e.toApi(ctx);
    throw e;
  }
}

const FIELD_WORDS: Record<string, [string, string]> = {
  status: ['状态', 'status'], platformPhase: ['平台状态', 'platform status'], platformStatus: ['平台状态', 'platform status'],
  hold: ['挂起', 'holds'], warehouseId: ['仓库', 'warehouse'], trackingNo: ['运单号', 'tracking no.'], carrier: ['快递', 'carrier'],
  receiverName: ['收货人', 'receiver'], receiverPhone: ['收货电话', 'phone'], province: ['地址', 'address'], city: ['地址', 'address'],
  district: ['地址', 'address'], addressDetail: ['地址', 'address'], addressChangedAt: ['地址', 'address'], tags: ['标签', 'tags'],
  urgency: ['紧急度', 'urgency'], paidFen: ['金额', 'amount'], goodsFen: ['金额', 'amount'], refundFen: ['退款', 'refund'],
  refundStatus: ['退款', 'refund'], mergedIntoId: ['合单', 'merge'], lines: ['商品（拆单/合单/赠品）', 'lines (split, merge, gift)'],
  notes: ['备注', 'notes'], details: ['其他信息', 'other details'], buyerRemark: ['买家留言', 'buyer remark'], sellerNote: ['卖家备注', 'seller note'],
};

/** "订单已被 ops 修改（状态、仓库），请刷新后再试" from the changes since the version the person saw. */
export function staleVersion(orderNo: string, expected: number, current: number, changes: OrderChange[]): OrderActionError {
  const words = (i: 0 | 1) => [...new Set(changes.flatMap((c) => c.fields.map((f) => FIELD_WORDS[f]?.[i] ?? (i ? 'other details' : '其他信息'))))];
  const who = [...new Set(changes.map((c) => c.by).filter(Boolean))].join('、') || (changes.length ? 'system' : '');
  const zh = `订单 ${orderNo} 在您查看后已被${who ? ` ${who} ` : ''}修改${changes.length ? `（${words(0).join('、')}）` : ''}，请刷新后再试（您看到的是第 ${expected} 版，现在是第 ${current} 版）`;
  const en = `order ${orderNo} changed after you looked${who ? ` (by ${who})` : ''}${changes.length ? `: ${words(1).join(', ')}` : ''}; refresh and try again (you saw version ${expected}, it is now ${current})`;
  return new OrderActionError('conflict', zh, en, 'expectedVersion');
}

/** Shown by order number, the rest counted: a refusal stays readable for 5,000 orders. */
const NAMED = 10;

/** "选中后有 3 单已被修改：7596…、…；未做任何修改" for a bulk action over orders that changed since they were selected. */
export function changedSince(orderNos: string[]): OrderActionError {
  const named = orderNos.slice(0, NAMED);
  const more = orderNos.length - named.length;
  const n = orderNos.length.toLocaleString('en-US');
  const zh = `选中后有 ${n} 单已被修改：${named.join('、')}${more ? ` 等 ${n} 单` : ''}。未做任何修改，请刷新后重新选择`;
  const en = `${n} of the selected orders changed after you selected them: ${named.join(', ')}${more ? ` and ${more.toLocaleString('en-US')} more` : ''}. Nothing was changed; refresh and select again`;
  return new OrderActionError('conflict', zh, en, 'versions');
}

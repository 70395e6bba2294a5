import type { OrderQuery } from '../../src-shared/contract';
import { FIXTURE_T0 } from './orders-fixture';

/**
 * Grid queries next to the SQL a person would write by hand for the same question, written
 * independently of the query builder (other operators where it matters: instr, substr,
 * BETWEEN), so the two only agree when the builder is right.
 */
export interface FilterCase {
  name: string;
  query: Pick<OrderQuery, 'filters' | 'quick'>;
  where: string;
  params?: (string | number)[];
}
export interface SortCase {
  name: string;
  sort: NonNullable<OrderQuery['sort']>;
  orderBy: string;
}

const DAY = 86_400_000;
const PREFIX_WHERE = 'substr(buyer_nick, 1, length(?)) = ? OR substr(tracking_no, 1, length(?)) = ? OR platform_order_id = ?';
const from = FIXTURE_T0 - 30 * DAY;
const to = FIXTURE_T0 - 10 * DAY;

export function filterCases(sample: { phoneLast4: string; nickPrefix: string; trackingNo: string; orderNo: string }): FilterCase[] {
  return [
    { name: 'no filter', query: {}, where: '1' },
    { name: 'status in two', query: { filters: { status: { type: 'set', values: ['to_ship', 'picking'] } } }, where: `status IN ('to_ship', 'picking')` },
    { name: 'channel kind', query: { filters: { channelKind: { type: 'set', values: ['taobao'] } } }, where: `channel_id IN ('ch-tb', 'ch-tb2')` },
    { name: 'tag VIP', query: { filters: { tags: { type: 'set', values: ['VIP'] } } }, where: `instr(tags, '"VIP"') > 0` },
    { name: 'untagged', query: { filters: { tags: { type: 'set', values: [''] } } }, where: `tags = '[]'` },
    { name: 'amount range', query: { filters: { paidFen: { type: 'number', op: 'inRange', value: 5000, valueTo: 10000 } } }, where: 'paid_fen BETWEEN 5000 AND 10000' },
    { name: 'paid in window', query: { filters: { paidAt: { type: 'date', from, to } } }, where: 'paid_at >= ? AND paid_at < ?', params: [from, to] },
    { name: 'nick contains 王', query: { filters: { buyerNick: { type: 'text', op: 'contains', value: '王' } } }, where: `instr(buyer_nick, '王') > 0` },
    {
      name: 'nick contains literal %_',
      query: { filters: { buyerNick: { type: 'text', op: 'contains', value: '%_' } } },
      where: `instr(buyer_nick, '%_') > 0`,
    },
    {
      name: 'nick does not contain alice (any case)',
      query: { filters: { buyerNick: { type: 'text', op: 'notContains', value: 'ALICE' } } },
      where: `(buyer_nick IS NULL OR instr(lower(buyer_nick), 'alice') = 0)`,
    },
    { name: 'no warehouse', query: { filters: { warehouseId: { type: 'set', values: [''] } } }, where: 'warehouse_id IS NULL' },
    { name: 'remark blank', query: { filters: { buyerRemark: { type: 'text', op: 'blank' } } }, where: `coalesce(buyer_remark, '') = ''` },
    {
      name: 'channel + status + paid window (the e2e slice)',
      query: {
        filters: {
          channelId: { type: 'set', values: ['ch-jd', 'ch-pdd'] },
          status: { type: 'set', values: ['shipped', 'delivered', 'completed'] },
          paidAt: { type: 'date', from, to },
        },
      },
      where: `channel_id IN ('ch-jd', 'ch-pdd') AND status IN ('shipped', 'delivered', 'completed') AND paid_at >= ? AND paid_at < ?`,
      params: [from, to],
    },
    { name: 'no such order no (empty)', query: { filters: { platformOrderId: { type: 'text', op: 'equals', value: 'nope' } } }, where: '0' },
    { name: 'quick: order no', query: { quick: sample.orderNo }, where: 'platform_order_id = ?', params: [sample.orderNo] },
    {
      name: 'quick: phone last 4',
      query: { quick: sample.phoneLast4 },
      // Four digits are also the end of an order no. (issue 15, item 4).
      where: 'phone_last4 = ? OR platform_order_id = ? OR substr(platform_order_id, -4) = ?',
      params: [sample.phoneLast4, sample.phoneLast4, sample.phoneLast4],
    },
    {
      name: 'quick: nick prefix',
      query: { quick: sample.nickPrefix },
      where: PREFIX_WHERE,
      params: Array<string>(5).fill(sample.nickPrefix),
    },
    {
      name: 'quick: tracking no',
      query: { quick: sample.trackingNo },
      where: PREFIX_WHERE,
      params: Array<string>(5).fill(sample.trackingNo),
    },
  ];
}

export const SORT_CASES: SortCase[] = [
  { name: 'default (newest first)', sort: [], orderBy: 'created_at DESC, id DESC' },
  { name: 'amount desc', sort: [{ colId: 'paidFen', sort: 'desc' }], orderBy: 'paid_fen DESC, id DESC' },
  { name: 'paid asc (nulls first)', sort: [{ colId: 'paidAt', sort: 'asc' }], orderBy: 'paid_at ASC, id ASC' },
  { name: 'promised desc (nulls last)', sort: [{ colId: 'promisedShipAt', sort: 'desc' }], orderBy: 'promised_ship_at DESC, id DESC' },
  {
    name: 'status asc, paid desc',
    sort: [{ colId: 'status', sort: 'asc' }, { colId: 'paidAt', sort: 'desc' }],
    orderBy: 'status ASC, paid_at DESC, id DESC',
  },
  { name: 'nick asc (no index)', sort: [{ colId: 'buyerNick', sort: 'asc' }], orderBy: 'buyer_nick ASC, id ASC' },
  {
    name: 'platform kind desc, promised asc',
    sort: [{ colId: 'channelKind', sort: 'desc' }, { colId: 'promisedShipAt', sort: 'asc' }],
    orderBy: `(SELECT kind FROM channels WHERE channels.id = orders.channel_id) DESC, promised_ship_at ASC, id ASC`,
  },
];

import type { ChannelKind } from '../../../src-shared/orders';

/** The demo merchant: a Hangzhou food-and-apparel brand on six channels. */
export interface DemoShop {
  kind: ChannelKind;
  name: string;
  platformShopId: string;
  /** Share of orders. */
  weight: number;
  commissionBps: number;
  /** Hours between payment and the platform's ship-by deadline. */
  shipWithinHours: number;
}

export const DEMO_SHOPS: DemoShop[] = [
  { kind: 'taobao', name: '禾木生活天猫旗舰店', platformShopId: '106887321', weight: 34, commissionBps: 500, shipWithinHours: 72 },
  { kind: 'jd', name: '禾木生活京东旗舰店', platformShopId: '10043287', weight: 15, commissionBps: 600, shipWithinHours: 24 },
  { kind: 'pdd', name: '禾木生活拼多多专卖店', platformShopId: '483920176', weight: 22, commissionBps: 60, shipWithinHours: 48 },
  { kind: 'douyin', name: '禾木生活抖音小店', platformShopId: '78213456', weight: 18, commissionBps: 500, shipWithinHours: 48 },
  { kind: 'youzan', name: '禾木生活有赞微商城', platformShopId: '91882034', weight: 7, commissionBps: 100, shipWithinHours: 48 },
  { kind: 'pos', name: '杭州湖滨银泰门店', platformShopId: 'HZ01', weight: 4, commissionBps: 0, shipWithinHours: 0 },
];

export const DEMO_WAREHOUSES = [
  { code: 'HZ-MAIN', name: '杭州主仓', city: '杭州市', weight: 60 },
  { code: 'NB-BOND', name: '宁波保税仓', city: '宁波市', weight: 15 },
  { code: 'JX-FWD', name: '嘉兴前置仓', city: '嘉兴市', weight: 25 },
];

/** kuaidi100 carrier codes with how often the merchant uses each. */
export const CARRIERS: { code: string; weight: number }[] = [
  { code: 'zhongtong', weight: 30 },
  { code: 'yuantong', weight: 22 },
  { code: 'yunda', weight: 15 },
  { code: 'shunfeng', weight: 12 },
  { code: 'shentong', weight: 8 },
  { code: 'jd', weight: 8 },
  { code: 'jtexpress', weight: 4 },
  { code: 'ems', weight: 1 },
];

/** What buyers write. The formula-looking ones are real attack strings: exports must render them inert. */
export const BUYER_REMARKS = [
  '请尽快发货，谢谢', '不要放快递柜，放门卫就行', '送人的，请不要放价格单', '工作日白天家里没人，请送到公司',
  '麻烦包装好一点，易碎', '能发顺丰吗？补差价也可以', '生日礼物，麻烦帮忙写张贺卡：生日快乐！', '要新鲜日期的',
  '尺码偏小的话请发大一码', '和上一单一起发', '-_- 上次少发了一件，这次别漏了', '+86 138****0000 到了打这个电话',
  '@客服 发票抬头：杭州某某科技有限公司', '=HYPERLINK("http://x","点我")', '=1+2', '颜色要和图片一致',
];
/** The share of remarks that are formula-like, so an export of any sizeable view contains some. */
export const FORMULA_REMARKS = ['=HYPERLINK("http://x","点我")', '=1+2', '+86 138****0000 到了打这个电话', '-_- 上次少发了一件，这次别漏了', '@客服 发票抬头：杭州某某科技有限公司'];

export const SELLER_NOTES = ['已电话确认地址', '老客户，送试吃装', '缺货待补，优先发', '客户要求改期发货', '已备注赠品'];
export const DEMO_TAGS = ['大客户', '复购', '易碎', '加急', '赠品已备', '补发', '预售', '直播间'];
export const ORDER_NOTES = ['客户来电催发货，已安抚', '已联系快递改派', '客户要求开发票，已登记', '地址有误，已与客户核对', '客户反馈少件，待仓库核实'];

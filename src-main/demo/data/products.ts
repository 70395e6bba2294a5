/**
 * The demo catalogue: food and apparel products, each expanded into SKUs by its spec
 * dimensions (颜色 × 尺码, 口味 × 规格 ...). About 500 SKUs in all.
 */
export interface ProductTemplate {
  code: string;
  title: string;
  /** Each dimension: name and values; SKUs are the cartesian product. */
  dims: [string, string[]][];
  /** Base price in fen; each later value of the last dimension adds `step`. */
  priceFen: number;
  step: number;
  weightGrams: number;
  /** Stocked in the bonded warehouse (imported goods). */
  bonded?: boolean;
}

const COLORS = ['白色', '黑色', '燕麦色', '藏青', '雾霾蓝'];
const SIZES = ['S', 'M', 'L', 'XL', 'XXL'];
const PANTS = ['26', '27', '28', '29', '30', '31', '32', '34'];
const SHOES = ['35', '36', '37', '38', '39', '40', '41', '42', '43', '44'];

export const PRODUCTS: ProductTemplate[] = [
  // apparel
  { code: 'TS01', title: '新疆长绒棉圆领短袖T恤', dims: [['颜色', COLORS], ['尺码', SIZES]], priceFen: 7900, step: 0, weightGrams: 220 },
  { code: 'TS02', title: '重磅纯棉宽松长袖T恤', dims: [['颜色', COLORS], ['尺码', SIZES]], priceFen: 9900, step: 0, weightGrams: 320 },
  { code: 'HD01', title: '加绒连帽卫衣 秋冬款', dims: [['颜色', ['灰色', '黑色', '奶白', '墨绿']], ['尺码', SIZES]], priceFen: 15900, step: 0, weightGrams: 650 },
  { code: 'KN01', title: '羊毛混纺针织开衫', dims: [['颜色', ['米白', '驼色', '黑色', '酒红']], ['尺码', ['S', 'M', 'L', 'XL']]], priceFen: 25900, step: 0, weightGrams: 420 },
  { code: 'JN01', title: '弹力直筒牛仔裤', dims: [['颜色', ['浅蓝', '深蓝', '黑色']], ['腰围', PANTS]], priceFen: 18900, step: 0, weightGrams: 600 },
  { code: 'DJ01', title: '90白鸭绒轻薄羽绒服', dims: [['颜色', ['黑色', '米白', '卡其', '雾霾蓝']], ['尺码', SIZES]], priceFen: 49900, step: 0, weightGrams: 450 },
  { code: 'SC01', title: '桑蚕丝印花方巾', dims: [['颜色', ['青花', '落樱', '墨竹', '西湖蓝', '琥珀']]], priceFen: 12900, step: 0, weightGrams: 60 },
  { code: 'SH01', title: '经典帆布鞋 低帮', dims: [['颜色', ['白色', '黑色', '米色']], ['鞋码', SHOES]], priceFen: 13900, step: 0, weightGrams: 800 },
  { code: 'SK01', title: '精梳棉中筒袜 5双装', dims: [['颜色', ['混色', '纯黑', '纯白']], ['尺码', ['均码']]], priceFen: 3990, step: 0, weightGrams: 150 },
  { code: 'PJ01', title: '纯棉家居服套装', dims: [['颜色', ['浅粉', '浅蓝', '浅灰']], ['尺码', ['M', 'L', 'XL']]], priceFen: 16900, step: 0, weightGrams: 500 },
  { code: 'PL01', title: '商务休闲Polo衫', dims: [['颜色', COLORS], ['尺码', SIZES]], priceFen: 12900, step: 0, weightGrams: 260 },
  { code: 'SKT1', title: '高腰A字半身裙', dims: [['颜色', ['黑色', '卡其', '格纹']], ['尺码', ['S', 'M', 'L']]], priceFen: 14900, step: 0, weightGrams: 300 },
  { code: 'SW01', title: '圆领羊绒衫', dims: [['颜色', COLORS], ['尺码', SIZES]], priceFen: 39900, step: 0, weightGrams: 300 },
  { code: 'SH02', title: '法兰绒格子衬衫', dims: [['颜色', ['红格', '蓝格', '绿格', '灰格']], ['尺码', SIZES]], priceFen: 13900, step: 0, weightGrams: 350 },
  { code: 'TR01', title: '休闲束脚运动裤', dims: [['颜色', COLORS], ['尺码', SIZES]], priceFen: 11900, step: 0, weightGrams: 400 },
  { code: 'CT01', title: '双面羊毛大衣', dims: [['颜色', ['驼色', '黑色', '燕麦色', '灰色']], ['尺码', ['S', 'M', 'L', 'XL']]], priceFen: 89900, step: 0, weightGrams: 1300 },
  { code: 'TS03', title: '儿童纯棉T恤', dims: [['颜色', COLORS], ['身高', ['90cm', '100cm', '110cm', '120cm', '130cm', '140cm']]], priceFen: 4900, step: 0, weightGrams: 150 },
  { code: 'DR01', title: '碎花雪纺连衣裙', dims: [['颜色', ['蓝底白花', '黑底碎花', '米白']], ['尺码', ['S', 'M', 'L', 'XL']]], priceFen: 22900, step: 0, weightGrams: 280 },
  { code: 'SH03', title: '轻量缓震跑步鞋', dims: [['颜色', ['黑白', '全黑', '灰蓝']], ['鞋码', SHOES]], priceFen: 29900, step: 0, weightGrams: 900 },
  { code: 'CP01', title: '针织毛线帽', dims: [['颜色', COLORS]], priceFen: 5900, step: 0, weightGrams: 100 },
  { code: 'UN01', title: '莫代尔内裤 3条装', dims: [['颜色', ['混色', '黑灰', '肤色']], ['尺码', SIZES]], priceFen: 6900, step: 0, weightGrams: 150 },
  { code: 'VS01', title: '摇粒绒马甲', dims: [['颜色', ['米白', '灰色', '藏青', '咖啡']], ['尺码', SIZES]], priceFen: 9900, step: 0, weightGrams: 350 },
  // food
  { code: 'NR02', title: '靖江猪肉脯', dims: [['口味', ['原味', '蜜汁', '黑椒']], ['规格', ['100g', '250g', '500g']]], priceFen: 2990, step: 3000, weightGrams: 300 },
  { code: 'TE01', title: '九曲红梅 红茶', dims: [['规格', ['50g', '100g', '250g']]], priceFen: 8800, step: 7000, weightGrams: 180 },
  { code: 'FS01', title: '舟山冰鲜带鱼段', dims: [['规格', ['500g', '1kg', '2kg']]], priceFen: 5900, step: 5000, weightGrams: 1100 },
  { code: 'YC01', title: '千岛湖淳牌鱼干', dims: [['口味', ['香辣', '原味']], ['规格', ['200g', '500g']]], priceFen: 3500, step: 3500, weightGrams: 300 },
  { code: 'LJ01', title: '西湖龙井 明前特级 罐装', dims: [['规格', ['50g', '100g', '250g']]], priceFen: 16800, step: 14000, weightGrams: 200 },
  { code: 'BC01', title: '安吉白茶 雨前一级', dims: [['规格', ['50g', '125g', '250g']]], priceFen: 9800, step: 8000, weightGrams: 180 },
  { code: 'NT01', title: '每日坚果 混合果仁', dims: [['规格', ['7袋装', '15袋装', '30袋装']]], priceFen: 3990, step: 3500, weightGrams: 400 },
  { code: 'NR01', title: '手撕风干牛肉干', dims: [['口味', ['原味', '麻辣', '五香', '孜然']], ['规格', ['100g', '250g', '500g']]], priceFen: 3900, step: 4500, weightGrams: 300 },
  { code: 'ZZ01', title: '嘉兴鲜肉粽子 真空装', dims: [['口味', ['鲜肉', '蛋黄鲜肉', '豆沙', '栗子鲜肉']], ['规格', ['4只装', '10只装']]], priceFen: 3600, step: 4000, weightGrams: 800 },
  { code: 'TY01', title: '宁波手工汤圆', dims: [['口味', ['黑芝麻', '花生', '鲜肉', '豆沙']], ['规格', ['500g', '1000g']]], priceFen: 2590, step: 2000, weightGrams: 550 },
  { code: 'HJ01', title: '绍兴花雕黄酒 五年陈', dims: [['规格', ['500ml×1瓶', '500ml×6瓶', '2.5L坛装']]], priceFen: 3800, step: 9000, weightGrams: 1200 },
  { code: 'OF01', title: '西湖藕粉 桂花坚果', dims: [['规格', ['350g', '500g×2罐']]], priceFen: 3990, step: 3000, weightGrams: 500 },
  { code: 'GH01', title: '桂花糕 传统糕点礼盒', dims: [['口味', ['桂花', '绿豆', '红豆']], ['规格', ['6枚', '12枚']]], priceFen: 4900, step: 3000, weightGrams: 450 },
  { code: 'MF01', title: '进口有机燕麦片', dims: [['规格', ['500g', '1kg', '1kg×2']]], priceFen: 4500, step: 3500, weightGrams: 1000, bonded: true },
  { code: 'NF01', title: '澳洲进口全脂奶粉', dims: [['规格', ['400g', '800g', '1kg×2']]], priceFen: 8900, step: 6000, weightGrams: 900, bonded: true },
  { code: 'HN01', title: '新西兰麦卢卡蜂蜜 UMF10+', dims: [['规格', ['250g', '500g']]], priceFen: 19900, step: 17000, weightGrams: 600, bonded: true },
  { code: 'CK01', title: '曲奇饼干 黄油味 铁盒', dims: [['规格', ['454g', '908g']]], priceFen: 5900, step: 4000, weightGrams: 600, bonded: true },
  { code: 'XR01', title: '临安山核桃仁', dims: [['口味', ['椒盐', '奶油']], ['规格', ['100g', '250g', '500g']]], priceFen: 4800, step: 5000, weightGrams: 300 },
  { code: 'MJ01', title: '金华火腿切片', dims: [['规格', ['200g', '500g', '1kg整块']]], priceFen: 6800, step: 7000, weightGrams: 600 },
  { code: 'JZ01', title: '杭白菊 桐乡胎菊', dims: [['规格', ['50g', '100g', '250g']]], priceFen: 2900, step: 2500, weightGrams: 150 },
];

/** Free gifts added to some orders at 0 price (赠品). */
export const GIFTS = [
  { code: 'GIFT-BAG', title: '【赠品】品牌帆布袋', spec: '颜色:本白', weightGrams: 120 },
  { code: 'GIFT-TEA', title: '【赠品】龙井试饮装 5g', spec: '规格:5g', weightGrams: 20 },
  { code: 'GIFT-SOCK', title: '【赠品】船袜一双', spec: '尺码:均码', weightGrams: 40 },
  { code: 'GIFT-CARD', title: '【赠品】手写贺卡', spec: null, weightGrams: 10 },
];

export interface DemoSku {
  code: string;
  title: string;
  spec: string | null;
  priceFen: number;
  weightGrams: number;
  bonded: boolean;
  gift: boolean;
  /** Gifts of one group stand in for each other when one runs out. */
  giftGroup: string | null;
  /** Food: every unit carries a production batch (质检拦截 freezes one). */
  batched: boolean;
}

const FOOD_FROM = PRODUCTS.findIndex((p) => p.code === 'NR02');

/** Expands the templates into SKUs; the same every time (no randomness). */
export function demoSkus(): DemoSku[] {
  const out: DemoSku[] = [];
  for (const [i, p] of PRODUCTS.entries()) {
    let combos: { labels: string[]; codes: string[]; last: number }[] = [{ labels: [], codes: [], last: 0 }];
    for (const [dim, values] of p.dims) {
      combos = combos.flatMap((c) => values.map((v, i) => ({ labels: [...c.labels, `${dim}:${v}`], codes: [...c.codes, String(i + 1).padStart(2, '0')], last: i })));
    }
    for (const c of combos) {
      out.push({
        code: `${p.code}-${c.codes.join('')}`,
        title: p.title,
        spec: c.labels.join(';'),
        priceFen: p.priceFen + p.step * c.last,
        weightGrams: p.weightGrams,
        bonded: Boolean(p.bonded),
        gift: false,
        giftGroup: null,
        batched: i >= FOOD_FROM,
      });
    }
  }
  for (const g of GIFTS) {
    out.push({ code: g.code, title: g.title, spec: g.spec, priceFen: 0, weightGrams: g.weightGrams, bonded: false, gift: true, giftGroup: '店铺赠品', batched: false });
  }
  return out;
}

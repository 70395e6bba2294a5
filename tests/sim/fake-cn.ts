import type { Rand } from './random';

/** Small, realistic Chinese order data for the simulators (names masked as platforms show them). */
const SURNAMES = ['张', '王', '李', '赵', '刘', '陈', '杨', '黄', '周', '吴', '徐', '孙', '马', '朱', '胡', '郭'];
const PLACES = [
  ['浙江省', '杭州市', '西湖区'], ['浙江省', '宁波市', '鄞州区'], ['广东省', '深圳市', '南山区'],
  ['广东省', '广州市', '天河区'], ['江苏省', '南京市', '鼓楼区'], ['江苏省', '苏州市', '工业园区'],
  ['上海市', '上海市', '浦东新区'], ['北京市', '北京市', '朝阳区'], ['四川省', '成都市', '武侯区'],
  ['湖北省', '武汉市', '洪山区'], ['山东省', '青岛市', '市南区'], ['福建省', '厦门市', '思明区'],
] as const;
const STREETS = ['文三路', '科技园南路', '中山路', '人民路', '解放大道', '长江路', '建国路', '天府大道'];
const PRODUCTS = [
  { title: '纯棉圆领短袖T恤', spu: 'TS', specs: ['颜色:白色;尺码:M', '颜色:黑色;尺码:L', '颜色:灰色;尺码:XL'], yuan: [39, 89] },
  { title: '高腰直筒牛仔裤', spu: 'JN', specs: ['颜色:浅蓝;尺码:27', '颜色:深蓝;尺码:29'], yuan: [99, 199] },
  { title: '云南普洱茶熟茶饼357g', spu: 'TEA', specs: ['规格:单饼', '规格:礼盒装'], yuan: [58, 268] },
  { title: '五常大米稻花香5kg', spu: 'RICE', specs: ['规格:5kg', '规格:10kg'], yuan: [49, 129] },
  { title: '汽车雨刮器无骨雨刷', spu: 'WIPER', specs: ['尺寸:18寸+26寸', '尺寸:16寸+24寸'], yuan: [29, 79] },
  { title: '机油滤清器', spu: 'FILTER', specs: ['适配:大众', '适配:丰田'], yuan: [15, 45] },
  { title: '坚果礼盒1.5kg', spu: 'NUT', specs: ['口味:混合'], yuan: [88, 168] },
] as const;

export function maskedName(r: Rand): string {
  return `${r.pick(SURNAMES)}*`;
}

export function maskedMobile(r: Rand): string {
  return `1${r.pick(['38', '39', '58', '86', '77'])}****${r.digits(4)}`;
}

export function place(r: Rand): { province: string; city: string; district: string; detail: string } {
  const [province, city, district] = r.pick(PLACES);
  return { province, city, district, detail: `${r.pick(STREETS)}**号` };
}

export interface FakeItem {
  title: string;
  spuCode: string;
  skuCode: string;
  spec: string;
  unitFen: number;
}

export function item(r: Rand): FakeItem {
  const p = r.pick(PRODUCTS);
  const specIndex = r.int(0, p.specs.length - 1);
  // prices like 89.90 or 129.00: whole yuan or ending in .90/.50/.99
  const unitFen = r.int(p.yuan[0], p.yuan[1]) * 100 + r.pick([0, 0, 90, 50, 99]);
  return {
    title: p.title, spuCode: `SPU-${p.spu}`, skuCode: `SKU-${p.spu}-${specIndex + 1}`,
    spec: p.specs[specIndex]!, unitFen,
  };
}

export function remark(r: Rand): string {
  return r.chance(0.2) ? r.pick(['请尽快发货', '不要放快递柜', '送人的，不要放价格单', '周末送货']) : '';
}

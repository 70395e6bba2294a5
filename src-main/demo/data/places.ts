/**
 * Where demo parcels go: provinces weighted toward East China (华东), where a Hangzhou
 * merchant's buyers mostly are, with real cities and districts.
 */
export interface Province {
  name: string;
  /** Relative share of orders. */
  weight: number;
  eastChina: boolean;
  cities: { name: string; districts: string[] }[];
}

export const PROVINCES: Province[] = [
  { name: '浙江省', weight: 22, eastChina: true, cities: [
    { name: '杭州市', districts: ['西湖区', '拱墅区', '上城区', '滨江区', '余杭区', '萧山区', '临平区'] },
    { name: '宁波市', districts: ['海曙区', '江北区', '鄞州区', '北仑区', '镇海区'] },
    { name: '温州市', districts: ['鹿城区', '瓯海区', '龙湾区', '乐清市'] },
    { name: '嘉兴市', districts: ['南湖区', '秀洲区', '桐乡市', '海宁市'] },
    { name: '绍兴市', districts: ['越城区', '柯桥区', '上虞区', '诸暨市'] },
    { name: '金华市', districts: ['婺城区', '金东区', '义乌市', '东阳市'] },
  ] },
  { name: '江苏省', weight: 16, eastChina: true, cities: [
    { name: '南京市', districts: ['玄武区', '秦淮区', '建邺区', '鼓楼区', '江宁区'] },
    { name: '苏州市', districts: ['姑苏区', '吴中区', '相城区', '工业园区', '昆山市'] },
    { name: '无锡市', districts: ['梁溪区', '滨湖区', '新吴区', '江阴市'] },
    { name: '常州市', districts: ['天宁区', '钟楼区', '武进区'] },
    { name: '南通市', districts: ['崇川区', '通州区', '海门区'] },
  ] },
  { name: '上海市', weight: 13, eastChina: true, cities: [
    { name: '上海市', districts: ['浦东新区', '黄浦区', '徐汇区', '静安区', '长宁区', '普陀区', '闵行区', '宝山区', '松江区', '嘉定区'] },
  ] },
  { name: '安徽省', weight: 6, eastChina: true, cities: [
    { name: '合肥市', districts: ['蜀山区', '包河区', '庐阳区', '瑶海区'] },
    { name: '芜湖市', districts: ['镜湖区', '鸠江区'] },
  ] },
  { name: '福建省', weight: 5, eastChina: true, cities: [
    { name: '福州市', districts: ['鼓楼区', '台江区', '仓山区'] },
    { name: '厦门市', districts: ['思明区', '湖里区', '集美区'] },
  ] },
  { name: '山东省', weight: 6, eastChina: true, cities: [
    { name: '济南市', districts: ['历下区', '市中区', '槐荫区'] },
    { name: '青岛市', districts: ['市南区', '市北区', '崂山区', '黄岛区'] },
  ] },
  { name: '江西省', weight: 3, eastChina: true, cities: [
    { name: '南昌市', districts: ['东湖区', '西湖区', '红谷滩区'] },
  ] },
  { name: '广东省', weight: 8, eastChina: false, cities: [
    { name: '广州市', districts: ['天河区', '越秀区', '海珠区', '白云区', '番禺区'] },
    { name: '深圳市', districts: ['南山区', '福田区', '罗湖区', '宝安区', '龙岗区'] },
    { name: '东莞市', districts: ['东城街道', '南城街道', '长安镇'] },
  ] },
  { name: '北京市', weight: 4, eastChina: false, cities: [
    { name: '北京市', districts: ['朝阳区', '海淀区', '东城区', '西城区', '丰台区'] },
  ] },
  { name: '湖北省', weight: 3, eastChina: false, cities: [{ name: '武汉市', districts: ['江汉区', '武昌区', '洪山区'] }] },
  { name: '四川省', weight: 3, eastChina: false, cities: [{ name: '成都市', districts: ['锦江区', '武侯区', '高新区'] }] },
  { name: '河南省', weight: 3, eastChina: false, cities: [{ name: '郑州市', districts: ['金水区', '二七区', '中原区'] }] },
  { name: '湖南省', weight: 2, eastChina: false, cities: [{ name: '长沙市', districts: ['岳麓区', '芙蓉区', '雨花区'] }] },
  { name: '天津市', weight: 1.5, eastChina: false, cities: [{ name: '天津市', districts: ['和平区', '南开区', '滨海新区'] }] },
  { name: '重庆市', weight: 1.5, eastChina: false, cities: [{ name: '重庆市', districts: ['渝中区', '江北区', '渝北区'] }] },
  { name: '陕西省', weight: 1.5, eastChina: false, cities: [{ name: '西安市', districts: ['雁塔区', '碑林区', '未央区'] }] },
  { name: '辽宁省', weight: 1, eastChina: false, cities: [{ name: '沈阳市', districts: ['和平区', '沈河区'] }] },
  { name: '云南省', weight: 0.5, eastChina: false, cities: [{ name: '昆明市', districts: ['五华区', '盘龙区'] }] },
];

export const EAST_CHINA = new Set(PROVINCES.filter((p) => p.eastChina).map((p) => p.name));

import { createHash } from 'node:crypto';
import { faker } from '@faker-js/faker/locale/zh_CN';
import type { ChannelKind } from '../../src-shared/orders';
import { PROVINCES } from './data/places';
import { Rng, Weighted, uuid7 } from './rng';

/** A demo buyer as the platform hands them over: masked name and phone, a nick, one usual address. */
export interface DemoBuyer {
  customerId: string | null;
  kind: ChannelKind;
  nick: string;
  nameMasked: string;
  phoneMasked: string;
  phoneLast4: string;
  province: string;
  city: string;
  district: string;
  detail: string;
}

const STREETS = [
  '文三路', '学院路', '天目山路', '莫干山路', '延安路', '解放路', '中山北路', '人民路', '建设路', '新华路', '长江路',
  '黄河路', '青年路', '和平路', '胜利路', '滨江大道', '环城北路', '南京西路', '淮海中路', '汉中路', '五四路', '湖滨路',
  '江南大道', '钱江路', '世纪大道', '东风路', '朝阳路', '金鸡路', '工业园大道', '科技路',
];
const MOBILE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '186', '187', '188', '177', '180', '181', '189', '133', '153', '199'];

const provincePicker = new Weighted(PROVINCES.map((p) => [p, p.weight] as const));

/** Builds the buyer pools; names come from faker zh_CN (seeded), the rest from our rng. */
export class BuyerPool {
  private readonly surnames: string[] = [];
  private readonly given: string[] = [];
  private readonly handles: string[] = [];
  readonly customerRows: Record<string, unknown>[] = [];
  private readonly byKind = new Map<ChannelKind, DemoBuyer[]>();

  constructor(private readonly rng: Rng, seed: number, now: number) {
    faker.seed(seed);
    for (let i = 0; i < 300; i++) {
      this.surnames.push(faker.person.lastName());
      this.given.push(faker.person.firstName());
      this.handles.push(faker.internet.username().replace(/[^a-z0-9_]/gi, '').slice(0, 10) || `u${i}`);
    }
    this.now = now;
  }

  private readonly now: number;

  /** Creates `count` buyers for a channel kind; POS members get no customer row (matched by nick). */
  add(kind: ChannelKind, count: number): void {
    const list: DemoBuyer[] = [];
    for (let i = 0; i < count; i++) {
      const b = this.buyer(kind);
      list.push(b);
    }
    this.byKind.set(kind, list);
  }

  /** Repeat buyers are common: a skewed pick makes a few buyers order many times. */
  pick(kind: ChannelKind): DemoBuyer {
    const list = this.byKind.get(kind)!;
    const x = this.rng.next();
    return list[Math.floor(x * x * list.length)]!;
  }

  private buyer(kind: ChannelKind): DemoBuyer {
    const r = this.rng;
    const surname = r.pick(this.surnames);
    const given = r.pick(this.given);
    const prefix = r.pick(MOBILE_PREFIXES);
    const middle = r.digits(4);
    const last4 = r.digits(4);
    const phone = `${prefix}${middle}${last4}`;
    const province = provincePicker.pick(r);
    const city = r.pick(province.cities);
    const handle = r.pick(this.handles);
    const nick = kind === 'taobao' ? `${handle}${r.digits(2)}`
      : kind === 'jd' ? `jd_${handle}${r.digits(3)}`
        : kind === 'pdd' ? `pdd${r.digits(11)}`
          : kind === 'douyin' ? `${given}${r.digits(4)}`
            : kind === 'youzan' ? `${surname}${given}`
              : `湖滨会员${last4}`;
    const b: DemoBuyer = {
      customerId: null,
      kind,
      nick,
      nameMasked: `${surname}${'*'.repeat(Math.max(1, given.length))}`,
      phoneMasked: `${prefix}****${last4}`,
      phoneLast4: last4,
      province: province.name,
      city: city.name,
      district: r.pick(city.districts),
      detail: `${r.pick(STREETS)}${r.int(1, 999)}号${r.chance(0.6) ? `${r.int(1, 30)}幢${r.int(1, 3)}单元${r.int(101, 2802)}室` : ''}`,
    };
    if (kind !== 'pos') {
      const createdAt = this.now - r.int(30, 720) * 86_400_000;
      b.customerId = uuid7(createdAt, r);
      this.customerRows.push({
        id: b.customerId, channelKind: kind, platformBuyerId: kind === 'pdd' ? b.nick : `${kind}-${r.digits(10)}`, nick: b.nick,
        nameMasked: b.nameMasked, phoneMasked: b.phoneMasked,
        phoneHash: createHash('sha256').update(phone).digest('hex'),
        grade: r.chance(0.1) ? 'A' : r.chance(0.3) ? 'B' : 'C', createdAt, updatedAt: createdAt,
      });
    }
    return b;
  }
}

/** Masks a detailed address the way platforms now hand it over (房号 hidden). */
export function maskDetail(detail: string): string {
  return detail.replace(/\d+室$/, '***室');
}

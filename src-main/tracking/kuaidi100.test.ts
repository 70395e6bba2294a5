import { describe, expect, it } from 'vitest';
import { carrierCode } from './carriers';
import { beijingTime, kuaidi100Sign, queryForm, readAnswer } from './kuaidi100';
import { nextPollDelay } from './shipments';

const MIN = 60_000;
const HOUR = 60 * MIN;

describe('Kuaidi100 (PLATFORMS.md §7.1)', () => {
  it('signs MD5(param + key + customer) in upper hex: the documented example', () => {
    expect(kuaidi100Sign('{"com":"yuantong","num":"YT1234567890123"}', 'KEY', 'CUSTOMER')).toBe('0DE190824C4CD5F3F5EBDDFB115A250C');
    const form = queryForm({ customer: 'C', key: 'K' }, { com: 'shunfeng', num: 'SF1', phone: '0000' });
    expect(form.get('sign')).toBe(kuaidi100Sign(form.get('param')!, 'K', 'C'));
    expect(JSON.parse(form.get('param')!)).toMatchObject({ com: 'shunfeng', num: 'SF1', phone: '0000', resultv2: '1', order: 'desc' });
  });

  it('reads an answer: string scalars, newest-first data turned oldest-first, Beijing times, state codes', () => {
    const a = readAnswer(200, JSON.stringify({
      message: 'ok', nu: 'YT1', ischeck: '0', condition: '00', com: 'yuantong', status: '200', state: '0',
      data: [{ time: '2024-04-27 08:00:00', ftime: '2024-04-27 08:00:00', context: '运输中' }, { time: '2024-04-26 21:35:28', ftime: '2024-04-26 21:35:28', context: '已揽收', status: '揽收' }],
    }));
    expect(a).toMatchObject({ ok: true, state: 'in_transit', carrierState: '0', delivered: false });
    expect(a.ok && a.events.map((e) => e.context)).toEqual(['已揽收', '运输中']);
    expect(beijingTime('2024-04-26 21:35:28')).toBe(Date.UTC(2024, 3, 26, 13, 35, 28));
    expect(readAnswer(200, JSON.stringify({ status: '200', state: '3', ischeck: '1', data: [] }))).toMatchObject({ ok: true, state: 'delivered', delivered: true });
    expect(readAnswer(200, JSON.stringify({ status: '200', state: '14', data: [] }))).toMatchObject({ state: 'refused' });
  });

  it('tells "nothing yet" from "try later" from "a person must fix it"', () => {
    expect(readAnswer(200, '{"result":false,"returnCode":"500","message":"查询无结果，请隔段时间再查"}')).toMatchObject({ ok: false, kind: 'no_result' });
    expect(readAnswer(200, '{"result":false,"returnCode":"502","message":"服务器繁忙"}')).toMatchObject({ ok: false, kind: 'retry' });
    expect(readAnswer(200, '{"result":false,"returnCode":"503","message":"验证签名失败"}')).toMatchObject({ ok: false, kind: 'refused', code: '503' });
    expect(readAnswer(200, '{"result":false,"returnCode":"601","message":"key已过期"}')).toMatchObject({ ok: false, kind: 'refused' });
    expect(readAnswer(500, 'oops')).toMatchObject({ ok: false, kind: 'retry' });
  });

  it('maps carriers as shops name them; numeric ids per platform; unknown ones are not tracked', () => {
    expect(carrierCode('YTO')).toBe('yuantong');
    expect(carrierCode('中通快递')).toBe('zhongtong');
    expect(carrierCode('顺丰速运')).toBe('shunfeng');
    expect(carrierCode('HTKY')).toBe('huitongkuaidi');
    expect(carrierCode('jtexpress')).toBe('jtexpress');
    expect(carrierCode('44', 'pdd')).toBe('shunfeng');
    expect(carrierCode('467', 'jd')).toBe('shunfeng');
    expect(carrierCode('44', 'taobao')).toBeNull();
    expect(carrierCode('某某物流')).toBeNull();
    expect(carrierCode(null)).toBeNull();
  });

  it('asks less often as a parcel ages (an eighth of its age, 30 min – 12 h), hourly while out for delivery, later after failures', () => {
    expect(nextPollDelay(1 * HOUR, 'created', 0)).toBe(30 * MIN);
    expect(nextPollDelay(16 * HOUR, 'in_transit', 0)).toBe(2 * HOUR);
    expect(nextPollDelay(10 * 24 * HOUR, 'in_transit', 0)).toBe(12 * HOUR);
    expect(nextPollDelay(10 * 24 * HOUR, 'out_for_delivery', 0)).toBe(HOUR);
    expect(nextPollDelay(1 * HOUR, 'created', 3)).toBe(30 * MIN + 20 * MIN);
    const ages = [1, 4, 12, 24, 48, 96].map((h) => nextPollDelay(h * HOUR, 'in_transit', 0));
    expect([...ages].sort((a, b) => a - b)).toEqual(ages);
  });
});

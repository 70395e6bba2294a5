import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { jdSign } from './sign';

describe('JD md5 sign', () => {
  const params = {
    method: 'jingdong.pop.order.search',
    app_key: 'APPKEY',
    access_token: 'TOKEN',
    timestamp: '2024-06-01 10:00:00',
    v: '2.0',
    sign_method: 'md5',
    '360buy_param_json': '{"start_date":"2024-06-01 09:00:00","page":"1"}',
  };

  it('hashes secret + sorted key/value pairs + secret, uppercase hex', () => {
    // Written out by hand: 360buy_param_json sorts first ('3' < 'a'), then access_token, app_key, method, sign_method, timestamp, v.
    const plain =
      'SECRET' +
      '360buy_param_json{"start_date":"2024-06-01 09:00:00","page":"1"}' +
      'access_tokenTOKEN' + 'app_keyAPPKEY' + 'methodjingdong.pop.order.search' +
      'sign_methodmd5' + 'timestamp2024-06-01 10:00:00' + 'v2.0' +
      'SECRET';
    const expected = createHash('md5').update(plain, 'utf8').digest('hex').toUpperCase();
    expect(jdSign(params, 'SECRET')).toBe(expected);
    expect(expected).toMatch(/^[0-9A-F]{32}$/);
  });

  it('matches the documented TOP/JOS algorithm on the published Taobao test vector (same md5 scheme)', () => {
    const topParams = {
      app_key: 'test', fields: 'nick', format: 'xml', method: 'taobao.user.seller.get',
      session: 'test', sign_method: 'md5', timestamp: '2013-05-06 13:52:03', v: '2.0',
    };
    expect(jdSign(topParams, 'test')).toBe('72CB4D809B375A54502C09360D879C64');
  });

  it('ignores an existing sign and empty values, and changes with the secret', () => {
    const withNoise = { ...params, sign: 'OLD', extra: '' };
    expect(jdSign(withNoise, 'SECRET')).toBe(jdSign(params, 'SECRET'));
    expect(jdSign(params, 'OTHER')).not.toBe(jdSign(params, 'SECRET'));
  });
});

import { describe, expect, it } from 'vitest';
import { canonicalParamJson, douyinSign } from './sign';

describe('Douyin (doudian) signing', () => {
  const paramJson = canonicalParamJson({
    update_time_start: 1717198200, update_time_end: 1717200000, size: 20, page: 0, order_by: 'update_time',
  });

  it('canonicalises param_json with sorted keys and no spaces', () => {
    expect(paramJson).toBe('{"order_by":"update_time","page":0,"size":20,"update_time_end":1717200000,"update_time_start":1717198200}');
    expect(canonicalParamJson({ b: { d: 1, c: [{ z: 1, a: '<&>' }] }, a: undefined })).toBe('{"b":{"c":[{"a":"<&>","z":1}],"d":1}}');
  });

  it('reproduces the computed HMAC-SHA256 example of PLATFORMS.md §3.1', () => {
    expect(douyinSign({ appKey: 'ak1', method: 'order.searchList', paramJson, timestamp: '1717200000' }, 'dsec'))
      .toBe('429dbdf2f75397bc9ffcc02a4dec78f57ce0b15c22c347f2ad337ebf1f113758');
  });

  it('md5 variant is lowercase 32 hex and differs from hmac', () => {
    const md5 = douyinSign({ appKey: 'ak1', method: 'order.searchList', paramJson, timestamp: '1717200000' }, 'dsec', 'md5');
    expect(md5).toMatch(/^[0-9a-f]{32}$/);
  });
});

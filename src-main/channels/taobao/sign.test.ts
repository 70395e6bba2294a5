import { describe, expect, it } from 'vitest';
import { topSign, topSignText } from './sign';

// The official TOP documentation example (PLATFORMS.md §1.3).
const official = {
  app_key: 'test', fields: 'nick', format: 'xml', method: 'taobao.user.seller.get',
  session: 'test', sign_method: 'md5', timestamp: '2013-05-06 13:52:03', v: '2.0',
};

describe('Taobao TOP signing', () => {
  it('builds the documented text to hash: sorted keys, key+value, no separators', () => {
    expect(topSignText(official)).toBe(
      'app_keytestfieldsnickformatxmlmethodtaobao.user.seller.getsessiontestsign_methodmd5timestamp2013-05-06 13:52:03v2.0',
    );
  });

  it('md5 reproduces the official vector 72CB4D809B375A54502C09360D879C64', () => {
    expect(topSign(official, 'test', 'md5')).toBe('72CB4D809B375A54502C09360D879C64');
  });

  it('hmac (HMAC-MD5) matches the computed vector for the same params', () => {
    expect(topSign({ ...official, sign_method: 'hmac' }, 'test', 'hmac')).toBe('FA15A9D5B42AB2D6F3397843851ED09A');
  });

  it('ignores empty values and an existing sign param, and signs raw UTF-8 (not URL-encoded)', () => {
    const withNoise = { ...official, sign: 'XYZ', partner_id: '', buyer_nick: undefined as unknown as string };
    expect(topSign(withNoise, 'test', 'md5')).toBe('72CB4D809B375A54502C09360D879C64');
    const zh = topSign({ ...official, buyer_nick: '张三' }, 'test', 'md5');
    expect(zh).toMatch(/^[0-9A-F]{32}$/);
    expect(zh).not.toBe(topSign({ ...official, buyer_nick: encodeURIComponent('张三') }, 'test', 'md5'));
  });

  it('hmac-sha256 gives 64 uppercase hex chars and depends on the secret', () => {
    const a = topSign(official, 'test', 'hmac-sha256');
    expect(a).toMatch(/^[0-9A-F]{64}$/);
    expect(a).not.toBe(topSign(official, 'other', 'hmac-sha256'));
  });
});

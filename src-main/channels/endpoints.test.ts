import { describe, expect, it } from 'vitest';
import { effectiveEndpoint, sameEndpoint, whyNotOfficial } from './endpoints';

const say = (_zh: string, en: string) => en;

describe("each platform's official hosts (PLATFORMS.md)", () => {
  it.each([
    ['taobao', 'https://eco.taobao.com/router/rest'],
    ['taobao', 'http://gw.api.taobao.com/router/rest'],
    ['taobao', 'http://gw.api.tbsandbox.com/router/rest'],
    ['pdd', 'https://gw-api.pinduoduo.com/api/router'],
    ['douyin', 'https://openapi-fxg.jinritemai.com'],
    ['jd', 'https://api.jd.com/routerjson'],
    ['youzan', 'https://open.youzanyun.com/api'],
    ['shopify', 'https://jane-doe.myshopify.com/admin/api/2024-04'],
    ['taobao', ''], // empty: the connector's own default
  ] as const)('%s accepts %s', (kind, url) => {
    expect(whyNotOfficial(kind, url, say)).toBeNull();
  });

  it.each([
    ['taobao', 'https://eco.taobao.com.attacker.example/router/rest'],
    ['taobao', 'https://attacker.example/eco.taobao.com/router/rest'],
    ['taobao', 'https://u:p@eco.taobao.com/router/rest'],
    ['taobao', 'https://eco.taobao.com:8443/router/rest'],
    ['taobao', 'https://gw-api.pinduoduo.com/api/router'], // another platform's host
    ['douyin', 'http://openapi-fxg.jinritemai.com'], // only https is documented
    ['shopify', 'https://jane.myshopify.com.attacker.example/admin/api/2024-04'],
    ['shopify', 'http://jane.myshopify.com/admin/api/2024-04'],
    ['shopify', 'https://a.b.myshopify.com/admin/api/2024-04'],
    ['shopify', ''], // no default: the shop's own address must be given
    ['generic', 'https://mall.example.com/orderhub/orders'], // no official host at all
    ['jd', 'not a url'],
  ] as const)('%s refuses %s', (kind, url) => {
    expect(whyNotOfficial(kind, url, say)).toMatch(/is not the platform's own|is not a URL|has no official host/);
  });

  it('compares endpoints as places, with the default standing for an empty one', () => {
    expect(effectiveEndpoint('taobao', ' ')).toBe('https://eco.taobao.com/router/rest');
    expect(sameEndpoint('taobao', '', 'https://ECO.taobao.com/router/rest/')).toBe(true);
    expect(sameEndpoint('shopify', 'https://a.myshopify.com/admin/api/2024-04', 'https://b.myshopify.com/admin/api/2024-04')).toBe(false);
    expect(sameEndpoint('generic', 'http://127.0.0.1:1/a', 'http://127.0.0.1:1/b')).toBe(false);
  });
});

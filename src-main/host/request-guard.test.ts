import { describe, expect, it } from 'vitest';
import { decodePath, MAX_JSON_DEPTH, nestingDepth } from './request-guard';

describe('request guard: paths and JSON depth', () => {
  it('decodes a path, and refuses bad escapes, NULs, lone surrogates and scheme-relative paths', () => {
    expect(decodePath('/api/auth.login')).toBe('/api/auth.login');
    expect(decodePath('/assets/%E8%AE%A2%E5%8D%95.js?x=1')).toBe('/assets/订单.js');
    for (const bad of ['/api/%E0%A4%A', '/%', '/a%00b', '/%ED%A0%80', '//evil.example/x', 'http://evil.example/', '']) expect(decodePath(bad), bad).toBeNull();
  });

  it('counts nesting outside strings only', () => {
    expect(nestingDepth('{"a":[1,{"b":2}]}')).toBe(3);
    expect(nestingDepth('{"a":"[[[[[[[[[[\\"[[[["}')).toBe(1);
    expect(nestingDepth('['.repeat(100_000))).toBe(MAX_JSON_DEPTH + 1); // stops counting once over
  });
});

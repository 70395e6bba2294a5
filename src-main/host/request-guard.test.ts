import { describe, expect, it } from 'vitest';
import { decodePath } from './request-guard';
import { MAX_JSON_DEPTH, nestingDepth } from '../kernel/json-body';

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
    // An escaped backslash ends before the quote: the string closes there and the brackets after it count.
    expect(nestingDepth('{"a":"x\\\\","b":[[1]]}')).toBe(3);
    expect(nestingDepth('{"a":"x\\\\\\"[[[","b":[1]}')).toBe(2);
    // An upload's megabytes of base64 are one string: brackets inside it never count.
    expect(nestingDepth(`{"file":"${'[{'.repeat(500_000)}","rows":[[1]]}`)).toBe(3);
  });
});

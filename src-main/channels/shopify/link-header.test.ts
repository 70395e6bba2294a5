import { describe, expect, it } from 'vitest';
import { nextPageInfo, parseLinkHeader } from './link-header';

const base = 'https://jane.myshopify.com/admin/api/2024-04/orders.json';

describe('Shopify Link header', () => {
  it('reads next and previous links with their page_info cursors', () => {
    const header = `<${base}?page_info=vwxyz&limit=250>; rel="next", <${base}?page_info=abcde&limit=250>; rel="previous"`;
    expect(parseLinkHeader(header)).toEqual({ next: `${base}?page_info=vwxyz&limit=250`, previous: `${base}?page_info=abcde&limit=250` });
    expect(nextPageInfo(header)).toBe('vwxyz');
  });

  it('on the last page there is only a previous link, so there is no next cursor', () => {
    expect(nextPageInfo(`<${base}?page_info=abcde&limit=250>; rel="previous"`)).toBeNull();
  });

  it('no header means one page', () => {
    expect(parseLinkHeader(null)).toEqual({});
    expect(nextPageInfo(null)).toBeNull();
  });

  it('keeps cursors with URL-encoded characters and commas inside the URL intact', () => {
    const cursor = 'eyJsYXN0X2lkIjo0NTA3ODk0NjksImxhc3RfdmFsdWUiOiIyMDI0LTA2LTAxIDEwOjAwOjAwIn0%3D';
    const header = `<${base}?limit=250&fields=id,name&page_info=${cursor}>; rel=next`;
    expect(nextPageInfo(header)).toBe('eyJsYXN0X2lkIjo0NTA3ODk0NjksImxhc3RfdmFsdWUiOiIyMDI0LTA2LTAxIDEwOjAwOjAwIn0=');
    expect(parseLinkHeader(header).next).toContain('fields=id,name');
  });
});

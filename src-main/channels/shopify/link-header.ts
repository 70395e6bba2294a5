/**
 * Shopify pages with a Link header:
 *   <https://{shop}.myshopify.com/admin/api/2024-04/orders.json?page_info=abc&limit=250>; rel="next",
 *   <…page_info=xyz…>; rel="previous"
 * No header at all means everything fitted on one page.
 */
export function parseLinkHeader(header: string | null): Record<string, string> {
  const links: Record<string, string> = {};
  if (!header) return links;
  // Split on commas that start a new <url>; URLs themselves may contain commas.
  for (const part of header.split(/,\s*(?=<)/)) {
    const m = /^\s*<([^>]*)>\s*((?:;\s*[^;]+)*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '');
    if (!rel) continue;
    for (const name of rel[1]!.trim().split(/\s+/)) links[name.toLowerCase()] = m[1]!;
  }
  return links;
}

/** The page_info cursor of the rel="next" link, or null on the last page. */
export function nextPageInfo(header: string | null): string | null {
  const next = parseLinkHeader(header).next;
  if (!next) return null;
  try {
    return new URL(next).searchParams.get('page_info');
  } catch {
    return null;
  }
}

import type { ChannelKind } from '../../src-shared/orders';
import type { Sqlite } from '../db';

export interface OrderFacets {
  channels: { id: string; name: string; kind: ChannelKind }[];
  warehouses: { id: string; name: string }[];
  tags: string[];
}

/**
 * Values for the grid's pick lists. Tags: the distinct tag sets are walked by seeking the
 * partial index on tagged orders (one seek per distinct set), never a scan of every order.
 */
export function orderFacets(sqlite: Sqlite): OrderFacets {
  const channels = sqlite.prepare('SELECT id, name, kind FROM channels ORDER BY kind, name').all() as OrderFacets['channels'];
  const warehouses = sqlite.prepare('SELECT id, name FROM warehouses ORDER BY code').all() as OrderFacets['warehouses'];
  const next = sqlite.prepare(`SELECT min(tags) FROM orders WHERE tags <> '[]' AND tags > ?`).pluck();
  const tags = new Set<string>();
  let cursor = '';
  for (let i = 0; i < 10_000; i++) {
    const set = next.get(cursor) as string | null;
    if (set === null) break;
    cursor = set;
    try {
      const parsed: unknown = JSON.parse(set);
      if (Array.isArray(parsed)) for (const t of parsed) if (typeof t === 'string') tags.add(t);
    } catch {
      // a malformed tags value is not a tag
    }
  }
  return { channels, warehouses, tags: [...tags].sort((a, b) => a.localeCompare(b, 'zh-CN')) };
}

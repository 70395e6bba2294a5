import type { Sqlite, WriteTx } from '../../db';
import { oldestFirst } from '../../kernel/sort';
import type { OrderFlow } from '../order-upsert';
import type { NormalizedLine } from '../normalized-order';

const WINDOW_MS = 10 * 60_000;

/**
 * Business duplicates: the same buyer ordering the same items within 10 minutes on the
 * same shop (a double tap, a re-submitted cart). The first order stays; the later one is
 * put on hold as 疑似重复 for a person to confirm or cancel. Nothing is ever deleted.
 */
export class DuplicateCheck {
  private readonly candidates;
  private readonly linesOf;

  constructor(sqlite: Sqlite, private readonly holds: OrderFlow['holds']) {
    this.candidates = sqlite.prepare(
      `SELECT id, created_at AS createdAt FROM orders
       WHERE customer_id = ? AND created_at BETWEEN ? AND ? AND channel_id = ? AND id <> ?
         AND status NOT IN ('cancelled', 'closed')`,
    );
    this.linesOf = sqlite.prepare('SELECT sku_code AS skuCode, title, qty, gift FROM order_lines WHERE order_id = ?');
  }

  /** Called for a newly created order; returns the id of the order put on hold, if any. */
  check(tx: WriteTx, o: { id: string; channelId: string; customerId: string | null; createdAt: number; lines: NormalizedLine[] }): string | null {
    if (!o.customerId || !o.lines.length) return null;
    const sig = signature(o.lines);
    // Oldest first, sorted here: ORDER BY's id tie-break needed a sorter per call (~20 µs, usually for no row).
    const rows = (this.candidates.all(o.customerId, o.createdAt - WINDOW_MS, o.createdAt + WINDOW_MS, o.channelId, o.id) as {
      id: string; createdAt: number;
    }[]).sort(oldestFirst((r) => r.createdAt));
    for (const r of rows) {
      if (signature(this.linesOf.all(r.id) as LineSig[]) !== sig) continue;
      // Keep the first: the one created earlier (ties: the one we already had).
      const newIsLater = o.createdAt >= r.createdAt;
      const laterId = newIsLater ? o.id : r.id;
      const firstId = newIsLater ? r.id : o.id;
      this.holds.open(tx, laterId, { type: 'suspect_duplicate', code: 'suspect_duplicate', params: { duplicateOf: firstId } });
      return laterId;
    }
    return null;
  }
}

type LineSig = Pick<NormalizedLine, 'skuCode' | 'title' | 'qty' | 'gift'>;

/** Same items: the same SKU (or title when there is no SKU code) and quantity, gifts aside. */
export function signature(lines: LineSig[]): string {
  return lines
    .filter((l) => !l.gift)
    .map((l) => `${l.skuCode || `title:${l.title}`}×${l.qty}`)
    .sort()
    .join('|');
}

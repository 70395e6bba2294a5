import type { HalfLifeGroup } from '../../src-shared/contract/board';
import type { MachineDefinition } from '../../src-shared/lifecycle';
import type { Sqlite } from '../db';
import type { HealthSource } from '../exceptions/health';
import { zoneClock } from '../rules/zone-clock';
import { BoardReader } from './board';
import { halfLifeGroups } from './half-life';
import { LowStock } from './low-stock';
import { OnTimeQuery } from './on-time';
import { OrderFigures } from './order-figures';

export type HalfLifeGroupBy = 'none' | 'type' | 'detector' | 'owner' | 'shop';

const GROUP_COLUMN: Record<HalfLifeGroupBy, string> = {
  none: `'all'`,
  type: 'type',
  detector: 'detector',
  owner: `CASE WHEN owner_user_id IS NOT NULL THEN 'u:' || owner_user_id ELSE 'r:' || coalesce(owner_role, '') END`,
  shop: `coalesce(channel_id, '')`,
};

/** Metrics and the board (#12 §2, §3), built once by the composition root. */
export class MetricsService {
  readonly orders: OrderFigures;
  readonly lowStock: LowStock;
  readonly onTime: OnTimeQuery;
  readonly board: BoardReader;
  readonly dayOf: (ms: number) => string;
  private readonly userName;
  private readonly shopName;
  private readonly whName;

  constructor(private readonly sqlite: Sqlite, deps: { zone: string; health: HealthSource[]; machine: (version: number) => MachineDefinition }) {
    const clock = zoneClock(deps.zone);
    this.dayOf = (ms) => clock(ms).day;
    this.orders = new OrderFigures(sqlite);
    this.lowStock = new LowStock(sqlite);
    this.onTime = new OnTimeQuery(sqlite, deps.machine);
    this.board = new BoardReader(sqlite, { orders: this.orders, lowStock: this.lowStock, health: deps.health, dayOf: this.dayOf });
    this.userName = sqlite.prepare('SELECT display_name FROM users WHERE id = ?').pluck();
    this.shopName = sqlite.prepare('SELECT name FROM channels WHERE id = ?').pluck();
    this.whName = sqlite.prepare('SELECT name FROM warehouses WHERE id = ?').pluck();
  }

  warehouseName(id: string): string | null {
    return (this.whName.get(id) as string | undefined) ?? null;
  }

  /** Exceptions opened in [from, to), grouped: read through the opened-at index. */
  halfLife(from: number, to: number, groupBy: HalfLifeGroupBy): HalfLifeGroup[] {
    const rows = this.sqlite.prepare(
      `SELECT opened_at AS openedAt, closed_at AS closedAt, ${GROUP_COLUMN[groupBy]} AS key FROM exceptions WHERE opened_at >= ? AND opened_at < ?`,
    ).all(from, to) as { openedAt: number; closedAt: number | null; key: string }[];
    return halfLifeGroups(rows, this.dayOf, (key) => this.label(groupBy, key));
  }

  label(groupBy: string, key: string): string | null {
    if (groupBy === 'owner' && key.startsWith('u:')) return (this.userName.get(key.slice(2)) as string | undefined) ?? null;
    if (groupBy === 'shop') return (this.shopName.get(key) as string | undefined) ?? null;
    if (groupBy === 'warehouse') return this.warehouseName(key);
    return null;
  }

  /** The zone's offset at `at` (ms east of UTC), for grouping by workspace day in SQL. */
  zoneOffset(at: number): number {
    const day = this.dayOf(at);
    const [y, m, d] = day.split('-').map(Number) as [number, number, number];
    const midnightUtc = Date.UTC(y, m - 1, d);
    // The zone's day starts `offset` before UTC's: find the hour where the day flips.
    for (let off = -14; off <= 14; off++) {
      if (this.dayOf(midnightUtc - off * 3_600_000) === day && this.dayOf(midnightUtc - off * 3_600_000 - 1) !== day) return off * 3_600_000;
    }
    return 0;
  }
}

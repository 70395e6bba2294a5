import { CARRIER_NAMES, type Carrier } from '../../../src-shared/shipping';
import type { ConfirmAnswer } from './types';

/** One entry of a platform's carrier list call: the code its shipment call takes, and the name it shows. */
export interface ListedCarrier {
  code: string;
  name: string;
}

/** Freight, cold-chain and cross-border services share the brand: never the parcel service we mean. */
const NOT_PARCEL = /快运|冷链|国际|跨境|重货|大件|同城|international|freight/i;

/**
 * Our carrier in a platform's own list, by its Chinese name (顺丰 → 顺丰速运, 中通 → 中通快递):
 * the parcel service, the shortest matching name first. null when the shop's list has none.
 */
export function pickListed(list: readonly ListedCarrier[], carrier: Carrier): string | null {
  const zh = CARRIER_NAMES[carrier].zh;
  const hits = list.filter((c) => c.name.includes(zh) && !NOT_PARCEL.test(c.name));
  hits.sort((a, b) => a.name.length - b.name.length);
  return hits[0]?.code ?? null;
}

/** Refused before sending: the shop's own carrier list has no such carrier (said in our words, both languages). */
export function notListed(carrier: Carrier, platform: string): ConfirmAnswer {
  return { kind: 'refused', platformCode: 'carrier_not_listed', message: `${platform}: ${carrier} is not in the shop's carrier list`, code: 'carrier_not_listed', params: { carrier, platform } };
}

const LIST_TTL_MS = 6 * 3600_000;

/**
 * A platform's carrier list per shop, read at most every few hours (PLATFORMS.md §9.7: "always
 * resolve codes at runtime from the list call"). Kept in memory: a restart reads it once again.
 */
export class CarrierLists {
  private readonly lists = new Map<string, { at: number; list: Promise<ListedCarrier[]> }>();

  async codeFor(shopKey: string, now: number, carrier: Carrier, load: () => Promise<ListedCarrier[]>): Promise<string | null> {
    let entry = this.lists.get(shopKey);
    if (!entry || now - entry.at > LIST_TTL_MS) {
      entry = { at: now, list: load() };
      this.lists.set(shopKey, entry);
      // A failed read is not kept: the next shipment asks again.
      const mine = entry;
      entry.list.catch(() => {
        if (this.lists.get(shopKey) === mine) this.lists.delete(shopKey);
      });
    }
    return pickListed(await entry.list, carrier);
  }
}

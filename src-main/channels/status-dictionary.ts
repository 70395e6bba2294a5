import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { PLATFORM_PHASES, type PlatformPhase } from '../../src-shared/orders';
import { resourcePath } from '../paths';

/**
 * Platform status words → the platform phase (unpaid, paid, shipped, ...), read from data files in
 * `resources/status/<platform>.json` so a new platform word is a data fix, not a code change.
 * An unknown word maps to null: the pipeline keeps the order with its raw status and flags it.
 */

/** Where an after-sale / refund sub-status stands, whatever the platform calls it. */
export const REFUND_STATES = ['none', 'requested', 'returning', 'refunding', 'exchanging', 'refused', 'closed', 'refunded'] as const;
export type RefundState = (typeof REFUND_STATES)[number];

const statusEntry = z
  .object({
    phase: z.enum(PLATFORM_PHASES),
    /** The platform says "paid, but do not ship yet" (拼团中, 锁定, 暂停): the order is held until the word changes. */
    pause: z.boolean().optional(),
    zh: z.string().min(1),
    /** The same word in English (English exports and screens). */
    en: z.string().min(1).optional(),
  })
  .strict();
const refundEntry = z
  .object({
    state: z.enum(REFUND_STATES),
    zh: z.string().min(1),
    en: z.string().min(1).optional(),
    /** A refund sub-status that decides the order's phase (PDD keeps order_status 1 after a full refund). */
    overrides: z.enum(PLATFORM_PHASES).optional(),
  })
  .strict();
const dictionaryFile = z
  .object({
    platform: z.string().min(1),
    source: z.string().optional(),
    status: z.record(z.string(), statusEntry),
    refund: z.record(z.string(), refundEntry).default({}),
  })
  .strict();

export type StatusEntry = z.infer<typeof statusEntry>;
export type RefundEntry = z.infer<typeof refundEntry>;

export interface StatusDictionary {
  readonly platform: string;
  /** The dictionary entry for a platform status word, or null when it is not documented here. */
  status(raw: string): StatusEntry | null;
  refund(raw: string): RefundEntry | null;
  /**
   * The platform phase of an order: a refund sub-status that overrides wins, else the
   * status word's mapping, else null (unmapped).
   */
  map(rawStatus: string, rawRefund?: string | null): PlatformPhase | null;
  /** True when the status word means "paid, but the platform forbids shipping for now". */
  paused(rawStatus: string): boolean;
  /** Every documented status word, for the channel screen and tests. */
  readonly statusWords: readonly string[];
  readonly refundWords: readonly string[];
}

export function parseStatusDictionary(json: unknown, origin: string): StatusDictionary {
  const parsed = dictionaryFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`status dictionary ${origin}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'invalid'}`);
  }
  const file = parsed.data;
  const own = <T>(table: Record<string, T>, key: string): T | null =>
    Object.prototype.hasOwnProperty.call(table, key) ? (table[key] as T) : null;
  return {
    platform: file.platform,
    status: (raw) => own(file.status, raw),
    refund: (raw) => own(file.refund, raw),
    map(rawStatus, rawRefund) {
      const override = rawRefund != null ? own(file.refund, rawRefund)?.overrides : undefined;
      if (override) return override;
      return own(file.status, rawStatus)?.phase ?? null;
    },
    paused: (rawStatus) => own(file.status, rawStatus)?.pause === true,
    statusWords: Object.keys(file.status),
    refundWords: Object.keys(file.refund),
  };
}

const cache = new Map<string, StatusDictionary>();

/** Loads (once) `resources/status/<platform>.json`; throws when the file is missing or malformed. */
export function statusDictionary(platform: string): StatusDictionary {
  let dict = cache.get(platform);
  if (!dict) {
    if (!/^[a-z0-9_-]+$/.test(platform)) throw new Error(`status dictionary: bad platform name ${JSON.stringify(platform)}`);
    const path = resourcePath('status', `${platform}.json`);
    dict = parseStatusDictionary(JSON.parse(readFileSync(path, 'utf8')), path);
    cache.set(platform, dict);
  }
  return dict;
}

/** Forget loaded files, so a dictionary fix is picked up by a re-process without a restart. */
export function reloadStatusDictionaries(): void {
  cache.clear();
}

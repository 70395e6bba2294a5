import { existsSync } from 'node:fs';
import type { Sqlite } from '../db';
import { resourcePath } from '../paths';
import { statusDictionary, type StatusDictionary } from './status-dictionary';

/**
 * A platform's status word as a merchant reads it: PDD's `1` is 待发货, Taobao's TRADE_FINISHED
 * is 交易成功. The words come from the status dictionaries (resources/status/<platform>.json) and
 * the workspace's own mappings (status_overrides); a word neither knows is shown as received.
 * Used by the order drawer and the finance export, so both say the same thing.
 */
export class StatusWords {
  private readonly override;

  constructor(sqlite: Sqlite) {
    this.override = sqlite.prepare('SELECT zh FROM status_overrides WHERE platform = ? AND platform_status = ?').pluck();
  }

  /** 交易成功 for (taobao, TRADE_FINISHED); the raw word when nothing names it. */
  status(kind: string, raw: string | null | undefined): string {
    if (!raw) return '';
    return dictionary(kind)?.status(raw)?.zh ?? (this.override.get(kind, raw) as string | undefined) ?? raw;
  }

  /** 退款成功 for (pdd, 4); the raw word when the dictionary does not name it. */
  refund(kind: string, raw: string | null | undefined): string | null {
    if (!raw) return null;
    return dictionary(kind)?.refund(raw)?.zh ?? raw;
  }
}

/** WeChat mini-programs and POS sheets have no dictionary file: their words are already people's words. */
function dictionary(kind: string): StatusDictionary | null {
  let has = present.get(kind);
  if (has === undefined) present.set(kind, (has = /^[a-z0-9_-]+$/.test(kind) && existsSync(resourcePath('status', `${kind}.json`))));
  return has ? statusDictionary(kind) : null;
}
const present = new Map<string, boolean>();

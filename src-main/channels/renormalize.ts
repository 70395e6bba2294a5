import type { ChannelKind } from '../../src-shared/orders';
import type { FetchedOrder } from './connector';
import { normalizeTaobaoTrade } from './taobao/normalize';
import { FieldError } from './wire/fields';
import { isObject, parsePlatformJson } from './wire/json';

type Renormalize = (raw: string) => FetchedOrder['result'];

/**
 * Re-reading a stored payload for connectors that do not (yet) expose `normalize(raw)`
 * themselves: the payload is the order node exactly as fetched, so the connector's own
 * normaliser runs on it again with today's code and status dictionary.
 */
export const RENORMALIZERS: Partial<Record<ChannelKind, Renormalize>> = {
  taobao: (raw) => {
    const node = parsePlatformJson(raw, 'taobao');
    if (!isObject(node)) return { ok: false, field: 'trade', value: raw.slice(0, 120), reason: 'expected an object' };
    try {
      return { ok: true, order: normalizeTaobaoTrade(node) };
    } catch (e) {
      if (e instanceof FieldError) return { ok: false, field: e.field, value: e.value, reason: e.reason };
      throw e;
    }
  },
};

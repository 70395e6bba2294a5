import { ApiError } from '../../src-shared/errors';
import type { ChannelKind } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import { DOUYIN_DEFAULT_ENDPOINT } from './douyin/connector';
import { JD_DEFAULT_ENDPOINT } from './jd/connector';
import { PDD_DEFAULT_ENDPOINT } from './pdd/connector';
import { TAOBAO_DEFAULT_ENDPOINT } from './taobao/connector';
import { YOUZAN_DEFAULT_ENDPOINT } from './youzan/connector';

/**
 * Where a channel may send its credentials. Each platform's official API origins
 * (PLATFORMS.md §1.1, §2.1, §3.1, §4.1, §4.2, §5); anything else — a sandbox proxy, a
 * simulator, a self-built mall's intake — only when the owner has turned on custom endpoints
 * for the workspace. The generic intake has no official host: it always needs that switch.
 */
export const OFFICIAL_ENDPOINTS: Partial<Record<ChannelKind, { origins: readonly string[]; pattern?: RegExp; default: string | null }>> = {
  taobao: { origins: ['http://gw.api.taobao.com', 'https://eco.taobao.com', 'http://gw.api.tbsandbox.com'], default: TAOBAO_DEFAULT_ENDPOINT },
  pdd: { origins: ['https://gw-api.pinduoduo.com', 'http://gw-api.pinduoduo.com'], default: PDD_DEFAULT_ENDPOINT },
  douyin: { origins: ['https://openapi-fxg.jinritemai.com'], default: DOUYIN_DEFAULT_ENDPOINT },
  jd: { origins: ['https://api.jd.com'], default: JD_DEFAULT_ENDPOINT },
  youzan: { origins: ['https://open.youzanyun.com'], default: YOUZAN_DEFAULT_ENDPOINT },
  // https://{shop}.myshopify.com/admin/api/{version}: one label before .myshopify.com
  shopify: { origins: [], pattern: /^https:\/\/[a-z0-9][a-z0-9-]{0,62}\.myshopify\.com$/, default: null },
  generic: { origins: [], default: null },
};

/** The settings row (synced, written through the write path, so audited) holding the switch. */
export const CUSTOM_ENDPOINTS_SETTING = 'channels.customEndpoints';

type Say = (zh: string, en: string) => string;

/** The endpoint a channel really calls: its own, or the platform's default when it has none. */
export function effectiveEndpoint(kind: ChannelKind, endpoint: unknown): string {
  const own = typeof endpoint === 'string' ? endpoint.trim() : '';
  return own || OFFICIAL_ENDPOINTS[kind]?.default || '';
}

/** Compare endpoints as URLs ("https://Eco.taobao.com/router/rest/" is the same place as without the slash). */
export function sameEndpoint(kind: ChannelKind, a: unknown, b: unknown): boolean {
  const norm = (v: unknown) => {
    const text = effectiveEndpoint(kind, v);
    try {
      const u = new URL(text);
      return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}${u.search}`;
    } catch {
      return text;
    }
  };
  return norm(a) === norm(b);
}

/** Null when the endpoint is the platform's own; otherwise why it is not, in both languages. */
export function whyNotOfficial(kind: ChannelKind, endpoint: unknown, say: Say): string | null {
  const text = effectiveEndpoint(kind, endpoint);
  const official = OFFICIAL_ENDPOINTS[kind];
  if (!official || (!official.origins.length && !official.pattern)) {
    return say(`${kind} 没有平台官方地址，接口地址须由老板开启“自定义接口地址”后填写`, `${kind} has no official host: its endpoint needs custom endpoints turned on by the owner`);
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return say(`接口地址 "${text}" 不是网址`, `endpoint "${text}" is not a URL`);
  }
  const origin = `${url.protocol}//${url.host.toLowerCase()}`;
  const ok = !url.username && !url.password && (official.origins.includes(origin) || (official.pattern?.test(origin) ?? false));
  if (ok) return null;
  const hosts = official.pattern ? 'https://{店铺}.myshopify.com' : official.origins.join('、');
  return say(
    `接口地址 "${origin}" 不是平台官方地址（${hosts}）；只有老板开启“自定义接口地址”后才能使用其他地址`,
    `endpoint "${origin}" is not the platform's own (${official.pattern ? 'https://{shop}.myshopify.com' : official.origins.join(', ')}); other hosts need custom endpoints turned on by the owner`,
  );
}

/** The workspace switch and the check every channel create, update, test and poll goes through. */
export class EndpointPolicy {
  private readonly read;

  constructor(private readonly db: Database) {
    this.read = db.sqlite.prepare(`SELECT value_json FROM settings WHERE id = ?`).pluck();
  }

  customEndpoints(): boolean {
    const json = this.read.get(CUSTOM_ENDPOINTS_SETTING) as string | undefined;
    if (!json) return false;
    try {
      return (JSON.parse(json) as { enabled?: unknown }).enabled === true;
    } catch {
      return false;
    }
  }

  /** Owner only (the handler checks); written through the write path, so the change is audited. */
  setCustomEndpoints(ctx: WriteContext, enabled: boolean, now = Date.now()): { enabled: boolean } {
    const valueJson = JSON.stringify({ enabled });
    const exists = this.read.get(CUSTOM_ENDPOINTS_SETTING) !== undefined;
    this.db.writes.run(ctx, (tx) => {
      if (exists) tx.update('settings', CUSTOM_ENDPOINTS_SETTING, { valueJson, updatedAt: now });
      else tx.insert('settings', { id: CUSTOM_ENDPOINTS_SETTING, valueJson, updatedAt: now });
    });
    return { enabled };
  }

  /** Null when the channel may call this endpoint now, else the reason. */
  refusal(kind: ChannelKind, endpoint: unknown, say: Say): string | null {
    if (this.customEndpoints()) {
      const text = effectiveEndpoint(kind, endpoint);
      if (!/^https?:\/\/[^/\s]+/i.test(text)) return say(`接口地址 "${text}" 不是 http(s) 网址`, `endpoint "${text}" is not an http(s) URL`);
      return null;
    }
    return whyNotOfficial(kind, endpoint, say);
  }

  /** For create/update: refuses with the field named. */
  check(kind: ChannelKind, endpoint: unknown, say: Say): void {
    const why = this.refusal(kind, endpoint, say);
    if (why) throw new ApiError('invalid_input', why, 'config.endpoint');
  }
}

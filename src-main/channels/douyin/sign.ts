import { createHash, createHmac } from 'node:crypto';

/**
 * param_json as the official SDKs send it: keys sorted at every level, no spaces, no HTML
 * escaping (Go's encoder with SetEscapeHTML(false); Python json.dumps(sort_keys, separators)).
 * The signature covers this exact text, so the body sent must be the same string.
 */
export function canonicalParamJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) {
      const x = (v as Record<string, unknown>)[k];
      if (x !== undefined) out[k] = sortKeys(x);
    }
    return out;
  }
  return v;
}

export interface DouyinSignInput {
  appKey: string;
  method: string;
  paramJson: string;
  timestamp: string;
  v?: string;
}

/** app_key…method…param_json…timestamp…v…, wrapped in the secret on both sides. */
export function douyinSignText(i: DouyinSignInput): string {
  return `app_key${i.appKey}method${i.method}param_json${i.paramJson}timestamp${i.timestamp}v${i.v ?? '2'}`;
}

/** sign_method hmac-sha256 (default) or md5; lowercase hex. */
export function douyinSign(i: DouyinSignInput, appSecret: string, signMethod: 'hmac-sha256' | 'md5' = 'hmac-sha256'): string {
  const wrapped = appSecret + douyinSignText(i) + appSecret;
  return signMethod === 'md5'
    ? createHash('md5').update(wrapped, 'utf8').digest('hex')
    : createHmac('sha256', Buffer.from(appSecret, 'utf8')).update(wrapped, 'utf8').digest('hex');
}

import { createHmac } from 'node:crypto';

/**
 * The two group robots on the wire (PLATFORMS.md §6): WeCom's webhook with its key in the URL, and
 * DingTalk's with access_token plus 加签 (timestamp + HMAC-SHA256 signature in the query). Both answer
 * HTTP 200 with {errcode, errmsg}, errors included.
 */

export const WECOM_ORIGIN = 'https://qyapi.weixin.qq.com';
export const DINGTALK_ORIGIN = 'https://oapi.dingtalk.com';

/** sign = urlencode(base64(HMAC_SHA256(secret, timestamp + "\n" + secret))); returned before urlencoding. */
export function dingtalkSign(timestampMs: number, secret: string): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** The URL to POST to: WeCom's as given; DingTalk's with timestamp and sign added when a secret is set. */
export function signedUrl(kind: 'wecom' | 'dingtalk', webhook: string, secret: string | undefined, now: number): string {
  if (kind !== 'dingtalk' || !secret) return webhook;
  const u = new URL(webhook);
  u.searchParams.set('timestamp', String(now));
  u.searchParams.set('sign', dingtalkSign(now, secret));
  return u.toString();
}

/** Markdown message bodies (WeCom: content ≤ 4096 bytes; DingTalk: title + text). */
export function messageBody(kind: 'wecom' | 'dingtalk', title: string, text: string, mention: string[]): string {
  if (kind === 'wecom') {
    return JSON.stringify({ msgtype: 'markdown', markdown: { content: text + mention.map((m) => ` <@${m}>`).join('') } });
  }
  const mobiles = mention.filter((m) => /^\d{11}$/.test(m));
  const ids = mention.filter((m) => !/^\d{11}$/.test(m));
  return JSON.stringify({
    msgtype: 'markdown',
    markdown: { title, text: text + mobiles.map((m) => ` @${m}`).join('') },
    at: { atMobiles: mobiles, atUserIds: ids, isAtAll: false },
  });
}

export type SendResult =
  | { ok: true }
  /** Try later: offline, server trouble, or the robot's rate limit (retryAfterMs). */
  | { ok: false; retry: true; retryAfterMs: number; error: string }
  /** Needs a person: bad key, bad signature, keyword missing, token gone. */
  | { ok: false; retry: false; error: string };

const RATE_LIMITED: Record<string, number> = { '45009': 60_000, '130101': 10 * 60_000 };

export function readReply(status: number, text: string): SendResult {
  let body: { errcode?: unknown; errmsg?: unknown };
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    return { ok: false, retry: true, retryAfterMs: 60_000, error: `HTTP ${status}: ${text.slice(0, 120)}` };
  }
  const code = String(body.errcode ?? (status === 200 ? '0' : status));
  if (code === '0') return { ok: true };
  const error = `${code} ${String(body.errmsg ?? '')}`.trim();
  if (RATE_LIMITED[code]) return { ok: false, retry: true, retryAfterMs: RATE_LIMITED[code]!, error };
  if (status >= 500 || code === '-1') return { ok: false, retry: true, retryAfterMs: 60_000, error };
  return { ok: false, retry: false, error };
}

export async function postMessage(url: string, body: string, fetchImpl: typeof fetch = fetch): Promise<SendResult> {
  try {
    const res = await fetchImpl(url, {
      method: 'POST', headers: { 'content-type': 'application/json;charset=utf-8' }, body, signal: AbortSignal.timeout(15_000),
    });
    return readReply(res.status, await res.text());
  } catch (e) {
    return { ok: false, retry: true, retryAfterMs: 30_000, error: `network: ${(e as Error).message}` };
  }
}

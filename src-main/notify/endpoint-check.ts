import type { Sqlite } from '../db';

/** The workspace switch the owner turns on for shops (channels/endpoints.ts keeps it in this settings row). */
const CUSTOM_ENDPOINTS_SETTING = 'channels.customEndpoints';

type Say = (zh: string, en: string) => string;

/**
 * Secrets (a robot's webhook key, the tracking account) go only to the service's official origins,
 * unless the owner has turned on custom endpoints for the workspace (a proxy, a simulator).
 * Null when `url` may be called, else why not in words.
 */
export function endpointRefusal(sqlite: Sqlite, url: string, official: readonly string[], say: Say): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return say(`地址 "${url.slice(0, 80)}" 不是网址`, `"${url.slice(0, 80)}" is not a URL`);
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return say(`地址 "${u.protocol}" 不是 http(s)`, `"${u.protocol}" is not http(s)`);
  if (u.username || u.password) return say('地址中不能包含用户名或密码', 'the address must not carry a user name or password');
  const origin = `${u.protocol}//${u.host.toLowerCase()}`;
  if (official.includes(origin)) return null;
  const json = sqlite.prepare('SELECT value_json FROM settings WHERE id = ?').pluck().get(CUSTOM_ENDPOINTS_SETTING) as string | undefined;
  let custom = false;
  try {
    custom = !!json && (JSON.parse(json) as { enabled?: unknown }).enabled === true;
  } catch {
    custom = false;
  }
  if (custom) return null;
  return say(
    `地址 "${origin}" 不是官方地址（${official.join('、')}）；只有老板开启“自定义接口地址”后才能使用其他地址`,
    `"${origin}" is not the official address (${official.join(', ')}); other hosts need custom endpoints turned on by the owner`,
  );
}

import { createHmac, timingSafeEqual } from 'node:crypto';
import { startRobotSim, type RobotSimBase } from './robot-common';

/**
 * DingTalk custom robot simulator with 加签 (PLATFORMS.md §6.2): POST /robot/send?access_token=…&
 * timestamp=<ms>&sign=<urlencoded base64 HMAC-SHA256(secret, timestamp + "\n" + secret)>. Errors with
 * HTTP 200: 40035 missing access_token, 300005 token is not exist, 310000 sign not match / invalid
 * timestamp (more than 1 hour off — the window is unconfirmed), 130101 send too fast (more than 20 a
 * minute; the robot is then throttled for 10 minutes).
 */
export interface DingtalkSim extends RobotSimBase {
  webhook(token: string): string;
}

export async function startDingtalkSim(opts: { robots: Record<string, string>; now?: () => number }): Promise<DingtalkSim> {
  const base = await startRobotSim(({ path, query, body, now }) => {
    const token = query.get('access_token');
    if (!token) return { robot: '', errcode: 40035, errmsg: '缺少参数 access_token' };
    const secret = opts.robots[token];
    if (path !== '/robot/send' || secret === undefined) return { robot: token, errcode: 300005, errmsg: 'token is not exist' };
    const ts = Number(query.get('timestamp'));
    if (!Number.isFinite(ts) || Math.abs(now - ts) > 3_600_000) return { robot: token, errcode: 310000, errmsg: 'invalid timestamp' };
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest();
    // URLSearchParams has already url-decoded the sign once, as the server does.
    const given = Buffer.from(query.get('sign') ?? '', 'base64');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { robot: token, errcode: 310000, errmsg: 'sign not match' };
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { robot: token, errcode: 40035, errmsg: 'param error' };
    }
    const text = msg.msgtype === 'markdown' ? (msg.markdown as { text?: unknown })?.text : msg.msgtype === 'text' ? (msg.text as { content?: unknown })?.content : undefined;
    if (typeof text !== 'string') return { robot: token, errcode: 40035, errmsg: 'param error' };
    return { robot: token, errcode: 0, message: msg, text };
  }, opts.now ?? Date.now, 20, 10 * 60_000, 130101, 'send too fast, exceed 20 times per minute');
  return Object.assign(base, { webhook: (token: string) => `${base.url}/robot/send?access_token=${encodeURIComponent(token)}` });
}

import { startRobotSim, type RobotSimBase } from './robot-common';

/**
 * WeCom (企业微信) group robot simulator (PLATFORMS.md §6.1): POST /cgi-bin/webhook/send?key=…,
 * JSON body; text content ≤ 2048 bytes, markdown ≤ 4096; errors come with HTTP 200:
 * 93000 invalid webhook key, 40008 invalid message type, 45009 api freq out of limit (20 a minute
 * per robot). Assumed (not in the copies of the docs we have): 40058 for over-long content.
 */
export interface WecomSim extends RobotSimBase {
  /** A webhook URL for one of the robot keys. */
  webhook(key: string): string;
}

export async function startWecomSim(opts: { keys: string[]; now?: () => number }): Promise<WecomSim> {
  const keys = new Set(opts.keys);
  const base = await startRobotSim(({ path, query, body }) => {
    const key = query.get('key') ?? '';
    if (path !== '/cgi-bin/webhook/send' || !keys.has(key)) return { robot: key, errcode: 93000, errmsg: 'invalid webhook url, hint: [1700000000_1_x], from ip: 127.0.0.1' };
    let msg: Record<string, unknown>;
    try {
      msg = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { robot: key, errcode: 40008, errmsg: 'invalid message type' };
    }
    const type = msg.msgtype;
    const content = type === 'markdown' ? (msg.markdown as { content?: unknown })?.content : type === 'text' ? (msg.text as { content?: unknown })?.content : undefined;
    if (typeof content !== 'string') return { robot: key, errcode: 40008, errmsg: 'invalid message type' };
    if (Buffer.byteLength(content, 'utf8') > (type === 'markdown' ? 4096 : 2048)) return { robot: key, errcode: 40058, errmsg: `${String(type)}.content exceed max length` };
    return { robot: key, errcode: 0, message: msg, text: content };
  }, opts.now ?? Date.now, 20, 0, 45009, 'api freq out of limit');
  return Object.assign(base, { webhook: (key: string) => `${base.url}/cgi-bin/webhook/send?key=${encodeURIComponent(key)}` });
}

import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * What the WeCom and DingTalk robot simulators share: a real HTTP server on 127.0.0.1 (port 0)
 * with a clock the test controls, a per-robot sliding-minute counter, a log of the messages each
 * robot accepted (with the delivery id OrderHub puts in the text), and two ways to misbehave:
 * `offline` (the connection is cut before any answer) and `stallNext` (the message is accepted
 * and recorded, but the answer never comes — the window a crash test kills the sender in).
 */
export interface RobotMessage {
  robot: string;
  at: number;
  body: Record<string, unknown>;
  text: string;
  /** The "编号 <uuid>" OrderHub writes at the end of every message. */
  deliveryId: string | null;
}

export interface RobotSimBase {
  url: string;
  /** Messages each robot accepted, in order. */
  accepted: RobotMessage[];
  /** Requests refused for the rate limit (should stay 0 for a well-behaved sender). */
  rateLimited: number;
  /** Every request, accepted or refused, with its error code. */
  requests: { robot: string; at: number; errcode: number }[];
  offline: boolean;
  /** The next N accepted messages get no answer (the request hangs until stop()). */
  stallNext: number;
  /** Resolves when a stalled message has been recorded. */
  stalled(): Promise<RobotMessage>;
  /** Most messages any robot accepted within one sliding 60 s window. */
  maxPerMinute(robot: string): number;
  stop(): Promise<void>;
}

export type RobotHandler = (req: { path: string; query: URLSearchParams; body: string; now: number }) =>
  | { robot: string; errcode: 0; message: Record<string, unknown>; text: string }
  | { robot: string; errcode: number; errmsg: string; message?: undefined; text?: undefined };

export async function startRobotSim(handler: RobotHandler, now: () => number, limitPerMinute: number, throttleMs: number, limitCode: number, limitMsg: string): Promise<RobotSimBase> {
  const accepted: RobotMessage[] = [];
  const requests: RobotSimBase['requests'] = [];
  const hanging = new Set<ServerResponse>();
  const waiters: ((m: RobotMessage) => void)[] = [];
  const throttledUntil = new Map<string, number>();
  const sim: RobotSimBase = {
    url: '', accepted, requests, rateLimited: 0, offline: false, stallNext: 0,
    stalled: () => new Promise((r) => waiters.push(r)),
    maxPerMinute: (robot) => {
      const times = accepted.filter((m) => m.robot === robot).map((m) => m.at).sort((a, b) => a - b);
      let best = 0;
      for (let i = 0, j = 0; i < times.length; i++) {
        while (times[i]! - times[j]! >= 60_000) j++;
        best = Math.max(best, i - j + 1);
      }
      return best;
    },
    stop: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
  const answer = (res: ServerResponse, body: unknown) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (sim.offline) {
        res.destroy();
        return;
      }
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const t = now();
      const r = handler({ path: url.pathname, query: url.searchParams, body: Buffer.concat(chunks).toString('utf8'), now: t });
      if (!('text' in r) || r.text === undefined) {
        requests.push({ robot: r.robot, at: t, errcode: r.errcode });
        return answer(res, { errcode: r.errcode, errmsg: (r as { errmsg: string }).errmsg });
      }
      // The platform's rate limit: N messages per robot in any minute; past it, refused (and, for DingTalk, throttled for a while).
      const recent = accepted.filter((m) => m.robot === r.robot && t - m.at < 60_000).length;
      if ((throttledUntil.get(r.robot) ?? 0) > t || recent >= limitPerMinute) {
        sim.rateLimited++;
        if (throttleMs) throttledUntil.set(r.robot, t + throttleMs);
        requests.push({ robot: r.robot, at: t, errcode: limitCode });
        return answer(res, { errcode: limitCode, errmsg: limitMsg });
      }
      const m: RobotMessage = { robot: r.robot, at: t, body: r.message, text: r.text, deliveryId: /编号 ([0-9a-f-]{36})/.exec(r.text)?.[1] ?? null };
      accepted.push(m);
      requests.push({ robot: r.robot, at: t, errcode: 0 });
      if (sim.stallNext > 0) {
        sim.stallNext--;
        hanging.add(res);
        for (const w of waiters.splice(0)) w(m);
        return;
      }
      answer(res, { errcode: 0, errmsg: 'ok' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  sim.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return sim;
}

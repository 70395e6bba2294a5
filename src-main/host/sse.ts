import type { IncomingMessage, ServerResponse } from 'node:http';
import { HTTP_STATUS } from '../../src-shared/errors';
import type { Core } from '../core/core';
import type { Locale } from '../kernel/i18n';
import { json } from './respond';

/** A comment line every so often keeps proxies and the browser from dropping an idle stream. */
const HEARTBEAT_MS = 15_000;

/**
 * The front hands one event to every open stream in turn: it is serialized once, not once per
 * stream (an import's orders.changed carries hundreds of ids per batch).
 */
let last: { payload: unknown; text: string } | null = null;
function serialized(payload: unknown): string {
  if (last === null || last.payload !== payload) last = { payload, text: JSON.stringify(payload) };
  return last.text;
}

/**
 * `GET /api/events` with `Authorization: Bearer <token>`: Server-Sent Events, one per committed
 * change the session may see (`event: orders.changed`, `data: {...}`). The stream ends when the
 * session ends; the browser's client then reconnects, is refused with 401 and signs out.
 */
export async function serveEvents(core: Core, req: IncomingMessage, res: ServerResponse, token: string | null, locale: Locale): Promise<void> {
  let open = true;
  const write = (chunk: string) => {
    if (open) res.write(chunk);
  };
  const opened = await core.subscribe(token, {
    deliver: (name, payload) => write(`event: ${name}\ndata: ${serialized(payload)}\n\n`),
    end: () => {
      open = false;
      res.end();
    },
  }, locale);
  if ('error' in opened) return json(res, HTTP_STATUS[opened.error.code], opened);
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    Connection: 'keep-alive',
    'X-Accel-Buffering': 'no',
  });
  res.flushHeaders();
  write('retry: 2000\n: connected\n\n');
  const heartbeat = setInterval(() => write(': ping\n\n'), HEARTBEAT_MS);
  heartbeat.unref?.();
  const stop = () => {
    open = false;
    clearInterval(heartbeat);
    opened.data.close();
  };
  req.on('close', stop);
  res.on('close', stop);
}

import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { CALL_NAMES, contract } from '../../src-shared/contract';
import { HTTP_STATUS } from '../../src-shared/errors';
import type { Api } from '../kernel/dispatch';
import type { Core } from '../core/core';
import { json } from './respond';
import { serveEvents } from './sse';
import { CONTENT_SECURITY_POLICY } from '../security-policy';
import { createRequestGuard } from './request-guard';
import { dispatchParsed } from '../kernel/json-body';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon', '.json': 'application/json', '.woff2': 'font/woff2',
};

export interface HostOptions {
  /** The core (front + workers) or, in tests, a single-process app's dispatcher. */
  api: Api | Core;
  version: string;
  rendererDir: string;
  port?: number;
  host?: string;
  /** Names besides 127.0.0.1/localhost the host answers to (`--allow-host`). */
  allowedHosts?: string[] | undefined;
}

/**
 * The headless host: the same dispatcher over HTTP on 127.0.0.1, plus the built renderer and the
 * event stream. It does nothing of its own: every call goes through api.dispatch (the core's
 * front, which runs no SQL), so /healthz and other users are answered while workers are busy.
 */
export async function startHttpHost(opts: HostOptions): Promise<{ server: Server; url: string; close(): Promise<void> }> {
  const catalogue = CALL_NAMES.map((name) => ({
    name,
    access: contract[name].access,
    summary: contract[name].summary,
    input: z.toJSONSchema(contract[name].input, { io: 'input', unrepresentable: 'any' }),
  }));

  const guard = createRequestGuard({
    port: () => (server.address() as AddressInfo).port,
    allowedHosts: opts.allowedHosts,
    mayCall: (call, token) => opts.api.mayCall(call, token),
  });

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) json(res, 500, { error: { code: 'internal', message: String(e) } });
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const checked = guard.check(req, res); // Host, Origin, URL, JSON content type: refused here
    if (!checked) return;
    const url = { pathname: checked.path };
    res.setHeader('X-Content-Type-Options', 'nosniff');
    const core = 'subscribe' in opts.api ? opts.api : null;
    if (url.pathname === '/healthz') return json(res, 200, { ok: true, version: opts.version, ...(core ? { core: core.status() } : {}) });
    if (url.pathname === '/api/events') {
      if (req.method !== 'GET') return json(res, 405, { error: { code: 'invalid_input', message: 'use GET' } });
      if (!core) return json(res, 404, { error: { code: 'not_found', message: 'this host has no event stream' } });
      return serveEvents(core, req, res, checked.token, checked.locale);
    }
    if (url.pathname === '/api' && req.method === 'GET') return json(res, 200, { version: opts.version, calls: catalogue });
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return json(res, 405, { error: { code: 'invalid_input', message: 'use POST' } });
      const name = checked.call!;
      const body = await checked.readBody(); // 1 MB before sign-in; uploads their own cap
      if (!body) return;
      const { token, locale, source } = checked;
      const result = 'json' in body
        ? await (core ? core.dispatchJson(name, body.json, token, locale, source) : dispatchParsed(opts.api, name, body.json, token, locale, source))
        : await opts.api.dispatch(name, body.value, token, locale, source);
      return json(res, 'error' in result ? HTTP_STATUS[result.error.code] : 200, result);
    }
    return serveStatic(url.pathname, res);
  }

  function serveStatic(pathname: string, res: ServerResponse) {
    const root = normalize(opts.rendererDir + sep);
    let file = normalize(join(root, pathname));
    if (!file.startsWith(root)) return json(res, 404, { error: { code: 'not_found', message: 'not found' } });
    if (!existsSync(file) || statSync(file).isDirectory()) file = join(root, 'index.html'); // client-side routes
    if (!existsSync(file)) return json(res, 404, { error: { code: 'not_found', message: 'renderer not built: run npm run build' } });
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'Cache-Control': file.endsWith('index.html') ? 'no-cache' : 'max-age=31536000, immutable',
    });
    createReadStream(file).pipe(res);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    server,
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

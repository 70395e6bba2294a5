import { createServer as createHttp, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttps } from 'node:https';
import type { AddressInfo } from 'node:net';
import { ZodError } from 'zod';
import type { Store } from './db/store';
import { migrateCloud } from './db/schema';
import { CloudError } from './errors';
import { PokeHub } from './poke';
import { ROUTES } from './routes';

export interface CloudOptions {
  store: Store;
  host?: string;
  port?: number;
  /** PEM key and certificate: serve HTTPS instead of HTTP. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** Largest request body accepted (push batches of full orders). */
  maxBodyBytes?: number;
  log?: (message: string) => void;
}

export interface CloudServer {
  url: string;
  server: Server;
  hub: PokeHub;
  close(): Promise<void>;
}

/**
 * One instance of the cloud service. It keeps no state of its own beyond open event streams:
 * every request reads and writes the database, so several instances can serve one database.
 */
export async function startCloud(o: CloudOptions): Promise<CloudServer> {
  await migrateCloud(o.store);
  const hub = new PokeHub();
  await hub.start(o.store);
  const max = o.maxBodyBytes ?? 64 * 1024 * 1024;
  const handler = (req: IncomingMessage, res: ServerResponse) => void serve(req, res, o.store, hub, max, o.log);
  const server = o.tls ? createHttps({ key: o.tls.key, cert: o.tls.cert }, handler) : createHttp(handler);
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(o.port ?? 0, o.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const url = `${o.tls ? 'https' : 'http'}://${o.host ?? '127.0.0.1'}:${port}`;
  return {
    url,
    server,
    hub,
    close: async () => {
      await hub.stop();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function serve(req: IncomingMessage, res: ServerResponse, store: Store, hub: PokeHub, max: number, log?: (m: string) => void): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://x');
  const route = ROUTES.find((r) => r.method === req.method && r.path === url.pathname);
  try {
    if (!route) throw new CloudError(404, 'not_found', `no endpoint ${req.method} ${url.pathname}`);
    const auth = req.headers.authorization;
    const token = auth?.startsWith('Bearer ') ? auth.slice(7).trim() : null;
    const body = req.method === 'POST' ? await readJson(req, max) : undefined;
    const result = await route.handle({ store, hub, token, body, query: Object.fromEntries(url.searchParams), res });
    if (result === undefined) return;
    send(res, 200, result);
  } catch (e) {
    if (e instanceof CloudError) return send(res, e.status, { error: { code: e.code, message: e.message, ...(e.field ? { field: e.field } : {}) } });
    if (e instanceof ZodError) {
      const issue = e.issues[0];
      return send(res, 400, { error: { code: 'invalid_input', message: issue?.message ?? 'invalid input', field: issue?.path.join('.') } });
    }
    log?.(`${req.method} ${url.pathname} failed: ${e instanceof Error ? e.stack : String(e)}`);
    send(res, 500, { error: { code: 'internal', message: 'internal error (logged)' } });
  }
}

function send(res: ServerResponse, status: number, body: unknown): void {
  if (res.headersSent) return;
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), 'cache-control': 'no-store' });
  res.end(text);
}

async function readJson(req: IncomingMessage, max: number): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw new CloudError(413, 'too_large', `request body over ${max} bytes`);
    chunks.push(chunk as Buffer);
  }
  if (!size) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new CloudError(400, 'invalid_json', 'the request body is not JSON');
  }
}

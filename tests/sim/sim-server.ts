import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The HTTP part every platform simulator shares: a real node:http server on 127.0.0.1, port 0,
 * a request log tests can inspect (what was actually sent), and the transport-level
 * misbehaviours (HTTP 500, truncated JSON, slow answers) applied around the platform handler.
 */
export interface SimRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  body: string;
  at: number;
  /** The platform params as the simulator read them (query + body), filled by the handler. */
  params: Record<string, string>;
  /** The platform's API name (taobao method, pdd type, douyin method), filled by the handler. */
  api?: string;
}

export interface SimReply {
  status?: number;
  body: string;
  headers?: Record<string, string>;
}

export interface SimLogEntry extends SimRequest {
  status: number;
  /** What the simulator did on purpose, if anything ('http_500', 'rate_limit', ...). */
  fault?: string;
}

export interface SimServer {
  url: string;
  requests: SimLogEntry[];
  stop(): Promise<void>;
}

export type SimHandler = (req: SimRequest) => Promise<SimReply & { fault?: string }> | (SimReply & { fault?: string });

export async function startSimServer(handler: SimHandler, now: () => number = Date.now): Promise<SimServer> {
  const requests: SimLogEntry[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const simReq: SimRequest = {
        method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'), at: now(), params: {},
      };
      Promise.resolve()
        .then(() => handler(simReq))
        .catch((e: unknown): SimReply & { fault?: string } => ({ status: 500, body: `simulator bug: ${(e as Error).stack ?? String(e)}` }))
        .then((reply) => {
          const status = reply.status ?? 200;
          requests.push({ ...simReq, status, fault: 'fault' in reply ? reply.fault : undefined });
          if (res.destroyed) return;
          res.writeHead(status, { 'content-type': 'application/json;charset=UTF-8', ...reply.headers });
          res.end(reply.body);
        });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Reads params from the query string and a form or JSON body, as the platforms accept them. */
export function readParams(req: SimRequest): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [k, v] of req.query) params[k] = v;
  const type = String(req.headers['content-type'] ?? '');
  if (req.body && type.includes('application/x-www-form-urlencoded')) {
    for (const [k, v] of new URLSearchParams(req.body)) params[k] = v;
  } else if (req.body && type.includes('json')) {
    const parsed = JSON.parse(req.body) as Record<string, unknown>;
    for (const [k, v] of Object.entries(parsed)) {
      if (v === null || v === undefined) continue;
      params[k] = typeof v === 'object' ? JSON.stringify(v) : String(v);
    }
  }
  return params;
}

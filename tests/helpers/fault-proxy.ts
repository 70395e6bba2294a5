import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A proxy in front of the cloud instances, one per simulated PC, that misbehaves on request:
 * offline windows (connections dropped), answers lost after the cloud applied the request, and
 * requests delivered twice. Counts what it did so the test can say the faults happened.
 */
export class FaultProxy {
  offline = false;
  dropRate = 0;
  duplicateRate = 0;
  readonly counts = { requests: 0, refusedOffline: 0, dropped: 0, duplicated: 0, upstreamDown: 0 };
  private server!: Server;
  url = '';

  constructor(
    /** The live instances' URLs (the test changes them as it kills and restarts instances). */
    private readonly upstreams: () => string[],
    private readonly random: () => number,
  ) {}

  async start(): Promise<void> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((r) => this.server.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((r) => this.server.close(() => r()));
  }

  /** Ends every open connection (the event streams) as an outage would. */
  cut(): void {
    this.server.closeAllConnections();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    this.counts.requests++;
    if (this.offline) {
      this.counts.refusedOffline++;
      req.socket.destroy();
      return;
    }
    const ups = this.upstreams();
    if (!ups.length) {
      this.counts.upstreamDown++;
      req.socket.destroy();
      return;
    }
    const target = ups[Math.floor(this.random() * ups.length)]!;
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks);
    if (req.url?.startsWith('/v1/events')) return this.stream(target, req, res);
    try {
      let answer = await forward(target, req, body);
      if (req.method === 'POST' && this.random() < this.duplicateRate) {
        this.counts.duplicated++;
        answer = await forward(target, req, body); // the same request arrives twice; the PC sees the second answer
      }
      if (this.random() < this.dropRate) {
        this.counts.dropped++;
        req.socket.destroy(); // the cloud did the work; the PC never hears about it
        return;
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    } catch {
      this.counts.upstreamDown++;
      req.socket.destroy();
    }
  }

  private stream(target: string, req: IncomingMessage, res: ServerResponse): void {
    const up = request(`${target}${req.url}`, { method: 'GET', headers: { authorization: req.headers.authorization ?? '' } }, (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
      r.on('error', () => res.destroy());
    });
    up.on('error', () => res.destroy());
    res.on('close', () => up.destroy());
    up.end();
  }
}

function forward(target: string, req: IncomingMessage, body: Buffer): Promise<{ status: number; headers: Record<string, string>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const up = request(`${target}${req.url}`, {
      method: req.method,
      headers: { 'content-type': 'application/json', authorization: req.headers.authorization ?? '', 'content-length': String(body.length) },
      timeout: 30_000,
    }, (r) => {
      const parts: Buffer[] = [];
      r.on('data', (c: Buffer) => parts.push(c));
      r.on('end', () => resolve({ status: r.statusCode ?? 502, headers: { 'content-type': String(r.headers['content-type'] ?? 'application/json') }, body: Buffer.concat(parts) }));
      r.on('error', reject);
    });
    up.on('error', reject);
    up.on('timeout', () => up.destroy(new Error('timeout')));
    up.end(body);
  });
}

import type { ServerResponse } from 'node:http';
import type { Store } from './db/store';
import { POKE_CHANNEL } from './push';

/**
 * Server-Sent Events to enrolled PCs: a push on any instance NOTIFYs the database, every
 * instance LISTENs and pokes its own connected devices of that workspace, which then pull.
 * A poke carries no data (pulls are the one way changes travel), only the newest seq.
 */
export class PokeHub {
  private readonly clients = new Map<string, Set<{ res: ServerResponse; deviceId: string }>>();
  private unlisten: (() => Promise<void>) | null = null;
  private keepalive: ReturnType<typeof setInterval> | null = null;

  async start(store: Store): Promise<void> {
    this.unlisten = await store.listen(POKE_CHANNEL, (payload) => {
      const [ws, seq] = payload.split(':');
      if (ws) this.poke(ws, Number(seq));
    });
    // Comments keep proxies and NATs from closing an idle stream.
    this.keepalive = setInterval(() => this.each((c) => c.res.write(': keepalive\n\n')), 15_000);
    this.keepalive.unref();
  }

  attach(workspaceId: string, deviceId: string, res: ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const set = this.clients.get(workspaceId) ?? new Set();
    const client = { res, deviceId };
    set.add(client);
    this.clients.set(workspaceId, set);
    res.on('close', () => set.delete(client));
  }

  poke(workspaceId: string, seq: number): void {
    for (const c of this.clients.get(workspaceId) ?? []) c.res.write(`event: poke\ndata: ${JSON.stringify({ seq })}\n\n`);
  }

  connected(): number {
    let n = 0;
    this.each(() => n++);
    return n;
  }

  async stop(): Promise<void> {
    if (this.keepalive) clearInterval(this.keepalive);
    this.each((c) => c.res.end());
    this.clients.clear();
    await this.unlisten?.();
  }

  private each(fn: (c: { res: ServerResponse; deviceId: string }) => void): void {
    for (const set of this.clients.values()) for (const c of set) fn(c);
  }
}

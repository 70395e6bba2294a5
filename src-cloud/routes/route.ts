import type { ServerResponse } from 'node:http';
import type { Store } from '../db/store';
import type { PokeHub } from '../poke';

export interface RouteContext {
  store: Store;
  hub: PokeHub;
  /** The bearer token (a device's), if any. */
  token: string | null;
  body: unknown;
  query: Record<string, string>;
  res: ServerResponse;
}

/** One endpoint. A handler returns the JSON answer, or undefined when it wrote the response itself (SSE). */
export interface Route {
  method: 'GET' | 'POST';
  path: string;
  handle(ctx: RouteContext): Promise<unknown>;
}

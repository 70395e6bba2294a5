import { expect } from 'vitest';
import { ConnectorError, type ConnectorContext, type FetchedOrder } from '../../src-main/channels/connector';
import type { NormalizedOrder } from '../../src-main/ingest/normalized-order';

/** A connector context pointed at a simulator, sharing the simulator's clock. */
export function simContext(endpoint: string, credentials: Record<string, string>, now: () => number = Date.now): ConnectorContext {
  return { endpoint, credentials, fetch: globalThis.fetch, now };
}

/** The ConnectorError a call rejects with (fails the test if it resolves). */
export async function rejection(p: Promise<unknown>): Promise<{ kind: string; message: string; detail: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    const err = e as { kind?: string; message: string; detail?: Record<string, unknown> };
    return { kind: err.kind ?? `not a ConnectorError: ${err.message}`, message: err.message, detail: err.detail ?? {} };
  }
  throw new Error('expected the call to fail, but it succeeded');
}

/** Asserts the call rejects with a real ConnectorError of this kind, and returns it. */
export async function expectKind(p: Promise<unknown>, kind: string): Promise<ConnectorError> {
  const e = await p.then(() => null, (x: unknown) => x);
  expect(e).toBeInstanceOf(ConnectorError);
  expect((e as ConnectorError).kind).toBe(kind);
  return e as ConnectorError;
}

/** The normalised order fetched for one platform id (throws, naming the result, if missing or invalid). */
export function orderOf(items: FetchedOrder[], id: string): NormalizedOrder {
  const it = items.find((x) => x.platformOrderId === id);
  if (!it || !it.result.ok) throw new Error(`order ${id} missing or invalid: ${JSON.stringify(it?.result)}`);
  return it.result.order;
}

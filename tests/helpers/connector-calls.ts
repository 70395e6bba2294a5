import type { ConnectorContext } from '../../src-main/channels/connector';

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

/**
 * Pushed events for the screens: the preload's `orderhub.on` in Electron, Server-Sent Events
 * from the headless host otherwise (fetch with the Bearer token: EventSource cannot send one).
 * One connection serves every listener; it reconnects with backoff and reports its state.
 */
import type { EventName, EventPayload } from '../../src-shared/contract';
import { CONNECTION_EVENT, type ConnectionState } from '../../src-shared/client';
import { notifySessionExpired, tokenStore } from './client';

type Listener = (payload: unknown) => void;
const listeners = new Map<string, Set<Listener>>();
let stream: AbortController | null = null;
let state: ConnectionState | null = null;

function emit(name: string, payload: unknown): void {
  for (const l of listeners.get(name) ?? []) l(payload);
}

function setState(next: ConnectionState): void {
  if (state === next) return;
  state = next;
  emit(CONNECTION_EVENT, next);
}

function listen(name: string, fn: Listener): () => void {
  if (window.orderhub) return window.orderhub.on(name, fn);
  let set = listeners.get(name);
  if (!set) listeners.set(name, (set = new Set()));
  set.add(fn);
  if (!stream) restartEvents();
  return () => void set.delete(fn);
}

export function onEvent<K extends EventName>(name: K, fn: (payload: EventPayload<K>) => void): () => void {
  return listen(name, fn as Listener);
}

/** 'reconnecting' while the link to the core is down, 'connected' when it is (back). */
export function onConnection(fn: (state: ConnectionState) => void): () => void {
  return listen(CONNECTION_EVENT, fn as Listener);
}

/** (Re)opens the stream for the current token: after sign-in, sign-out, or an expired session. */
export function restartEvents(): void {
  stream?.abort();
  stream = null;
  if (window.orderhub || !tokenStore.get()) return;
  const ctl = new AbortController();
  stream = ctl;
  void run(ctl.signal);
}

/**
 * A tab hidden for a while gives its connection back: a browser opens at most six to one host, and
 * each open stream holds one (a seventh tab would wait for ever). Seen again, it reconnects and
 * refetches what it shows, as after any reconnect.
 */
const HIDDEN_CLOSE_MS = 30_000;
let hiddenTimer: ReturnType<typeof setTimeout> | null = null;
let closedWhileHidden = false;
if (typeof document !== 'undefined') {
  document.addEventListener('visibilitychange', () => {
    if (window.orderhub) return;
    if (document.visibilityState === 'hidden') {
      hiddenTimer ??= setTimeout(() => {
        hiddenTimer = null;
        if (!stream || document.visibilityState !== 'hidden') return;
        stream.abort();
        stream = null;
        closedWhileHidden = true;
      }, HIDDEN_CLOSE_MS);
      return;
    }
    if (hiddenTimer) clearTimeout(hiddenTimer);
    hiddenTimer = null;
    if (closedWhileHidden) {
      closedWhileHidden = false;
      setState('reconnecting'); // what happened meanwhile was not heard: the screens refetch once connected
      restartEvents();
    }
  });
}

async function run(signal: AbortSignal): Promise<void> {
  let failures = 0;
  while (!signal.aborted) {
    const token = tokenStore.get();
    if (!token) return;
    try {
      const res = await fetch('/api/events', { headers: { Authorization: `Bearer ${token}` }, signal });
      if (res.status === 401) {
        notifySessionExpired();
        return;
      }
      if (!res.ok || !res.body) throw new Error(`event stream: HTTP ${res.status}`);
      failures = 0;
      setState('connected');
      await read(res.body, signal);
    } catch {
      if (signal.aborted) return;
    }
    // The host went away (restarting) or the stream ended: try again, a little later each time.
    setState('reconnecting');
    failures++;
    await new Promise((r) => setTimeout(r, Math.min(5000, 250 * 2 ** Math.min(failures, 5))));
  }
}

async function read(body: ReadableStream<Uint8Array>, signal: AbortSignal): Promise<void> {
  const reader = body.getReader();
  const decoder = new TextDecoder();
  let buf = '';
  signal.addEventListener('abort', () => void reader.cancel().catch(() => undefined), { once: true });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    buf += decoder.decode(value, { stream: true });
    let end: number;
    while ((end = buf.indexOf('\n\n')) >= 0) {
      const block = buf.slice(0, end);
      buf = buf.slice(end + 2);
      const name = /^event: (.+)$/m.exec(block)?.[1];
      const data = /^data: (.+)$/m.exec(block)?.[1];
      if (name && data) emit(name, JSON.parse(data) as unknown);
    }
  }
}

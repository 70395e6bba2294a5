import { describe, expect, it } from 'vitest';
import { ReaderPool } from './reader-pool';
import type { WorkerHandle } from './worker-handle';

/** A reader as the pool sees it: which sessions have reads on it, and since when it is busy. */
function reader(name: string, busy: { sessions: string[]; sinceMs: number } | null): WorkerHandle {
  return {
    name,
    state: 'ready',
    ready: Promise.resolve(),
    inflight: busy ? busy.sessions.length : 0,
    busyFor: () => (busy ? busy.sinceMs : 0),
    hasSession: (t: string) => !!busy?.sessions.includes(t),
    othersInFlight: (t: string | null) => (busy ? busy.sessions.filter((x) => x !== t).length : 0),
    whenIdle: () => undefined,
    stop: async () => undefined,
    call: async () => ({ data: null }),
    request: async () => null,
  } as unknown as WorkerHandle;
}

async function poolOf(readers: WorkerHandle[], warnings: string[] = []): Promise<ReaderPool> {
  let i = 0;
  const pool = new ReaderPool({
    log: { info: () => undefined, warn: (m: string) => warnings.push(m), error: () => undefined } as never,
    spawn: () => readers[i++]!,
    closing: () => true, // no spare readers in this test
    readers: readers.length,
  });
  await pool.start();
  return pool;
}

describe('which reader takes a read', () => {
  it('a session whose read runs past its deadline queues its next read there: one person never holds every reader', async () => {
    // reader-1 has been busy 8 s with the heavy user's read (answered `timeout`, going on in the background).
    const pool = await poolOf([reader('reader-1', { sessions: ['heavy'], sinceMs: 8000 }), reader('reader-2', null)]);
    expect((await pool.pick('heavy')).name).toBe('reader-1');
    // So the other reader is free for everyone else's first page.
    expect((await pool.pick('second')).name).toBe('reader-2');
  });

  it('a reader in a long query is passed over even when the other one is busy too', async () => {
    // reader-1: the heavy user's read, 1.4 s old; reader-2: a status poll, 5 ms old. Whoever's usual
    // reader is reader-1, a first page goes to reader-2 and does not wait the long query out.
    const pool = await poolOf([reader('reader-1', { sessions: ['heavy'], sinceMs: 1400 }), reader('reader-2', { sessions: ['owner'], sinceMs: 5 })]);
    for (const token of ['second', 'third', 'fourth', 'fifth', 'sixth', 'seventh']) expect((await pool.pick(token)).name).toBe('reader-2');
    expect((await pool.pick(null)).name).toBe('reader-2');
    // Even with two reads queued on reader-2, a short wait there beats the long query.
    const busier = await poolOf([reader('reader-1', { sessions: ['heavy'], sinceMs: 1400 }), reader('reader-2', { sessions: ['owner', 'x'], sinceMs: 30 })]);
    expect((await busier.pick('second')).name).toBe('reader-2');
  });

  it('otherwise the least busy reader takes it', async () => {
    const pool = await poolOf([reader('reader-1', { sessions: ['a'], sinceMs: 20 }), reader('reader-2', null)]);
    expect((await pool.pick('b')).name).toBe('reader-2');
    expect((await pool.pick(null)).name).toBe('reader-2');
  });
});

describe('a read that waited behind another session', () => {
  it('is logged with where it queued and how long it took, so a slow first page can be explained', async () => {
    const warnings: string[] = [];
    // Both readers busy with other sessions' reads; the one picked answers after 300 ms.
    const slow = reader('reader-1', { sessions: ['heavy'], sinceMs: 40 });
    const other = reader('reader-2', { sessions: ['owner'], sinceMs: 60 });
    for (const r of [slow, other]) (r as unknown as { call: () => Promise<unknown> }).call = () => new Promise((ok) => setTimeout(() => ok({ data: [] }), 300));
    const pool = await poolOf([slow, other], warnings);
    await pool.read({ name: 'orders.page', input: {}, token: 'second', locale: 'zh-CN' });
    expect(warnings).toEqual([expect.stringMatching(/^orders\.page queued on reader-1 behind 1 read\(s\) of other sessions \(the oldest 40 ms old\) and answered in \d{3} ms$/)]);
    // A quick answer, or one on a reader with nothing else in flight, says nothing.
    const idle = reader('reader-3', null);
    (idle as unknown as { call: () => Promise<unknown> }).call = () => new Promise((ok) => setTimeout(() => ok({ data: [] }), 300));
    const quiet = await poolOf([idle], warnings);
    await quiet.read({ name: 'orders.page', input: {}, token: 'second', locale: 'zh-CN' });
    expect(warnings).toHaveLength(1);
  });
});

/** A reader whose reads take as long as `ms` says for their call, tracked as the real handle does. */
function timedReader(name: string, ms: Record<string, number>): WorkerHandle & { served: string[] } {
  const started = new Map<number, { at: number; token: string | null }>();
  let seq = 0;
  const served: string[] = [];
  const h = {
    name, state: 'ready', ready: Promise.resolve(), served,
    get inflight() { return started.size; },
    busyFor: (now: number) => (started.size ? now - Math.min(...[...started.values()].map((s) => s.at)) : 0),
    hasSession: (t: string) => [...started.values()].some((s) => s.token === t),
    othersInFlight: (t: string | null) => [...started.values()].filter((s) => s.token !== t).length,
    whenIdle: () => undefined,
    stop: async () => undefined,
    request: async () => null,
    call: (req: { name: string; token: string | null }) => {
      const n = ++seq;
      started.set(n, { at: Date.now(), token: req.token });
      return new Promise((ok) => setTimeout(() => {
        started.delete(n);
        served.push(req.name);
        ok({ data: name });
      }, ms[req.name] ?? 5));
    },
  };
  return h as unknown as WorkerHandle & { served: string[] };
}

describe('when every reader is busy', () => {
  it('a first page waits for the reader that frees first, not behind a query that began a moment before it', async () => {
    // The 5 M bench: the heavy user's query (long) and the owner's status poll (short) start at the
    // same moment, one on each reader; the second user's first page arrives 1 ms later.
    const r1 = timedReader('reader-1', { 'orders.page': 10, 'orders.heavy': 1200, 'imports.status': 30 });
    const r2 = timedReader('reader-2', { 'orders.page': 10, 'orders.heavy': 1200, 'imports.status': 30 });
    const pool = await poolOf([r1, r2]);
    const ask = (name: string, token: string) => pool.read({ name, input: {}, token, locale: 'zh-CN' });
    // The poll began 3 ms before the heavy query: on a tie, "the youngest read" is the heavy one.
    const poll = ask('imports.status', 'owner');
    await new Promise((r) => setTimeout(r, 3));
    const heavy = ask('orders.heavy', 'heavy');
    await new Promise((r) => setTimeout(r, 1));
    const t = Date.now();
    const page = await ask('orders.page', 'second');
    expect(Date.now() - t).toBeLessThan(300); // ~30 ms: the poll's end, then the page (not 1.2 s)
    const pollAnswer = await poll;
    expect(page).toEqual(pollAnswer); // the same reader
    await heavy;
  });
});

describe('a read that ran past its deadline, asked again', () => {
  /** A reader that reads the folder list when a call reaches it and answers after that call's delay (slow reads first). */
  function listReader(folders: string[], delays: number[]): WorkerHandle {
    const h = reader('reader-1', null);
    (h as unknown as { call: () => Promise<unknown> }).call = () => {
      const seen = [...folders];
      return new Promise((ok) => setTimeout(() => ok({ data: seen }), delays.shift() ?? 5));
    };
    return h;
  }
  const sources = (pool: ReaderPool) => pool.read({ name: 'imports.sources', input: {}, token: 'owner', locale: 'zh-CN' });
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('takes the answer of the read still going on, unless the session wrote since it was asked: then it reads afresh and sees its write', async () => {
    const folders: string[] = [];
    const pool = new ReaderPool({
      log: { info: () => undefined, warn: () => undefined, error: () => undefined } as never,
      spawn: () => listReader(folders, [300, 300]), closing: () => true, readers: 1, readDeadlineMs: 50, deadlineGraceMs: 0,
    });
    await pool.start();
    expect(await sources(pool)).toMatchObject({ error: { code: 'timeout' } }); // goes on in the background
    await sleep(300);
    expect(await sources(pool)).toEqual({ data: [] }); // asked again: its answer, not a second read

    expect(await sources(pool)).toMatchObject({ error: { code: 'timeout' } }); // read the list before the save
    folders.push('/srv/pos'); // the owner saves a folder source…
    pool.wrote('owner');
    await sleep(300);
    // …and the list refreshed after the save shows it.
    expect(await sources(pool)).toEqual({ data: ['/srv/pos'] });
  });
});

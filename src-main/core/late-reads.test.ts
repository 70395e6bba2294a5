import { describe, expect, it } from 'vitest';
import { LateReads } from './late-reads';
import type { CallRequest, CallResult } from './worlds';

const req = (input: unknown, token: string | null = 't1'): CallRequest => ({ name: 'orders.page', input, token, locale: 'zh-CN' });
const deferred = () => {
  let resolve!: (r: CallResult) => void;
  const promise = new Promise<CallResult>((r) => (resolve = r));
  return { promise, resolve };
};
const tick = () => new Promise((r) => setTimeout(r, 0));

describe('reads kept past their deadline', () => {
  it('the same request (session, call, input) joins the running read, then takes its answer once', async () => {
    const late = new LateReads(10_000);
    const key = late.key(req({ startRow: 0 }))!;
    expect(late.key(req({ startRow: 0 }, 't2'))).not.toBe(key); // another session: its own
    expect(late.key(req({ startRow: 100 }))).not.toBe(key); // another block: its own
    expect(late.key(req({ startRow: 0 }, null))).toBeNull(); // no session: nothing kept
    const d = deferred();
    late.keep(key, 't1', d.promise, late.asked);
    expect(late.take(key)).toBe(d.promise); // still running: joined, and still kept
    expect(late.take(key)).toBe(d.promise);
    d.resolve({ data: 'rows' });
    await tick();
    expect(await late.take(key)).toEqual({ data: 'rows' }); // finished: taken…
    expect(late.take(key)).toBeNull(); // …once
  });

  it('a joiner that got the answer has used it up; an answer nobody came for is dropped after the keep time', async () => {
    const late = new LateReads(20);
    const key = late.key(req({ q: 1 }))!;
    const d = deferred();
    late.keep(key, 't1', d.promise, late.asked);
    const joined = late.take(key)!;
    d.resolve({ data: 1 });
    late.served(key, joined);
    expect(late.take(key)).toBeNull();

    const other = late.key(req({ q: 2 }))!;
    late.keep(other, 't1', Promise.resolve({ data: 2 }), late.asked);
    await new Promise((r) => setTimeout(r, 60));
    expect(late.take(other)).toBeNull();
    expect(late.size).toBe(0);
  });

  it("a session's write drops its kept reads, and a read it asked before the write is not kept after it; other sessions keep theirs", async () => {
    const late = new LateReads(10_000);
    const mine = late.key(req({ q: 'sources' }))!;
    const theirs = late.key(req({ q: 'sources' }, 't2'))!;
    late.keep(mine, 't1', deferred().promise, late.asked);
    late.keep(theirs, 't2', deferred().promise, late.asked);
    late.wrote('t1');
    expect(late.take(mine)).toBeNull(); // asked again after the save: read afresh
    expect(late.take(theirs)).not.toBeNull();

    // Asked before the session's next write, past its deadline only after it: never kept.
    const askedBefore = late.asked;
    late.wrote('t1');
    late.keep(mine, 't1', deferred().promise, askedBefore);
    expect(late.take(mine)).toBeNull();
    // Asked after it: kept as usual.
    late.keep(mine, 't1', deferred().promise, late.asked);
    expect(late.take(mine)).not.toBeNull();
  });
});

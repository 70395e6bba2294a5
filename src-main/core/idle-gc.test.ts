import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { IdleGc } from './idle-gc';

describe('a worker collects its garbage once it goes quiet', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  it('collects once after the quiet time, never while a call runs, and not again until there was work', async () => {
    const collect = vi.fn();
    const gc = new IdleGc(3000, collect);
    gc.schedule(); // after start-up
    vi.advanceTimersByTime(2999);
    expect(collect).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60_000);
    expect(collect).toHaveBeenCalledTimes(1); // idle, nothing new: no second collection

    let finish!: () => void;
    const call = gc.around(() => new Promise<void>((r) => (finish = r)));
    vi.advanceTimersByTime(10_000);
    expect(collect).toHaveBeenCalledTimes(1); // a long call: the thread is not idle
    finish();
    await call;
    vi.advanceTimersByTime(1000);
    await gc.around(async () => undefined); // another call 1 s later restarts the quiet time
    vi.advanceTimersByTime(2999);
    expect(collect).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1);
    expect(collect).toHaveBeenCalledTimes(2);
  });

  it('finds V8\'s collector without a command-line flag', () => {
    const gc = new IdleGc(10);
    expect((gc as unknown as { collect: unknown }).collect).toBeTypeOf('function');
  });
});

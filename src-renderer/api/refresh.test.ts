import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { refresh } from './refresh';

/** A job's status as the server answers it: the first answer left before the job ended. */
function statusServer() {
  let state = 'running';
  let calls = 0;
  return {
    end: () => void (state = 'done'),
    get calls() { return calls; },
    fetch: (delayMs: number) => {
      calls++;
      const answer = state;
      return new Promise<string>((ok) => setTimeout(() => ok(answer), delayMs));
    },
  };
}

/** A screen showing the job's status: its first fetch takes 50 ms, later ones 1 ms. */
function watch(qc: QueryClient, server: ReturnType<typeof statusServer>) {
  const observer = new QueryObserver(qc, { queryKey: ['job', 'j1'], queryFn: () => server.fetch(server.calls === 0 ? 50 : 1) });
  observer.subscribe(() => undefined);
  return observer;
}

describe('refresh after a pushed event', () => {
  it('a job that ends while its first status fetch is in flight shows as done, not running forever', async () => {
    const qc = new QueryClient();
    const server = statusServer();
    const observer = watch(qc, server);
    await new Promise((r) => setTimeout(r, 5)); // the first fetch is on its way, answering "running"
    server.end();
    await refresh(qc, ['job', 'j1']); // the "done" event arrives before that answer
    await new Promise((r) => setTimeout(r, 80));
    expect(observer.getCurrentResult().data).toBe('done');
    observer.destroy();
  });

  it('what react-query does alone: the in-flight first answer stands (why refresh exists)', async () => {
    const qc = new QueryClient();
    const server = statusServer();
    const observer = watch(qc, server);
    await new Promise((r) => setTimeout(r, 5));
    server.end();
    await qc.invalidateQueries({ queryKey: ['job', 'j1'] });
    await new Promise((r) => setTimeout(r, 80));
    expect(observer.getCurrentResult().data).toBe('running');
    observer.destroy();
  });

  it('a query that already has data is asked again once', async () => {
    const qc = new QueryClient();
    const server = statusServer();
    const observer = watch(qc, server);
    await new Promise((r) => setTimeout(r, 80));
    expect(observer.getCurrentResult().data).toBe('running');
    server.end();
    await refresh(qc, ['job', 'j1']);
    await new Promise((r) => setTimeout(r, 20));
    expect(observer.getCurrentResult().data).toBe('done');
    expect(server.calls).toBe(2);
    observer.destroy();
  });
});

import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import type { ConnectionState } from '../../src-shared/client';
import { onConnection, onEvent } from './events';
import { refresh } from './refresh';

/**
 * Keeps what the screens show current from pushed events instead of polling: each event
 * invalidates the react-query keys it affects. After a reconnect (the core restarted, the host came
 * back) everything is refetched, since events sent meanwhile were missed. Returns the link state.
 */
export function useLiveUpdates(): ConnectionState | null {
  const qc = useQueryClient();
  const [state, setState] = useState<ConnectionState | null>(null);
  const wasDown = useRef(false);
  useEffect(() => {
    // Orders routed, reserved or waiting for stock: the routing screen's figures, at most every 2 s.
    const routing = throttle(2000, () => {
      refresh(qc, ['routing.capacity']);
      refresh(qc, ['stock.waits']);
    });
    const offs = [
      onEvent('orders.changed', ({ ids, truncated }) => {
        if (truncated) refresh(qc, ['orders.get']);
        else for (const id of ids) refresh(qc, ['orders.get', id]);
        routing.run();
        // An empty workspace showing its first steps: the first orders arrived.
        if (qc.getQueryData<{ total: number }>(['orders.any'])?.total === 0) refresh(qc, ['orders.any']);
      }),
      onEvent('orders.facetsReady', () => refresh(qc, ['orders.facets'])),
      onEvent('jobs.progress', ({ jobId, kind, state: job }) => {
        if (kind === 'import') {
          refresh(qc, ['imports.status', jobId]);
          refresh(qc, ['imports.jobs']);
          if (job !== 'running') refresh(qc, ['imports.sources']);
        }
        if (kind === 'dryRun') refresh(qc, ['rules.dryRunStatus', jobId]);
        // A long call's counts moved (an export): its N / M rows and its 取消.
        if (kind === 'export') refresh(qc, ['jobs.progress', jobId]);
        if (kind === 'erp') {
          // An ERP pull or push ran: its progress, the connection's health and backlog, its problems.
          refresh(qc, ['erp.connections.list']);
          if (job !== 'running') {
            refresh(qc, ['erp.rejects']);
            routing.run(); // stock pulled from the ERP may release waiting orders
          }
        }
        if (kind === 'demo') {
          refresh(qc, ['setup.status']);
          if (job === 'done') refresh(qc, ['orders.facets']);
        }
      }),
      onEvent('sync.changed', () => {
        refresh(qc, ['sync.status']);
        refresh(qc, ['sync.log']);
      }),
      onEvent('channels.health', ({ channelId }) => {
        refresh(qc, ['channels.list']);
        refresh(qc, ['channels.coverage', channelId]);
      }),
      onConnection((s) => {
        setState(s);
        if (s === 'reconnecting') wasDown.current = true;
        else if (wasDown.current) {
          wasDown.current = false;
          void qc.invalidateQueries();
        }
      }),
    ];
    return () => {
      offs.forEach((off) => off());
      routing.cancel();
    };
  }, [qc]);
  return state;
}

/** Runs fn at once, then at most once per `ms` while calls keep coming (the last one is never lost). */
function throttle(ms: number, fn: () => void): { run(): void; cancel(): void } {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  const fire = () => {
    timer = null;
    last = Date.now();
    fn();
  };
  return {
    run: () => {
      if (timer) return;
      const wait = last + ms - Date.now();
      if (wait <= 0) fire();
      else timer = setTimeout(fire, wait);
    },
    cancel: () => {
      if (timer) clearTimeout(timer);
    },
  };
}

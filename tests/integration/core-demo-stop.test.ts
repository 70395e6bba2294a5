import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEvents, tempCore, until, type TempCore } from '../helpers/temp-core';

/**
 * The first-run demo on the real core: it fills in on a job worker behind a banner
 * (setup.status → seeding), and 够了，先看看 stops it. The screens learn that the fill ended from a
 * jobs.progress event, not by polling: a stop must be announced as surely as the last batch is,
 * or the banner stays up over a demo that no longer fills.
 */
let core: TempCore;

beforeAll(async () => {
  core = await tempCore({ writer: { demo: false } });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
});

type Announced = { jobId: string; kind: string; state: string; progress: number };

describe('the first-run demo on the core', () => {
  it('stopping the fill is announced (jobs.progress: cancelled), the banner’s status ends, and the orders made so far stay', async () => {
    const { token } = await core.call('setup.createDemo', { orders: 20_000 }, null);
    const stream = await openEvents(core.url, token);
    try {
      const filling = await core.call('setup.status', {}, token);
      expect(filling.seeding).toMatchObject({ total: 20_000 });
      expect(await core.call('setup.cancelDemo', {}, token)).toEqual({ cancelled: true });
      const demo = () => stream.events.filter((e) => e.name === 'jobs.progress' && (e.data as Announced).kind === 'demo').map((e) => e.data as Announced);
      const ended = await until(() => demo().find((e) => e.state !== 'running'), (e) => e !== undefined, 60_000);
      expect(ended).toMatchObject({ jobId: 'demo', state: 'cancelled' });
      expect(ended!.progress).toBeLessThan(1);
      const after = await core.call('setup.status', {}, token);
      expect(after.seeding).toBeNull();
      const page = await core.call('orders.page', { startRow: 0, endRow: 10 }, token);
      expect(page.total).toBeLessThan(20_000);
      expect(page.total).toBe(Math.round(ended!.progress * 20_000));
    } finally {
      stream.close();
    }
  });

  it('a fill that runs to the end is announced done once, after its last batch', async () => {
    const other = await tempCore({ writer: { demo: false } });
    try {
      const { token } = await other.call('setup.createDemo', { orders: 1_200 }, null);
      const stream = await openEvents(other.url, token);
      try {
        const demo = () => stream.events.filter((e) => e.name === 'jobs.progress' && (e.data as Announced).kind === 'demo').map((e) => e.data as Announced);
        await until(() => demo().find((e) => e.state !== 'running'), (e) => e !== undefined, 60_000);
        await new Promise((r) => setTimeout(r, 300)); // long enough for a second end to arrive, were one sent
        const ends = demo().filter((e) => e.state !== 'running');
        expect(ends).toEqual([{ jobId: 'demo', kind: 'demo', state: 'done', progress: 1 }]);
        expect(demo().at(-1)).toEqual(ends[0]);
        expect((await other.call('setup.status', {}, token)).seeding).toBeNull();
        expect((await other.call('orders.page', { startRow: 0, endRow: 10 }, token)).total).toBe(1_200);
      } finally {
        stream.close();
      }
    } finally {
      await other.dispose();
    }
  });
});

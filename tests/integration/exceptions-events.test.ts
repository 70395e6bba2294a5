import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalEvents } from '../../src-main/kernel/events';
import { ManualClock } from '../../src-main/kernel/clock';
import { startTestCloud, type TestCloud } from '../helpers/cloud';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';

/**
 * Issue 9 item 7 for 异常: the core pushes `exceptions.changed` after every commit that opens,
 * closes or changes an exception — a detector pass, a person's action, a team sync pull — so the
 * board and the 异常 workspace refresh without polling. Nothing is pushed when nothing changed.
 */
const HOUR = 3_600_000;
const real = Date.now();
let cloud: TestCloud;
let pc1: TempApp;
let pc2: TempApp;
let ops: string;
const heard = (app: TempApp) => {
  const got: { ids: string[]; truncated: boolean }[] = [];
  const off = (app.events as LocalEvents).on((name, payload) => name === 'exceptions.changed' && got.push(payload as { ids: string[]; truncated: boolean }));
  return { got, off };
};

beforeAll(async () => {
  cloud = await startTestCloud('pglite');
  pc1 = await tempApp({ risk: { clock: new ManualClock(real), autostart: false }, sync: { pollMs: 60_000, debounceMs: 20 } });
  pc2 = await tempApp({ demo: false, ownerPassword: 'pc2-own-owner-pw', risk: { autostart: false }, sync: { pollMs: 60_000, debounceMs: 20 } });
  ops = await pc1.login('ops');
}, 120_000);

afterAll(async () => {
  pc1?.dispose();
  pc2?.dispose();
  await cloud?.close();
});

describe('exceptions.changed', () => {
  let exceptionId: string;

  it('a detector pass that opens an exception pushes its id; a pass that changes nothing pushes nothing', async () => {
    const shop = seedShop(pc1);
    shop.ingest(order('EV-1', { paidAt: real - 30 * HOUR, createdAt: real - 31 * HOUR, platformUpdatedAt: real - 30 * HOUR }));
    const ear = heard(pc1);
    expect((await pc1.services.risk.exceptions.runner.runPass()).opened).toBe(1);
    exceptionId = (await pc1.call('exceptions.list', {}, ops)).rows[0]!.id;
    expect(ear.got.flatMap((e) => e.ids)).toContain(exceptionId);
    const before = ear.got.length;
    expect((await pc1.services.risk.exceptions.runner.runPass()).opened).toBe(0);
    expect(ear.got.length).toBe(before);
    ear.off();
  });

  it('a person\'s note pushes it (the history grew), and closing it pushes its id', async () => {
    const ear = heard(pc1);
    await pc1.call('exceptions.note', { id: exceptionId, body: '已催仓库' }, ops);
    expect(ear.got).toHaveLength(1);
    await pc1.call('exceptions.snooze', { id: exceptionId, minutes: 60, reason: { code: 'waiting_customer' } }, ops);
    expect(ear.got.at(-1)).toEqual({ ids: [exceptionId], truncated: false });
    ear.off();
  });

  it('a change made on another PC of the team pushes it on this one when the sync pull applies it', async () => {
    const owner1 = await pc1.login('owner');
    const ws = await cloud.newWorkspace('华东仓配');
    await pc1.call('sync.enroll', { url: cloud.url, code: ws.code, name: '前台电脑' }, owner1);
    await pc1.services.sync.syncNow();
    const { code } = await pc1.call('sync.enrollCode', {}, owner1);
    await pc2.call('sync.enroll', { url: cloud.url, code, name: '仓库电脑' }, await pc2.login('owner', 'pc2-own-owner-pw'));
    const settle = async () => {
      for (let i = 0; i < 3; i++) {
        await pc1.services.sync.syncNow();
        await pc2.services.sync.syncNow();
      }
    };
    await settle();
    expect((await pc2.call('exceptions.get', { id: exceptionId }, await pc2.login('ops'))).exception.state).toBe('snoozed');

    const ear = heard(pc2);
    await pc1.call('exceptions.close', { id: exceptionId, reason: { code: 'resolved' } }, ops);
    await settle();
    expect(ear.got.flatMap((e) => e.ids)).toContain(exceptionId);
    ear.off();
  }, 60_000);
});

import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileClock } from '../helpers/file-clock';
import { order, seedShop } from '../helpers/lifecycle-fixture';
import { tempApp, type TempApp } from '../helpers/temp-app';
import { startDingtalkSim, type DingtalkSim } from '../sim/dingtalk';
import type { RobotMessage } from '../sim/robot-common';
import { startWecomSim, type WecomSim } from '../sim/wecom';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const DT_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';
let app: TempApp;
let clock: FileClock;
let clockFile: string;
let wecom: WecomSim;
let dingtalk: DingtalkSim;
let owner: string;
let shop: ReturnType<typeof seedShop>;
const real = Date.now();
/** 03:00 Beijing, a day or two ahead: every order below is overdue, quiet hours and the digest are testable. */
const start = Math.ceil((real + DAY) / DAY) * DAY + 19 * HOUR;

beforeAll(async () => {
  // The app, the simulators and the child sender share one virtual clock kept in a file.
  clockFile = join(mkdtempSync(join(tmpdir(), 'orderhub-clock-')), 'clock');
  clock = new FileClock(clockFile, start);
  app = await tempApp({ risk: { clock, autostart: false } });
  wecom = await startWecomSim({ keys: ['wk-1'], now: () => clock.now() });
  dingtalk = await startDingtalkSim({ robots: { 'dt-1': DT_SECRET }, now: () => clock.now() });
  shop = seedShop(app);
  owner = await app.login('owner');
  app.services.db.writes.run({ actor: { id: null, name: 'owner' }, call: 'workspace.setCustomEndpoints' }, (tx) =>
    tx.insert('settings', { id: 'channels.customEndpoints', valueJson: JSON.stringify({ enabled: true }), updatedAt: real }));
  await app.call('alerts.robots.save', { kind: 'wecom', name: '运营群', webhook: wecom.webhook('wk-1') }, owner);
  await app.call('alerts.robots.save', { kind: 'dingtalk', name: '仓库群', webhook: dingtalk.webhook('dt-1'), secret: DT_SECRET }, owner);
}, 60_000);
afterAll(async () => {
  app?.dispose();
  await wecom?.stop();
  await dingtalk?.stop();
});

/** n overdue orders → n exceptions → n alerts per robot (the default policy: every robot, from 'warning'). */
async function burst(prefix: string, n: number): Promise<string[]> {
  const nos = Array.from({ length: n }, (_, i) => `${prefix}-${String(i).padStart(3, '0')}`);
  shop.ingest(...nos.map((no) => order(no, { paidAt: real - 30 * HOUR, createdAt: real - 31 * HOUR, platformUpdatedAt: real - 30 * HOUR })));
  const r = await app.services.risk.exceptions.runner.runPass();
  expect(r.opened).toBe(n);
  return nos;
}

/** How often each order number appears in one robot's accepted messages. */
function mentions(msgs: RobotMessage[], nos: string[]): Map<string, number> {
  const m = new Map(nos.map((n) => [n, 0]));
  for (const msg of msgs) for (const no of nos) if (msg.text.includes(`订单 ${no}（`)) m.set(no, m.get(no)! + 1);
  return m;
}

async function drainInProcess(): Promise<void> {
  const waiting = app.services.db.sqlite.prepare(`SELECT (SELECT count(*) FROM alert_queue WHERE delivery_id IS NULL) + (SELECT count(*) FROM alert_deliveries WHERE state IN ('retry', 'sending'))`).pluck();
  for (let i = 0; i < 2000 && (waiting.get() as number) > 0; i++) {
    await app.services.risk.notify.sender.tick();
    await clock.sleep(1000);
  }
  expect(waiting.get()).toBe(0);
}

function runChild(): { done: Promise<number | null>; kill: () => void; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', resolve('tests/integration/children/alert-sender.ts'), app.dataDir, clockFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr.on('data', (b: Buffer) => (out += b.toString()));
  return {
    done: new Promise((r) => child.on('exit', (code) => r(code))),
    kill: () => child.kill('SIGKILL'),
    output: () => out,
  };
}

describe('robot alerts (WeCom, DingTalk 加签): rate limits, batching, the outbox across a crash', () => {
  it('a burst of 100 alerts reaches each robot within 20 messages a minute, packed, each alert once, DingTalk signed', async () => {
    const nos = await burst('AL', 100);
    await drainInProcess();
    for (const [sim, robot] of [[wecom, 'wk-1'], [dingtalk, 'dt-1']] as const) {
      const msgs = sim.accepted.filter((m) => m.robot === robot);
      expect(sim.rateLimited).toBe(0);
      expect(sim.requests.filter((r) => r.errcode !== 0)).toEqual([]);
      expect(sim.maxPerMinute(robot)).toBeLessThanOrEqual(20);
      expect([...mentions(msgs, nos).values()].every((n) => n === 1)).toBe(true);
      expect(new Set(msgs.map((m) => m.deliveryId)).size).toBe(msgs.length);
      // Past the budget alerts are packed: far fewer messages than alerts.
      expect(msgs.length).toBeLessThan(40);
    }
    expect(wecom.accepted[wecom.accepted.length - 1]!.text).toMatch(/OrderHub：\d+ 条异常提醒/);
  });

  it('offline: alerts wait in the outbox and go out once when the robot is reachable again', async () => {
    const nos = await burst('OFF', 3);
    wecom.offline = true;
    const before = wecom.accepted.length;
    await app.services.risk.notify.sender.tick();
    expect(wecom.accepted.length).toBe(before);
    const outbox = await app.call('alerts.outbox', { limit: 5 }, owner);
    expect(outbox.find((d) => d.targetName === '运营群')).toMatchObject({ state: 'retry', lastError: expect.stringContaining('network') });
    wecom.offline = false;
    await drainInProcess();
    expect([...mentions(wecom.accepted.slice(before), nos).values()]).toEqual([1, 1, 1]);
  });

  it('SIGKILL between send and record: the message in the air is sent once more with the same id, everything else exactly once, still ≤ 20 a minute', async () => {
    const nos = await burst('KILL', 100);
    const wecomBefore = wecom.accepted.length;
    const dtBefore = dingtalk.accepted.length;
    wecom.stallNext = 1;
    const first = runChild();
    const stalled = await Promise.race([wecom.stalled(), first.done.then(() => null)]);
    expect(stalled, first.output()).not.toBeNull();
    first.kill();
    expect(await first.done).toBeNull();
    const second = runChild();
    expect(await second.done, second.output()).toBe(0);

    const wecomMsgs = wecom.accepted.slice(wecomBefore);
    const ids = wecomMsgs.map((m) => m.deliveryId);
    const twice = [...new Set(ids)].filter((id) => ids.filter((x) => x === id).length > 1);
    // The one in the air when the sender died: received twice, recognisable by its id; nothing else repeated.
    expect(twice).toEqual([stalled!.deliveryId]);
    expect(app.services.db.sqlite.prepare('SELECT state, resent FROM alert_deliveries WHERE id = ?').get(stalled!.deliveryId)).toEqual({ state: 'sent', resent: 1 });
    const seen = mentions(wecomMsgs, nos);
    const inStalled = nos.filter((no) => stalled!.text.includes(`订单 ${no}（`));
    for (const no of nos) expect(seen.get(no)).toBe(inStalled.includes(no) ? 2 : 1);
    // DingTalk was not interrupted: each alert exactly once.
    expect([...mentions(dingtalk.accepted.slice(dtBefore), nos).values()].every((n) => n === 1)).toBe(true);
    expect(wecom.maxPerMinute('wk-1')).toBeLessThanOrEqual(20);
    expect(dingtalk.maxPerMinute('dt-1')).toBeLessThanOrEqual(20);
    expect(wecom.rateLimited + dingtalk.rateLimited).toBe(0);
  }, 120_000);

  it('SIGKILL at a random moment: every alert delivered, at most the one message in flight repeated', async () => {
    const runs = process.env.ORDERHUB_FULL ? 5 : 1;
    for (let k = 0; k < runs; k++) {
      const nos = await burst(`RND${k}`, 60);
      const before = { w: wecom.accepted.length, d: dingtalk.accepted.length };
      const first = runChild();
      // Kill once it has started sending (a few ms to a few hundred in).
      await new Promise<void>((r) => {
        const timer = setInterval(() => {
          if (/tick/.test(first.output()) || wecom.accepted.length > before.w) {
            clearInterval(timer);
            setTimeout(r, 5 + ((k * 37) % 90));
          }
        }, 2);
      });
      first.kill();
      await first.done;
      const second = runChild();
      expect(await second.done, second.output()).toBe(0);
      for (const [msgs] of [[wecom.accepted.slice(before.w)], [dingtalk.accepted.slice(before.d)]] as const) {
        const seen = [...mentions(msgs, nos).values()];
        expect(seen.every((n) => n >= 1 && n <= 2)).toBe(true);
        const ids = msgs.map((m) => m.deliveryId);
        expect(ids.length - new Set(ids).size).toBeLessThanOrEqual(1);
      }
    }
    expect(wecom.maxPerMinute('wk-1')).toBeLessThanOrEqual(20);
    expect(dingtalk.maxPerMinute('dt-1')).toBeLessThanOrEqual(20);
  }, 120_000);

  it('quiet hours hold a detector\'s alerts until they end; a wrong DingTalk secret is refused by the signature check and kept as failed', async () => {
    const robots = await app.call('alerts.robots.list', {}, owner);
    await app.call('alerts.policies.save', { detector: 'ship_overdue', robotIds: [robots[0]!.id], quietFrom: 22 * 60, quietTo: 8 * 60 }, owner);
    clock.set(start + 60_000); // 03:01 Beijing
    const nos = await burst('QUIET', 2);
    const before = wecom.accepted.length;
    await app.services.risk.notify.sender.tick();
    expect(wecom.accepted.length).toBe(before);
    clock.set(start + 5 * HOUR + 60_000); // 08:01
    await drainInProcess();
    expect([...mentions(wecom.accepted.slice(before), nos).values()]).toEqual([1, 1]);
    await app.call('alerts.policies.save', { detector: 'ship_overdue', robotIds: ['*'] }, owner);

    await app.call('alerts.robots.save', { id: robots[1]!.id, kind: 'dingtalk', name: '仓库群', secret: 'SECwrong' }, owner);
    await app.call('alerts.robots.test', { id: robots[1]!.id }, owner);
    const last = dingtalk.requests[dingtalk.requests.length - 1]!;
    expect(last.errcode).toBe(310000);
    expect((await app.call('alerts.outbox', { limit: 1 }, owner))[0]).toMatchObject({ state: 'failed', lastError: '310000 sign not match' });
    await app.call('alerts.robots.save', { id: robots[1]!.id, kind: 'dingtalk', name: '仓库群', secret: DT_SECRET }, owner);
    await drainInProcess();
    expect(dingtalk.requests[dingtalk.requests.length - 1]!.errcode).toBe(0);
    // Secrets never come back to the screen.
    expect(JSON.stringify(await app.call('alerts.robots.list', {}, owner))).not.toMatch(/SEC0123|wk-1|dt-1/);
  });

  it('the daily digest at 08:30: each owner\'s three longest-open exceptions and yesterday\'s half-life, once a day', async () => {
    clock.set(start + 5 * HOUR + 31 * 60_000); // 08:31
    const before = wecom.accepted.length;
    await app.services.risk.notify.sender.tick();
    await drainInProcess();
    const digests = wecom.accepted.slice(before).filter((m) => m.text.includes('每日异常摘要'));
    expect(digests.length).toBeGreaterThan(0);
    expect(digests.map((m) => m.text).join('\n')).toMatch(/李主管 的每日异常摘要[\s\S]*未关闭：\d+ · 昨日半衰期/);
    const notices = await app.call('alerts.notices', {}, await app.login('ops'));
    expect(notices.some((n) => n.title.startsWith('今日异常摘要'))).toBe(true);
    const again = wecom.accepted.length;
    await app.services.risk.notify.sender.tick();
    expect(wecom.accepted.slice(again).filter((m) => m.text.includes('每日异常摘要'))).toEqual([]);
  });
});

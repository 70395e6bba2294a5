import { ApiError } from '../../../src-shared/errors';
import { CALLBACK_KINDS, type CallbackKind, type CallbackPayload } from '../../../src-shared/sync/platform-auth';
import type { WriteContext } from '../../db';
import type { Logger } from '../../log';
import type { Say } from '../channel-store';
import { ConnectorError } from '../connector';
import type { Authorizer } from './authorizer';
import { RelayError, type CloudRelay } from './cloud-relay';
import { FlowKey } from './flow-key';

/** Where a callback flow stands, for the screen (channels.authorizeStatus). */
export interface FlowView {
  flowId: string;
  channelId: string;
  status: 'waiting' | 'exchanging' | 'done' | 'failed' | 'expired';
  /** Why it failed, as a code and the platform's own words. */
  problem: { code: 'refused' | 'exchange_failed' | 'unreadable' | 'cloud'; message: string } | null;
  expiresAt: number;
}

interface Flow extends FlowView {
  key: FlowKey;
  redirectUri: string;
  ctx: WriteContext;
}

/** Finished flows are kept this long so the screen can read how they ended. */
const KEEP_MS = 15 * 60_000;

/**
 * The callback platforms' 授权 (Taobao, Pinduoduo, JD, Douyin tool apps) through the team cloud:
 * start a flow with a fresh key, hand the person the platform's authorise URL, wait for the
 * sealed code over this PC's enrolled connection, open it here, exchange it here (the app secret
 * never leaves this PC), seal the tokens, and tell the cloud to forget the flow.
 */
export class CallbackFlows {
  private readonly flows = new Map<string, Flow>();
  private stopped = false;

  constructor(
    private readonly authorizer: Authorizer,
    private readonly relay: CloudRelay,
    private readonly log: Logger,
    private readonly pollMs = 1000,
    /** Told each time a flow's status changes (the screen waiting on it refreshes: `channels.authFlow`). */
    private readonly onChange: (f: Pick<FlowView, 'flowId' | 'channelId' | 'status'>) => void = () => {},
  ) {}

  async start(channelId: string, ctx: WriteContext, say: Say): Promise<{ flowId: string; authorizeUrl: string; redirectUri: string; expiresAt: number }> {
    const { ch, mode, adapter, call } = this.authorizer.prepare(channelId, say);
    if (mode !== 'callback' || !adapter.authorizeUrl || !adapter.exchange || !(CALLBACK_KINDS as readonly string[]).includes(ch.kind)) {
      throw new ApiError('invalid_input', say('这个店铺可直接授权，无需浏览器', 'this shop authorises directly, without a browser'), 'id');
    }
    if (!this.relay.available) {
      throw new ApiError('conflict', say(
        '这个平台要求把授权结果送到一个公开的回调地址，由团队云端提供：请先在“团队同步”中让这台电脑加入团队，再点“授权”',
        'this platform sends the authorisation to a public callback address, which the team cloud provides: join this PC to a team first',
      ));
    }
    const key = new FlowKey();
    let started;
    try {
      started = await this.relay.start(channelId, ch.kind as CallbackKind, key.publicKey);
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      throw new ApiError('conflict', say(`团队云端暂时无法开始授权：${msg}`, `the team cloud could not start the authorisation: ${msg}`));
    }
    const authorizeUrl = adapter.authorizeUrl(call, { redirectUri: started.redirectUri, state: started.state });
    const flow: Flow = {
      flowId: started.flowId, channelId, status: 'waiting', problem: null, expiresAt: started.expiresAt,
      key, redirectUri: started.redirectUri, ctx,
    };
    this.flows.set(flow.flowId, flow);
    void this.wait(flow);
    return { flowId: flow.flowId, authorizeUrl, redirectUri: started.redirectUri, expiresAt: started.expiresAt };
  }

  view(flowId: string, say: Say): FlowView {
    const f = this.flows.get(flowId);
    if (!f) throw new ApiError('not_found', say('没有这个授权（可能已过期或本机已重启）', 'no such authorisation (expired, or this PC restarted)'), 'flowId');
    const { flowId: id, channelId, status, problem, expiresAt } = f;
    return { flowId: id, channelId, status, problem, expiresAt };
  }

  stop(): void {
    this.stopped = true;
  }

  /** Asks the cloud every pollMs until the code arrives, the platform says no, or the flow expires. */
  private async wait(f: Flow): Promise<void> {
    while (!this.stopped && f.status === 'waiting') {
      await new Promise((r) => setTimeout(r, this.pollMs).unref?.());
      if (this.stopped) return;
      let r;
      try {
        r = await this.relay.result(f.flowId);
      } catch (e) {
        if (e instanceof RelayError && e.status === 404) return this.end(f, 'expired', null);
        if (Date.now() > f.expiresAt + 60_000) return this.end(f, 'expired', null);
        continue; // offline for a moment: ask again
      }
      if (r.status === 'pending') continue;
      if (r.status === 'expired') return this.end(f, 'expired', null);
      if (r.status === 'refused') {
        await this.ack(f);
        return this.end(f, 'failed', { code: 'refused', message: [r.refusal?.error, r.refusal?.description].filter(Boolean).join(': ') });
      }
      await this.complete(f, r.sealed!);
    }
  }

  private async complete(f: Flow, sealed: Parameters<FlowKey['open']>[0]): Promise<void> {
    let payload: CallbackPayload;
    try {
      payload = JSON.parse(f.key.open(sealed, f.flowId)) as CallbackPayload;
    } catch (e) {
      await this.ack(f);
      return this.end(f, 'failed', { code: 'unreadable', message: e instanceof Error ? e.message : String(e) });
    }
    f.status = 'exchanging';
    this.changed(f);
    // The code is single-use: the cloud forgets it whatever the exchange says.
    await this.ack(f);
    try {
      const { ch, adapter, call } = this.authorizer.prepare(f.channelId, (zh) => zh);
      const grant = await adapter.exchange!(call, payload.code, f.redirectUri);
      this.authorizer.save(ch, 'callback', grant, f.ctx);
      this.end(f, 'done', null);
    } catch (e) {
      const message = e instanceof ConnectorError || e instanceof Error ? e.message : String(e);
      this.log.warn(`channel ${f.channelId}: exchanging the authorisation code failed: ${message}`);
      this.end(f, 'failed', { code: 'exchange_failed', message });
    }
  }

  private changed(f: Flow): void {
    try {
      this.onChange({ flowId: f.flowId, channelId: f.channelId, status: f.status });
    } catch (e) {
      this.log.warn(`platform-auth ${f.flowId}: telling the screens failed: ${String(e)}`);
    }
  }

  private async ack(f: Flow): Promise<void> {
    await this.relay.ack(f.flowId).catch((e: unknown) => this.log.warn(`platform-auth ack ${f.flowId} failed (the cloud deletes it when it expires): ${String(e)}`));
  }

  private end(f: Flow, status: FlowView['status'], problem: FlowView['problem']): void {
    f.status = status;
    f.problem = problem;
    this.changed(f);
    setTimeout(() => this.flows.delete(f.flowId), KEEP_MS).unref?.();
  }
}

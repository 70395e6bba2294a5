import { uuidv7 } from '../kernel/ids';
import type { RobotView } from '../../src-shared/contract/alerts';
import type { Database, WriteContext } from '../db';
import type { SealedSecrets } from '../secrets/sealed-secrets';
import { endpointRefusal } from './endpoint-check';
import { DINGTALK_ORIGIN, WECOM_ORIGIN } from './robot-wire';

export interface Robot {
  id: string;
  kind: 'wecom' | 'dingtalk';
  name: string;
  enabled: boolean;
  perMinute: number;
}

export interface RobotSecrets {
  webhook?: string;
  secret?: string;
}

type Say = (zh: string, en: string) => string;

const OFFICIAL = { wecom: [WECOM_ORIGIN], dingtalk: [DINGTALK_ORIGIN] };

export class RobotRefusal extends Error {
  constructor(message: string, readonly field: string) {
    super(message);
  }
}

/** Robots (synced settings) and their secrets (sealed on this PC). */
export class Robots {
  private readonly all;
  private readonly one;
  private readonly stats;

  constructor(private readonly db: Database, private readonly secrets: SealedSecrets) {
    const { sqlite } = db;
    this.all = sqlite.prepare('SELECT id, kind, name, enabled, per_minute AS perMinute FROM alert_robots ORDER BY created_at');
    this.one = sqlite.prepare('SELECT id, kind, name, enabled, per_minute AS perMinute FROM alert_robots WHERE id = ?');
    this.stats = sqlite.prepare(
      `SELECT (SELECT count(*) FROM alert_queue q WHERE q.target = @t AND q.delivery_id IS NULL) AS queued,
         (SELECT count(*) FROM alert_deliveries d WHERE d.target = @t AND d.state = 'sent' AND d.sent_at > @hour) AS sentLastHour,
         (SELECT d.last_error FROM alert_deliveries d WHERE d.target = @t AND d.state IN ('retry', 'failed') ORDER BY d.attempt_at DESC LIMIT 1) AS lastError`,
    );
  }

  private cache: { at: number; list: Robot[] } | null = null;

  /** Read at most once a second (a detector pass asks per exception); changes here clear it at once. */
  list(): Robot[] {
    const now = Date.now();
    if (this.cache && now - this.cache.at < 1000) return this.cache.list;
    const list = (this.all.all() as (Omit<Robot, 'enabled'> & { enabled: number })[]).map((r) => ({ ...r, enabled: r.enabled === 1 }));
    this.cache = { at: now, list };
    return list;
  }

  get(id: string): Robot | null {
    const r = this.one.get(id) as (Omit<Robot, 'enabled'> & { enabled: number }) | undefined;
    return r ? { ...r, enabled: r.enabled === 1 } : null;
  }

  secretsOf(id: string): RobotSecrets {
    return this.secrets.read<{ webhook: string; secret: string }>('robot', id);
  }

  view(r: Robot, now: number): RobotView {
    const s = this.secretsOf(r.id);
    let host: string | null = null;
    try {
      host = s.webhook ? new URL(s.webhook).host : null;
    } catch {
      host = null;
    }
    const st = this.stats.get({ t: `robot:${r.id}`, hour: now - 3_600_000 }) as { queued: number; sentLastHour: number; lastError: string | null };
    return { ...r, webhookSet: !!s.webhook, secretSet: !!s.secret, host, ...st };
  }

  save(ctx: WriteContext, input: { id?: string | undefined; kind: 'wecom' | 'dingtalk'; name: string; enabled: boolean; webhook?: string | undefined; secret?: string | undefined }, say: Say, now: number): Robot {
    const existing = input.id ? this.get(input.id) : null;
    if (input.id && !existing) throw new RobotRefusal(say(`没有这个机器人（${input.id}）`, `no robot ${input.id}`), 'id');
    if (input.webhook) {
      const why = endpointRefusal(this.db.sqlite, input.webhook, OFFICIAL[input.kind], say);
      if (why) throw new RobotRefusal(why, 'webhook');
      const u = new URL(input.webhook);
      const key = input.kind === 'wecom' ? u.searchParams.get('key') : u.searchParams.get('access_token');
      if (!key) throw new RobotRefusal(say(`网址中缺少 ${input.kind === 'wecom' ? 'key' : 'access_token'} 参数`, `the URL has no ${input.kind === 'wecom' ? 'key' : 'access_token'} parameter`), 'webhook');
    }
    if (input.secret && input.kind === 'dingtalk' && !input.secret.startsWith('SEC')) {
      throw new RobotRefusal(say('加签密钥应以 SEC 开头', 'the signing secret starts with SEC'), 'secret');
    }
    const id = existing?.id ?? uuidv7();
    this.cache = null;
    this.db.writes.run(ctx, (tx) => {
      if (existing) tx.update('alert_robots', id, { kind: input.kind, name: input.name, enabled: input.enabled, updatedAt: now });
      else tx.insert('alert_robots', { id, kind: input.kind, name: input.name, enabled: input.enabled, perMinute: 20, createdAt: now, updatedAt: now });
      if (input.webhook !== undefined || input.secret !== undefined) {
        tx.note({ entity: 'alert_robots', entityId: id, action: 'secrets_changed', after: { webhook: input.webhook !== undefined, secret: input.secret !== undefined } });
      }
    });
    this.secrets.write('robot', id, { webhook: input.webhook, secret: input.secret }, now);
    return this.get(id)!;
  }

  remove(ctx: WriteContext, id: string): void {
    if (!this.get(id)) return;
    this.cache = null;
    this.db.writes.run(ctx, (tx) => tx.delete('alert_robots', id));
    this.secrets.remove('robot', id);
  }
}

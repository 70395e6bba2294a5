import { uuidv7 } from '../kernel/ids';
import { CREDENTIAL_LABELS } from '../../src-shared/channel-credentials';
import { ApiError } from '../../src-shared/errors';
import type { ChannelKind } from '../../src-shared/orders';
import type { Database, WriteContext } from '../db';
import type { SecretBox } from '../secrets/secret-box';
import { ConnectorError, type Connector } from './connector';
import { sameEndpoint, type EndpointPolicy } from './endpoints';

/** Settings every polled shop has besides the platform's own credential names. */
export const COMMON_FIELDS = ['endpoint', 'pollIntervalSeconds', 'backfillFrom'] as const;
export const DEFAULT_INTERVAL_S = 60;

/** Words in the caller's language (the handler's ctx.say); both when there is no caller. */
export type Say = (zh: string, en: string) => string;
const both: Say = (zh, en) => `${zh} / ${en}`;

export interface ChannelRecord {
  id: string;
  kind: ChannelKind;
  name: string;
  paused: boolean;
  /** Non-secret settings only. */
  config: Record<string, string | number>;
  /** Names of the secret fields that hold a value on this PC (never the values). */
  secretsSet: string[];
  /** The PC that polls this shop (sync device id), and after how long a silent poller is replaced. */
  pollerDeviceId: string | null;
  pollerFailoverMinutes: number;
  createdAt: number;
  updatedAt: number;
}

interface Row {
  id: string;
  kind: ChannelKind;
  name: string;
  paused: number;
  configJson: string;
  secretsSealed: string | null;
  pollerDeviceId: string | null;
  pollerFailoverMinutes: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * Channels as configured: plain settings in config_json (synced), secrets sealed by this PC's
 * SecretBox in channel_secrets (local, write-only from the UI). Unsealing happens only here, for the poller.
 */
export class ChannelStore {
  private readonly getRow;
  private readonly allRows;
  private readonly saveSecrets;
  private readonly dropSecrets;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
    private readonly connectorFor: (kind: ChannelKind) => Connector | undefined,
    readonly endpoints: EndpointPolicy,
  ) {
    // Secrets are local (channel_secrets, sealed by this PC); the channel itself syncs.
    const cols = `c.id, c.kind, c.name, c.paused, c.config_json AS configJson, s.sealed AS secretsSealed, c.created_at AS createdAt,
      c.updated_at AS updatedAt, c.poller_device_id AS pollerDeviceId, c.poller_failover_minutes AS pollerFailoverMinutes`;
    const from = 'channels c LEFT JOIN channel_secrets s ON s.channel_id = c.id';
    this.getRow = db.sqlite.prepare(`SELECT ${cols} FROM ${from} WHERE c.id = ?`);
    this.allRows = db.sqlite.prepare(`SELECT ${cols} FROM ${from} ORDER BY c.created_at`);
    this.dropSecrets = db.sqlite.prepare('DELETE FROM channel_secrets WHERE channel_id = ?');
    this.saveSecrets = db.sqlite.prepare(`INSERT INTO channel_secrets (channel_id, sealed, updated_at) VALUES (?, ?, ?)
      ON CONFLICT(channel_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`);
  }

  connector(kind: ChannelKind, field = 'kind', say: Say = both): Connector {
    const c = this.connectorFor(kind);
    if (!c) throw new ApiError('invalid_input', say(`暂不支持从 ${kind} 拉取订单（没有连接器）`, `no connector for kind "${kind}"`), field);
    return c;
  }

  create(ctx: WriteContext, input: { kind: ChannelKind; name: string; config: Record<string, unknown> }, say: Say = both, now = Date.now()): ChannelRecord {
    const conn = this.connector(input.kind, 'kind', say);
    const { plain, secret } = split(conn, input.config, say);
    this.endpoints.check(input.kind, plain.endpoint, say);
    // App secrets must be given up front; tokens come from 授权 (or are pasted later), other names may be
    // optional for the platform (the connector says what is missing).
    for (const f of conn.requiredSecrets ?? conn.secretFields) {
      if (!(f in secret)) {
        const label = CREDENTIAL_LABELS[input.kind]?.[f];
        throw new ApiError('invalid_input', say(`请填写 ${label?.zh ?? f}`, `${label?.en ?? f} is required for ${input.kind}`), `config.${f}`);
      }
    }
    const id = uuidv7();
    this.db.writes.run(ctx, (tx) => {
      // The PC that adds a shop polls it until someone picks another on the channels screen.
      tx.insert('channels', {
        id, kind: input.kind, name: input.name, platformShopId: null, configJson: JSON.stringify(plain),
        pollerDeviceId: this.db.writes.deviceId, paused: false, commissionBps: null, createdAt: now, updatedAt: now,
      });
      if (Object.keys(secret).length) this.saveSecrets.run(id, this.seal(secret), now);
    });
    return this.get(id)!;
  }

  /**
   * Config fields given replace the stored ones; a secret given as '' or omitted keeps its value —
   * unless the endpoint changes: then the stored secrets are dropped (only those given with the
   * change are kept), so nobody can send the shop's token to a host of their choosing.
   */
  update(ctx: WriteContext, id: string, input: { name?: string | undefined; config?: Record<string, unknown> | undefined }, say: Say = both, now = Date.now()): ChannelRecord {
    const row = this.row(id);
    const patch: Record<string, unknown> = { updatedAt: now };
    if (input.name !== undefined) patch.name = input.name;
    if (input.config) {
      const { plain, secret } = split(this.connector(row.kind, 'kind', say), input.config, say);
      const before = JSON.parse(row.configJson) as Record<string, unknown>;
      const moved = 'endpoint' in plain && !sameEndpoint(row.kind, before.endpoint, plain.endpoint);
      if ('endpoint' in plain) this.endpoints.check(row.kind, plain.endpoint, say);
      patch.configJson = JSON.stringify({ ...before, ...plain });
      // Secrets live on this PC only (channel_secrets); the audit and sync see that they changed, never the values.
      const given = Object.keys(secret).length > 0;
      const sealed = moved ? (given ? this.seal(secret) : null) : given ? this.seal({ ...this.unsealRow(row), ...secret }) : undefined;
      if (sealed !== undefined) {
        this.db.writes.run(ctx, (tx) => {
          if (sealed === null) this.dropSecrets.run(id);
          else this.saveSecrets.run(id, sealed, now);
          tx.update('channels', id, patch);
          tx.note({ entity: 'channels', entityId: id, action: sealed === null ? 'secrets_dropped' : 'secrets_changed', after: { fields: Object.keys(secret).sort(), endpointMoved: moved } });
        });
        return this.get(id)!;
      }
    }
    this.db.writes.run(ctx, (tx) => tx.update('channels', id, patch));
    return this.get(id)!;
  }

  /**
   * Tokens from 授权 or a refresh, sealed beside the shop's other secrets (this PC only); `drop`
   * removes fields (a refresh token that no longer matches). Plain settings the platform told us
   * (e.g. Douyin's shop_id) may come along. Audited as a note: which fields, never their values.
   */
  saveTokens(ctx: WriteContext, id: string, tokens: Record<string, string>, o: { drop?: readonly string[]; plain?: Record<string, string | number>; action: string }, now = Date.now()): void {
    const row = this.row(id);
    const merged = { ...this.unsealRow(row), ...tokens };
    for (const f of o.drop ?? []) delete merged[f];
    this.db.writes.run(ctx, (tx) => {
      this.saveSecrets.run(id, this.seal(merged), now);
      if (o.plain && Object.keys(o.plain).length) {
        const before = JSON.parse(row.configJson) as Record<string, unknown>;
        tx.update('channels', id, { configJson: JSON.stringify({ ...before, ...o.plain }), updatedAt: now });
      }
      tx.note({ entity: 'channels', entityId: id, action: o.action, after: { fields: Object.keys(tokens).sort(), dropped: [...(o.drop ?? [])] } });
    });
  }

  /** Which secret fields hold a value on this PC (never the values). */
  secretNames(id: string): string[] {
    return Object.keys(this.unsealRow(this.row(id))).sort();
  }

  setPaused(ctx: WriteContext, id: string, paused: boolean, now = Date.now()): void {
    this.row(id);
    this.db.writes.run(ctx, (tx) => tx.update('channels', id, { paused, updatedAt: now }));
  }

  /** The shop's printing settings, kept with its plain settings (synced; the write path audits before → after). */
  setPrinting(ctx: WriteContext, id: string, settings: { packingSlipAmounts: boolean }, now = Date.now()): void {
    const row = this.row(id);
    const before = JSON.parse(row.configJson) as Record<string, unknown>;
    if (before.packingSlipAmounts === settings.packingSlipAmounts || (!before.packingSlipAmounts && !settings.packingSlipAmounts)) return;
    this.db.writes.run(ctx, (tx) => tx.update('channels', id, { configJson: JSON.stringify({ ...before, packingSlipAmounts: settings.packingSlipAmounts }), updatedAt: now }));
  }

  /** Which team PC polls the shop, and after how many silent minutes another takes over. */
  setPoller(ctx: WriteContext, id: string, deviceId: string, failoverMinutes: number, now = Date.now()): void {
    this.row(id);
    this.db.writes.run(ctx, (tx) => tx.update('channels', id, { pollerDeviceId: deviceId, pollerFailoverMinutes: failoverMinutes, updatedAt: now }));
  }

  get(id: string): ChannelRecord | undefined {
    const row = this.getRow.get(id) as Row | undefined;
    return row && this.view(row);
  }

  list(): ChannelRecord[] {
    return (this.allRows.all() as Row[]).map((r) => this.view(r));
  }

  /**
   * Plain config plus unsealed secrets: main process only, for the connector. Refused (nothing
   * unsealed, nothing sent) when the endpoint is not allowed now — e.g. custom endpoints were
   * turned off after the channel was pointed elsewhere.
   */
  credentials(id: string): { endpoint: string; credentials: Record<string, string> } {
    const row = this.row(id);
    const plain = JSON.parse(row.configJson) as Record<string, unknown>;
    const refusal = this.endpoints.refusal(row.kind, plain.endpoint, both);
    if (refusal) throw new ConnectorError('refused', refusal);
    const all: Record<string, string> = {};
    for (const [k, v] of Object.entries(plain)) if (!(COMMON_FIELDS as readonly string[]).includes(k)) all[k] = String(v);
    Object.assign(all, this.unsealRow(row));
    return { endpoint: String(plain.endpoint ?? ''), credentials: all };
  }

  private row(id: string): Row {
    const row = this.getRow.get(id) as Row | undefined;
    if (!row) throw new ApiError('not_found', `没有这个店铺 / no channel with id "${id}"`, 'id');
    return row;
  }

  private view(row: Row): ChannelRecord {
    return {
      id: row.id, kind: row.kind, name: row.name, paused: Boolean(row.paused), config: JSON.parse(row.configJson),
      secretsSet: Object.keys(this.unsealRow(row)).sort(), pollerDeviceId: row.pollerDeviceId, pollerFailoverMinutes: row.pollerFailoverMinutes,
      createdAt: row.createdAt, updatedAt: row.updatedAt,
    };
  }

  private seal(secret: Record<string, string>): string {
    return this.secrets.encrypt(JSON.stringify(secret)).toString('base64');
  }

  private unsealRow(row: Row): Record<string, string> {
    if (!row.secretsSealed) return {};
    return JSON.parse(this.secrets.decrypt(Buffer.from(row.secretsSealed, 'base64'))) as Record<string, string>;
  }
}

function split(conn: Connector, config: Record<string, unknown>, say: Say): { plain: Record<string, string | number>; secret: Record<string, string> } {
  const plain: Record<string, string | number> = {};
  const secret: Record<string, string> = {};
  const known = new Set<string>([...COMMON_FIELDS, ...conn.credentialFields, ...conn.secretFields]);
  for (const [k, v] of Object.entries(config)) {
    if (v === undefined || v === null) continue;
    if (!known.has(k)) throw new ApiError('invalid_input', say(`${conn.kind} 没有配置项 "${k}"`, `unknown config field "${k}" for ${conn.kind}`), `config.${k}`);
    if (conn.secretFields.includes(k)) {
      if (String(v) !== '') secret[k] = String(v);
    } else if (typeof v === 'number' || typeof v === 'string') plain[k] = v;
    else throw new ApiError('invalid_input', say(`配置项 ${k} 必须是文字或数字`, `config.${k} must be text or a number`), `config.${k}`);
  }
  return { plain, secret };
}

import { uuidv7 } from '../kernel/ids';
import type { ErpSchedule } from '../../src-shared/contract/erp';
import { MAPPING_SCHEMA, type ErpMappingKind, type ErpPreset } from '../../src-shared/erp';
import { ApiError } from '../../src-shared/errors';
import type { Database, WriteContext } from '../db';
import type { SecretBox } from '../secrets/secret-box';
import { buildConnectionString, splitSecrets } from './odbc/connection-string';
import { presetOf } from './presets';

export type Say = (zh: string, en: string) => string;
const both: Say = (zh, en) => `${zh} / ${en}`;

export const DEFAULT_SCHEDULE: ErpSchedule = { enabled: true, nightly: '0 2 * * *', deltaMinutes: 5, pushSeconds: 10 };

export interface ConnectionRecord {
  id: string;
  name: string;
  preset: ErpPreset;
  readOnly: boolean;
  schedule: ErpSchedule;
  dsn: string | null;
  connectionString: string | null;
  user: string | null;
  passwordSet: boolean;
  configuredHere: boolean;
}

export interface AccessInput {
  dsn?: string | undefined;
  connectionString?: string | undefined;
  user?: string | undefined;
  password?: string | undefined;
}

interface Row {
  id: string; name: string; preset: ErpPreset; readOnly: number; scheduleJson: string;
  dsn: string | null; connectionString: string | null; user: string | null; passwordSealed: string | null; localAt: number | null;
}

/**
 * ERP connections and their mappings. The connection and its mappings are shared (synced, through
 * the write path); how this PC reaches the ERP (DSN or connection string, user, sealed password)
 * is local. The password is sealed by the SecretBox and only unsealed here, for the driver.
 */
export class ErpStore {
  private readonly getRow;
  private readonly allRows;
  private readonly upsertLocal;
  private readonly mappingRow;
  private readonly mappingRows;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {
    const cols = `c.id, c.name, c.preset, c.read_only AS readOnly, c.schedule_json AS scheduleJson, l.dsn, l.connection_string AS connectionString,
      l.user, l.password_sealed AS passwordSealed, l.updated_at AS localAt`;
    const from = 'erp_connections c LEFT JOIN erp_connection_local l ON l.connection_id = c.id';
    this.getRow = db.sqlite.prepare(`SELECT ${cols} FROM ${from} WHERE c.id = ?`);
    this.allRows = db.sqlite.prepare(`SELECT ${cols} FROM ${from} ORDER BY c.created_at`);
    this.upsertLocal = db.sqlite.prepare(
      `INSERT INTO erp_connection_local (connection_id, dsn, connection_string, user, password_sealed, updated_at) VALUES (@id, @dsn, @cs, @user, @pw, @now)
       ON CONFLICT(connection_id) DO UPDATE SET dsn = @dsn, connection_string = @cs, user = @user, password_sealed = @pw, updated_at = @now`,
    );
    this.mappingRow = db.sqlite.prepare('SELECT id, mapping_json AS mappingJson, updated_at AS updatedAt FROM erp_mappings WHERE connection_id = ? AND kind = ?');
    this.mappingRows = db.sqlite.prepare('SELECT kind, mapping_json AS mappingJson, updated_at AS updatedAt FROM erp_mappings WHERE connection_id = ? ORDER BY kind');
  }

  create(ctx: WriteContext, input: AccessInput & { name: string; preset: ErpPreset; readOnly: boolean }, say: Say = both, now = Date.now()): ConnectionRecord {
    const id = uuidv7();
    const local = this.localFrom(input, null, say);
    const preset = presetOf(input.preset);
    this.db.writes.run(ctx, (tx) => {
      tx.insert('erp_connections', {
        id, name: input.name, preset: input.preset, readOnly: input.readOnly, scheduleJson: JSON.stringify(DEFAULT_SCHEDULE), createdAt: now, updatedAt: now,
      });
      this.writeLocal(tx, id, local, now);
      for (const [kind, mapping] of Object.entries(preset?.mappings ?? {})) {
        tx.insert('erp_mappings', { id: uuidv7(), connectionId: id, kind, mappingJson: JSON.stringify(mapping), createdAt: now, updatedAt: now });
      }
    });
    return this.get(id)!;
  }

  update(ctx: WriteContext, id: string, input: AccessInput & { name?: string | undefined; readOnly?: boolean | undefined; schedule?: ErpSchedule | undefined }, say: Say = both, now = Date.now()): ConnectionRecord {
    const row = this.row(id, say);
    const accessGiven = input.dsn !== undefined || input.connectionString !== undefined || input.user !== undefined || Boolean(input.password);
    const local = accessGiven ? this.localFrom(input, row, say) : null;
    this.db.writes.run(ctx, (tx) => {
      const patch: Record<string, unknown> = {};
      if (input.name !== undefined) patch.name = input.name;
      if (input.readOnly !== undefined) patch.readOnly = input.readOnly;
      if (input.schedule !== undefined) patch.scheduleJson = JSON.stringify(input.schedule);
      if (Object.keys(patch).length && tx.update('erp_connections', id, patch)) tx.update('erp_connections', id, { updatedAt: now });
      if (local) this.writeLocal(tx, id, local, now);
    });
    return this.get(id)!;
  }

  remove(ctx: WriteContext, id: string, say: Say = both): void {
    this.row(id, say);
    const mappingIds = this.db.sqlite.prepare('SELECT id FROM erp_mappings WHERE connection_id = ?').pluck().all(id) as string[];
    this.db.writes.run(ctx, (tx) => {
      for (const m of mappingIds) tx.delete('erp_mappings', m);
      tx.delete('erp_connections', id);
      for (const t of ['erp_connection_local', 'erp_health', 'erp_pushes', 'erp_locks', 'erp_items', 'erp_rejects', 'erp_jobs']) {
        this.db.sqlite.prepare(`DELETE FROM ${t} WHERE connection_id = ?`).run(id);
      }
      this.db.sqlite.prepare('DELETE FROM erp_stock_latest WHERE connection_n = (SELECT n FROM erp_stock_keys WHERE id = ?)').run(id);
      tx.note({ entity: 'erp_connection_local', entityId: id, action: 'delete' });
    });
  }

  get(id: string): ConnectionRecord | undefined {
    const row = this.getRow.get(id) as Row | undefined;
    return row && view(row);
  }

  list(): ConnectionRecord[] {
    return (this.allRows.all() as Row[]).map(view);
  }

  /** The full connection string with the unsealed password: main process only, for the driver. */
  connectionString(id: string, say: Say = both): { connectionString: string; readOnly: boolean } {
    const row = this.row(id, say);
    if (!row.dsn && !row.connectionString) throw new ApiError('invalid_input', say('这台电脑还没有填写此 ERP 的数据源（DSN）', 'no DSN or connection string on this PC for this ERP link'), 'dsn');
    const password = row.passwordSealed ? this.secrets.decrypt(Buffer.from(row.passwordSealed, 'base64')) : null;
    return { connectionString: buildConnectionString({ dsn: row.dsn, connectionString: row.connectionString, user: row.user, password }), readOnly: Boolean(row.readOnly) };
  }

  mapping(id: string, kind: ErpMappingKind): unknown | null {
    const r = this.mappingRow.get(id, kind) as { mappingJson: string } | undefined;
    return r ? JSON.parse(r.mappingJson) : null;
  }

  mappings(id: string): { kind: ErpMappingKind; mapping: unknown; updatedAt: number }[] {
    return (this.mappingRows.all(id) as { kind: ErpMappingKind; mappingJson: string; updatedAt: number }[]).map((r) => ({
      kind: r.kind, mapping: JSON.parse(r.mappingJson), updatedAt: r.updatedAt,
    }));
  }

  saveMapping(ctx: WriteContext, id: string, kind: ErpMappingKind, mapping: unknown, say: Say = both, now = Date.now()): { kind: ErpMappingKind; mapping: unknown; updatedAt: number } {
    this.row(id, say);
    const parsed = parseMapping(kind, mapping, say);
    const existing = this.mappingRow.get(id, kind) as { id: string } | undefined;
    this.db.writes.run(ctx, (tx) => {
      if (existing) {
        if (tx.update('erp_mappings', existing.id, { mappingJson: JSON.stringify(parsed) })) tx.update('erp_mappings', existing.id, { updatedAt: now });
      } else {
        tx.insert('erp_mappings', { id: uuidv7(), connectionId: id, kind, mappingJson: JSON.stringify(parsed), createdAt: now, updatedAt: now });
      }
    });
    return { kind, mapping: parsed, updatedAt: now };
  }

  private row(id: string, say: Say): Row {
    const row = this.getRow.get(id) as Row | undefined;
    if (!row) throw new ApiError('not_found', say(`没有这个 ERP 连接（${id}）`, `no ERP connection with id "${id}"`), 'id');
    return row;
  }

  /** A pasted connection string's password moves into the sealed field; a password left empty keeps the stored one. */
  private localFrom(input: AccessInput, row: Row | null, say: Say): { dsn: string | null; cs: string | null; user: string | null; pw: string | null } {
    let cs = input.connectionString !== undefined ? input.connectionString || null : row?.connectionString ?? null;
    let dsn = input.dsn !== undefined ? input.dsn || null : row?.dsn ?? null;
    if (input.dsn) cs = null;
    if (input.connectionString) dsn = null;
    let user = input.user !== undefined ? input.user || null : row?.user ?? null;
    let password: string | null = input.password || null;
    if (cs) {
      let split;
      try {
        split = splitSecrets(cs);
      } catch (e) {
        throw new ApiError('invalid_input', say(`连接字符串无法解析：${(e as Error).message}`, `connection string: ${(e as Error).message}`), 'connectionString');
      }
      cs = split.clean;
      user = user ?? split.user;
      password = password ?? split.password;
    }
    if (!dsn && !cs) throw new ApiError('invalid_input', say('请填写数据源名称（DSN）或连接字符串', 'give a DSN or a connection string'), 'dsn');
    const pw = password ? this.secrets.encrypt(password).toString('base64') : row?.passwordSealed ?? null;
    return { dsn, cs, user, pw };
  }

  /** Local row written inside the caller's write-path transaction, with an audit note that never holds the password. */
  private writeLocal(tx: { note(e: { entity: string; entityId?: string | null; action: string; after?: unknown }): void }, id: string, l: { dsn: string | null; cs: string | null; user: string | null; pw: string | null }, now: number): void {
    this.upsertLocal.run({ id, dsn: l.dsn, cs: l.cs, user: l.user, pw: l.pw, now });
    tx.note({ entity: 'erp_connection_local', entityId: id, action: 'set', after: { dsn: l.dsn, connectionString: l.cs, user: l.user, passwordSet: Boolean(l.pw) } });
  }
}

export function parseMapping(kind: ErpMappingKind, mapping: unknown, say: Say = both): unknown {
  const r = MAPPING_SCHEMA[kind].safeParse(mapping);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const field = ['mapping', ...issue.path.map(String)].join('.');
  throw new ApiError('invalid_input', say(`映射“${field}”不正确：${issue.message}`, `mapping field "${field}": ${issue.message}`), field);
}

function view(r: Row): ConnectionRecord {
  return {
    id: r.id, name: r.name, preset: r.preset, readOnly: Boolean(r.readOnly), schedule: { ...DEFAULT_SCHEDULE, ...(JSON.parse(r.scheduleJson) as Partial<ErpSchedule>) },
    dsn: r.dsn, connectionString: r.connectionString, user: r.user, passwordSet: Boolean(r.passwordSealed), configuredHere: Boolean(r.dsn || r.connectionString),
  };
}

import type { Database } from '../db';
import type { SecretBox } from '../secrets/secret-box';

/**
 * What sync keeps on this PC: small facts in meta (cloud URL, cursor, last push and pull), the
 * device token sealed by the SecretBox in local_settings, and the sync log screen's entries.
 */
export class SyncStore {
  private readonly getMeta;
  private readonly setMeta;
  private readonly insertLog;
  private readonly trimLog;

  constructor(
    private readonly db: Database,
    private readonly secrets: SecretBox,
  ) {
    this.getMeta = db.sqlite.prepare('SELECT value FROM meta WHERE key = ?').pluck();
    this.setMeta = db.sqlite.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    this.insertLog = db.sqlite.prepare('INSERT INTO sync_log (at, kind, count, code, params_json) VALUES (?, ?, ?, ?, ?)');
    // The log screen shows recent history; older entries go so the table stays small.
    this.trimLog = db.sqlite.prepare('DELETE FROM sync_log WHERE id <= (SELECT max(id) FROM sync_log) - 2000');
  }

  get(key: string): string | null {
    return (this.getMeta.get(key) as string | undefined) ?? null;
  }

  set(key: string, value: string): void {
    this.setMeta.run(key, value);
  }

  log(kind: string, count: number, code: string | null, params: Record<string, unknown> | null): void {
    const id = Number(this.insertLog.run(Date.now(), kind, count, code, params ? JSON.stringify(params) : null).lastInsertRowid);
    if (id % 100 === 0) this.trimLog.run();
  }

  token(): string | null {
    const row = this.db.sqlite.prepare(`SELECT value_json FROM local_settings WHERE key = 'sync.token'`).pluck().get() as string | undefined;
    return row ? this.secrets.decrypt(Buffer.from(JSON.parse(row) as string, 'base64')) : null;
  }

  saveToken(token: string): void {
    this.db.sqlite
      .prepare(`INSERT INTO local_settings (key, value_json, updated_at) VALUES ('sync.token', ?, ?)
        ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at`)
      .run(JSON.stringify(this.secrets.encrypt(token).toString('base64')), Date.now());
  }

  conflicts(): number {
    return this.db.sqlite.prepare(`SELECT coalesce(sum(count), 0) FROM sync_log WHERE kind IN ('refused', 'conflict')`).pluck().get() as number;
  }
}

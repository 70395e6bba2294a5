import type { Sqlite } from '../db';
import type { SecretBox } from './secret-box';

/**
 * Secrets of robots and of the tracking account, sealed by this PC's SecretBox in the local table
 * `sealed_secrets` (never synced: another PC's keychain could not open them). Values are JSON;
 * only main reads them back, to call the service they belong to.
 */
export class SealedSecrets {
  private readonly get;
  private readonly put;
  private readonly del;

  constructor(sqlite: Sqlite, private readonly box: SecretBox) {
    this.get = sqlite.prepare('SELECT sealed FROM sealed_secrets WHERE owner_kind = ? AND owner_id = ?').pluck();
    this.put = sqlite.prepare(
      `INSERT INTO sealed_secrets (owner_kind, owner_id, sealed, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (owner_kind, owner_id) DO UPDATE SET sealed = excluded.sealed, updated_at = excluded.updated_at`,
    );
    this.del = sqlite.prepare('DELETE FROM sealed_secrets WHERE owner_kind = ? AND owner_id = ?');
  }

  read<T extends Record<string, string>>(kind: 'robot' | 'tracking', id: string): Partial<T> {
    const sealed = this.get.get(kind, id) as string | undefined;
    if (!sealed) return {};
    return JSON.parse(this.box.decrypt(Buffer.from(sealed, 'base64'))) as Partial<T>;
  }

  /** Merges a change: a value replaces, '' removes, undefined keeps. */
  write(kind: 'robot' | 'tracking', id: string, change: Record<string, string | undefined>, now: number): void {
    const next: Record<string, string> = { ...(this.read(kind, id) as Record<string, string>) };
    for (const [k, v] of Object.entries(change)) {
      if (v === undefined) continue;
      if (v === '') delete next[k];
      else next[k] = v;
    }
    if (!Object.keys(next).length) this.del.run(kind, id);
    else this.put.run(kind, id, this.box.encrypt(JSON.stringify(next)).toString('base64'), now);
  }

  remove(kind: 'robot' | 'tracking', id: string): void {
    this.del.run(kind, id);
  }
}

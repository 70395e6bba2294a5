import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase, type Database, type MigrationProgress } from '../db';
import type { SecretBox } from './secret-box';

/**
 * The audit chain's key (house plan: records chained with a key kept outside the database):
 * 32 random bytes, sealed by the SecretBox (the OS keychain in Electron, the 0600 file key in the
 * headless host) into `<dataDir>/audit-chain.key`. Someone with only the database file cannot
 * recompute a keyed link; someone with the data folder AND the SecretBox's key can.
 */
export function loadAuditKey(dataDir: string, box: SecretBox): Buffer {
  const file = join(dataDir, 'audit-chain.key');
  if (!existsSync(file)) {
    const key = randomBytes(32);
    writeFileSync(file, box.encrypt(key.toString('base64')), { mode: 0o600, flag: 'wx' });
    return key;
  }
  let key: Buffer;
  try {
    key = Buffer.from(box.decrypt(readFileSync(file)), 'base64');
  } catch (e) {
    throw new Error(
      `无法打开审计链密钥 ${file}（密钥库已更换？）：${(e as Error).message} / ` +
        `cannot open the audit chain key ${file} (was the secret store replaced?): ${(e as Error).message}`,
    );
  }
  if (key.length !== 32) throw new Error(`${file} is not a 32-byte key`);
  return key;
}

/** Where the signed audit checkpoint lives: beside the database it vouches for. */
export const checkpointPath = (dataDir: string) => join(dataDir, 'orderhub.db.audit-head');

/**
 * Opens the workspace's database the way the app does: migrated, and its write path keying the
 * audit chain. Every process or worker that WRITES to a workspace opens it this way (a write path
 * without the key refuses to append to a keyed chain rather than weaken it).
 */
export async function openKeyedDatabase(
  dataDir: string, box: SecretBox, onMigrating?: (p: MigrationProgress) => void, freeBytes?: (dir: string) => number,
): Promise<Database> {
  const db = await openDatabase(join(dataDir, 'orderhub.db'), undefined, onMigrating, freeBytes);
  try {
    db.writes.useAuditKey(loadAuditKey(dataDir, box), checkpointPath(dataDir));
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

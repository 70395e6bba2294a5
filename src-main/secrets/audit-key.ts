import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

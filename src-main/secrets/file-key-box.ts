import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretBox } from './secret-box';

const VERSION = 1;

/** AES-256-GCM with a random key kept in `<dataDir>/secret.key`, readable only by its owner. */
export function fileKeyBox(dataDir: string): SecretBox {
  const keyFile = join(dataDir, 'secret.key');
  if (!existsSync(keyFile)) writeFileSync(keyFile, randomBytes(32), { mode: 0o600, flag: 'wx' });
  chmodSync(keyFile, 0o600);
  const key = readFileSync(keyFile);
  if (key.length !== 32) throw new Error(`${keyFile} is not a 32-byte key`);
  return keyBox(key, 'file-key');
}

/**
 * AES-256-GCM with a key held in memory: the file key above, or (Electron) the workspace's data
 * key that the OS keychain unsealed for this run.
 */
export function keyBox(key: Uint8Array, kind: string): SecretBox {
  if (key.length !== 32) throw new Error('a secret key is 32 bytes');
  const k = Buffer.from(key);
  return {
    kind,
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', k, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
    },
    decrypt(sealed) {
      if (sealed[0] !== VERSION) throw new Error('unknown secret format');
      const decipher = createDecipheriv('aes-256-gcm', k, sealed.subarray(1, 13));
      decipher.setAuthTag(sealed.subarray(13, 29));
      return Buffer.concat([decipher.update(sealed.subarray(29)), decipher.final()]).toString('utf8');
    },
  };
}

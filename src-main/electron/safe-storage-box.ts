import { safeStorage } from 'electron';
import type { SecretBox } from '../secrets/secret-box';

/** Secrets sealed with the OS keychain (DPAPI, Keychain, libsecret) through Electron safeStorage. */
export function safeStorageBox(): SecretBox {
  if (!safeStorage.isEncryptionAvailable()) {
    throw new Error('OS encryption (safeStorage) is not available: secrets cannot be stored safely');
  }
  return {
    kind: 'safeStorage',
    encrypt: (plain) => safeStorage.encryptString(plain),
    decrypt: (sealed) => safeStorage.decryptString(sealed),
  };
}

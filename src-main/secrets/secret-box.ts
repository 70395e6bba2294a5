/**
 * Encrypts secrets at rest (platform keys, ERP passwords, webhook secrets). Electron's
 * safeStorage in the app, a 0600 file key in the headless host. Secrets are write-only
 * from the UI: nothing that decrypts ever answers the renderer.
 */
export interface SecretBox {
  readonly kind: string;
  encrypt(plain: string): Buffer;
  decrypt(sealed: Buffer): string;
}

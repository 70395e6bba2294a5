import { createCipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes } from 'node:crypto';
import { SEAL_INFO, type SealedBox } from '../src-shared/sync/platform-auth';

/**
 * Seals a callback's payload for the one PC that started the flow: an ephemeral X25519 key
 * agreement with the flow's public key, HKDF-SHA256 (salt = our ephemeral public key, info =
 * SEAL_INFO + flow id), AES-256-GCM with the flow id as associated data. Only the PC holding the
 * flow's private key opens it (src-main/channels/auth/flow-key.ts).
 */
export function sealFor(publicKeyB64: string, flowId: string, plaintext: string): SealedBox {
  const pc = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: publicKeyB64 }, format: 'jwk' });
  const eph = generateKeyPairSync('x25519');
  const epk = eph.publicKey.export({ format: 'jwk' }).x!;
  const shared = diffieHellman({ privateKey: eph.privateKey, publicKey: pc });
  const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(epk, 'base64url'), Buffer.from(SEAL_INFO + flowId), 32));
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(flowId));
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return { epk, iv: iv.toString('base64url'), ct: ct.toString('base64url'), tag: cipher.getAuthTag().toString('base64url') };
}

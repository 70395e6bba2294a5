import { createDecipheriv, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, type KeyObject } from 'node:crypto';
import { SEAL_INFO, type SealedBox } from '../../../src-shared/sync/platform-auth';

/**
 * One X25519 key pair per callback flow. The public half goes to the cloud with the flow; the
 * private half stays in this process's memory and opens the one box the cloud seals for the flow
 * (the cloud's side: src-cloud/seal.ts). A restart forgets it: that flow is simply started again.
 */
export class FlowKey {
  private readonly privateKey: KeyObject;
  /** Raw 32-byte public key, base64url. */
  readonly publicKey: string;

  constructor() {
    const pair = generateKeyPairSync('x25519');
    this.privateKey = pair.privateKey;
    this.publicKey = pair.publicKey.export({ format: 'jwk' }).x!;
  }

  /** Opens a box sealed for this key and this flow; throws when it was not (or was tampered with). */
  open(box: SealedBox, flowId: string): string {
    const epk = createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: box.epk }, format: 'jwk' });
    const shared = diffieHellman({ privateKey: this.privateKey, publicKey: epk });
    const key = Buffer.from(hkdfSync('sha256', shared, Buffer.from(box.epk, 'base64url'), Buffer.from(SEAL_INFO + flowId), 32));
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(box.iv, 'base64url'));
    decipher.setAAD(Buffer.from(flowId));
    decipher.setAuthTag(Buffer.from(box.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(box.ct, 'base64url')), decipher.final()]).toString('utf8');
  }
}

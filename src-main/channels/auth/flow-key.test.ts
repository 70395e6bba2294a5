import { describe, expect, it } from 'vitest';
import { sealFor } from '../../../src-cloud/seal';
import { FlowKey } from './flow-key';

// The cloud seals (src-cloud/seal.ts), the PC opens: the two halves of one format.
describe('the sealed box a callback code travels in', () => {
  it('opens on the PC that made the flow key, for that flow only', () => {
    const key = new FlowKey();
    const flow = '0190f0c2-7a3e-7cc0-9f1e-3b1d2c4e5f60';
    const box = sealFor(key.publicKey, flow, JSON.stringify({ code: 'abc123', params: {} }));
    expect(JSON.stringify(box)).not.toContain('abc123');
    expect(JSON.parse(key.open(box, flow)).code).toBe('abc123');
    // Another flow's id, another key, or a changed byte: it does not open.
    expect(() => key.open(box, '0190f0c2-7a3e-7cc0-9f1e-3b1d2c4e5f61')).toThrow();
    expect(() => new FlowKey().open(box, flow)).toThrow();
    const tampered = { ...box, ct: Buffer.from(Buffer.from(box.ct, 'base64url').map((b, i) => (i === 0 ? b ^ 1 : b))).toString('base64url') };
    expect(() => key.open(tampered, flow)).toThrow();
  });

  it('the public key is a raw X25519 key the protocol accepts (43 base64url characters)', () => {
    expect(new FlowKey().publicKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

import { createHash, randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** Tokens and codes are stored hashed: a leaked database does not let anyone act as a device. */
export const sha256 = (s: string): string => createHash('sha256').update(s).digest('hex');

export const newToken = (): string => randomBytes(32).toString('base64url');

/** A one-time enrolment code a person can type: 4 groups of 4 from an alphabet without look-alikes. */
export function newCode(): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
  const bytes = randomBytes(16);
  let out = '';
  for (let i = 0; i < 16; i++) out += alphabet[bytes[i]! % alphabet.length] + (i % 4 === 3 && i < 15 ? '-' : '');
  return out;
}

export const normaliseCode = (code: string): string => code.trim().toUpperCase().replace(/[^A-Z0-9]/g, '');

/**
 * Checks a password against the desktop's stored hash (`scrypt$N$salt$hash`, base64), so people
 * sign in to the cloud with the account they use on the desktop. Same parameters as
 * src-main/auth/passwords.ts (the cloud shares src-shared only, so the check lives here too).
 */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !salt || !hash) return Promise.resolve(false);
  const expected = Buffer.from(hash, 'base64');
  return new Promise((resolve) =>
    scrypt(password.normalize('NFKC'), Buffer.from(salt, 'base64'), expected.length, { N: Number(n), r: 8, p: 1, maxmem: 64 * 1024 * 1024 }, (err, key) =>
      resolve(!err && key.length === expected.length && timingSafeEqual(key, expected)),
    ),
  );
}

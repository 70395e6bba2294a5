import { createHash } from 'node:crypto';

/** A PDD param value as it is signed: objects/arrays as JSON, booleans lowercase. */
export function pddParamText(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

/**
 * PDD POP sign: every param except `sign` (nulls dropped), keys in ordinal order,
 * HEX_UPPER(MD5(client_secret + k1v1k2v2… + client_secret)).
 */
export function pddSign(params: Readonly<Record<string, unknown>>, clientSecret: string): string {
  const text = Object.keys(params)
    .filter((k) => k !== 'sign' && pddParamText(params[k]) !== null)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => k + pddParamText(params[k]))
    .join('');
  return createHash('md5').update(clientSecret + text + clientSecret, 'utf8').digest('hex').toUpperCase();
}

import { createHash, createHmac } from 'node:crypto';

/** TOP sign methods: md5 wraps the secret around the text; hmac is HMAC-MD5 keyed by the secret. */
export const TOP_SIGN_METHODS = ['md5', 'hmac', 'hmac-sha256'] as const;
export type TopSignMethod = (typeof TOP_SIGN_METHODS)[number];

/**
 * TaobaoUtils.signTopRequest: every param except `sign` with a non-empty key and value,
 * keys in ordinal order, concatenated as key+value without separators or URL encoding.
 */
export function topSignText(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .filter((k) => k !== 'sign' && k !== '' && params[k] !== undefined && params[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => k + params[k])
    .join('');
}

export function topSign(params: Readonly<Record<string, string>>, secret: string, method: TopSignMethod): string {
  const text = topSignText(params);
  switch (method) {
    case 'md5':
      return createHash('md5').update(secret + text + secret, 'utf8').digest('hex').toUpperCase();
    case 'hmac':
      return createHmac('md5', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('hex').toUpperCase();
    case 'hmac-sha256':
      return createHmac('sha256', Buffer.from(secret, 'utf8')).update(text, 'utf8').digest('hex').toUpperCase();
  }
}

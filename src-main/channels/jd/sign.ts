import { createHash } from 'node:crypto';

/**
 * JD JOS signature: HEX_UPPER(MD5(app_secret + concat(sorted key+value) + app_secret)) over every
 * request parameter except `sign` (system params and `360buy_param_json` alike), skipping empty
 * values. Keys sort by code unit, values are raw (not URL-encoded) UTF-8.
 */
export function jdSign(params: Readonly<Record<string, string>>, appSecret: string): string {
  const body = Object.keys(params)
    .filter((k) => k !== 'sign' && k !== '' && params[k] !== undefined && params[k] !== '')
    .sort()
    .map((k) => k + params[k])
    .join('');
  return createHash('md5').update(appSecret + body + appSecret, 'utf8').digest('hex').toUpperCase();
}

import { ConnectorError } from '../connector';
import { saysTooFrequent } from '../wire/limit-words';
import { scalarText, type JsonObject } from '../wire/json';

/**
 * PDD error_response {error_code, error_msg, sub_code, sub_msg} → ConnectorError.
 * Confirmed codes: 20004 bad signature, 10019 access_token expired, 10000 parameter error,
 * 50001 business error. The rate-limit code is not documented publicly: 70031 and any answer
 * whose words say calls are too frequent (频繁 / 限流 / limit, in the message or sub-code) are
 * rate limits, whatever the code; an isp.* sub-code is the platform's own trouble (retried); any
 * other code is 'unknown' (retried a few times).
 */
const AUTH_CODES = new Set([10019, 20004]);
const INVALID_CODES = new Set([10000, 50001, 20005]);
const LIMIT_CODES = new Set([70031]);

export function pddError(err: JsonObject): ConnectorError {
  const code = Number(scalarText(err.error_code));
  const msg = scalarText(err.error_msg) ?? '';
  const subCode = scalarText(err.sub_code) ?? '';
  const subMsg = scalarText(err.sub_msg) ?? '';
  const platformCode = subCode && subCode !== String(code) ? `${code}/${subCode}` : String(code);
  const text = `pdd: ${code} ${msg}${subMsg && subMsg !== msg ? ` (${subMsg})` : ''}`;
  if (AUTH_CODES.has(code) || /access_token/i.test(subCode)) return new ConnectorError('auth', text, { platformCode });
  if (LIMIT_CODES.has(code) || saysTooFrequent(msg, subMsg, subCode)) {
    return new ConnectorError('rate_limited', text, { platformCode, retryAfterMs: 1000 });
  }
  if (subCode.startsWith('isp.')) return new ConnectorError('transient', text, { platformCode });
  if (INVALID_CODES.has(code)) return new ConnectorError('invalid_request', text, { platformCode });
  return new ConnectorError('unknown', text, { platformCode });
}

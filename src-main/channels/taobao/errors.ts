import { ConnectorError } from '../connector';
import { saysTooFrequent } from '../wire/limit-words';
import { scalarText, type JsonObject } from '../wire/json';

/**
 * TOP error_response {code, msg, sub_code, sub_msg} (HTTP 200) → ConnectorError.
 * Codes from the official error list (PLATFORMS.md §1.5). Call limits: codes 4–8, any
 * accesscontrol.* sub-code, and any answer whose words say calls are too frequent (e.g. a
 * code 15 with an isp.*-limit sub-code). isp.* sub-codes are the platform's own failures
 * (retried); a code outside the list is 'unknown' (retried a few times).
 */
const AUTH_CODES = new Set([11, 12, 24, 25, 26, 27, 28, 29]);
const LIMIT_CODES = new Set([4, 5, 6, 7, 8]);
const TRANSIENT_CODES = new Set([10]);
/** The rest of the documented list: our request or the caller's business error. */
const REQUEST_CODES = new Set([9, 15, 21, 22, 23, 30, 31, 32, 33, 34, 40, 41, 42, 43]);

export function taobaoError(err: JsonObject): ConnectorError {
  const code = Number(scalarText(err.code));
  const msg = scalarText(err.msg) ?? '';
  const subCode = scalarText(err.sub_code) ?? '';
  const subMsg = scalarText(err.sub_msg) ?? '';
  const platformCode = subCode ? `${code}/${subCode}` : String(code);
  const text = `taobao: ${code} ${msg}${subCode ? ` (${subCode}${subMsg ? `: ${subMsg}` : ''})` : ''}`;
  if (AUTH_CODES.has(code) || subCode.startsWith('isv.invalid-sessionkey') || subCode === 'invalid-sessionkey' || subCode === 'session-expired') {
    return new ConnectorError('auth', text, { platformCode });
  }
  if (LIMIT_CODES.has(code) || subCode.startsWith('accesscontrol.') || saysTooFrequent(subCode, subMsg, msg)) {
    return new ConnectorError('rate_limited', text, { platformCode, retryAfterMs: banMs(subMsg) });
  }
  // isp.* sub-codes are the platform's own failures: retryable.
  if (TRANSIENT_CODES.has(code) || subCode.startsWith('isp.')) return new ConnectorError('transient', text, { platformCode });
  if (code === 31) {
    return new ConnectorError('invalid_request', `${text} — 本机时钟与北京时间相差超过10分钟，请校准系统时间`, { platformCode });
  }
  if (REQUEST_CODES.has(code)) return new ConnectorError('invalid_request', text, { platformCode });
  return new ConnectorError('unknown', text, { platformCode });
}

/** "This ban will last for 12 more seconds" → 12000 ms; 1 s when the text says nothing. */
function banMs(subMsg: string): number {
  const m = /(\d+)\s*more\s*seconds?/i.exec(subMsg);
  return m ? Number(m[1]) * 1000 : 1000;
}

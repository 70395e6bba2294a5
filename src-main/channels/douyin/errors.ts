import { ConnectorError } from '../connector';
import { saysTooFrequent } from '../wire/limit-words';
import { scalarText, type JsonObject } from '../wire/json';

/**
 * Doudian envelope {code, msg, sub_code, sub_msg}: success is 10000. Codes from the platform's
 * base error table (平台基础错误码汇总): 20000/20001 service down or timed out, 30001 no
 * permission / authorisation closed, 30002 IP not whitelisted, 40001 missing params,
 * 40003 invalid params (signature, access_token, app_key, timestamp), 40004 business params,
 * 50001 token generation failed, 50002 business failure, 60000 rate limited, 70000 API offline,
 * 90000 other. A 50002 whose sub_code is the platform's own (isp.*) or whose words say calls
 * are too frequent is a rate limit, as is any code whose words say so; a code not in the table
 * is 'unknown' (retried a few times).
 */
const AUTH_SUB = /signature|access-token|app-id|authorization|app-key|app-forbidden|app-permissions/;
const RATE_LIMIT_MS = 1000;

export function douyinError(body: JsonObject): ConnectorError {
  const code = Number(scalarText(body.code));
  const msg = scalarText(body.msg) ?? '';
  const subCode = scalarText(body.sub_code) ?? '';
  const subMsg = scalarText(body.sub_msg) ?? '';
  const platformCode = subCode ? `${code}/${subCode}` : String(code);
  const text = `douyin: ${code} ${msg}${subCode ? ` (${subCode}${subMsg ? `: ${subMsg}` : ''})` : ''}`;
  const limited = () => new ConnectorError('rate_limited', text, { platformCode, retryAfterMs: RATE_LIMIT_MS });
  if (code === 30001 || code === 30002 || code === 50001 || ((code === 40001 || code === 40003) && AUTH_SUB.test(subCode))) {
    return new ConnectorError('auth', text, { platformCode });
  }
  if (code === 60000 || saysTooFrequent(subCode, subMsg, msg)) return limited();
  if (code === 50002 && subCode.startsWith('isp.')) return limited();
  if (code === 20000 || code === 20001 || code === 90000 || subCode.startsWith('isp.')) return new ConnectorError('transient', text, { platformCode });
  if (code === 40001 || code === 40003 || code === 40004 || code === 50002 || code === 70000) {
    return new ConnectorError('invalid_request', text, { platformCode });
  }
  return new ConnectorError('unknown', text, { platformCode });
}

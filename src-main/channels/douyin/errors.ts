import { ConnectorError } from '../connector';
import { scalarText, type JsonObject } from '../wire/json';

/**
 * Doudian envelope {code, msg, sub_code, sub_msg}: success is 10000. Codes from the platform's
 * base error table (平台基础错误码汇总): 20000/20001 service down or timed out, 30001 no
 * permission / authorisation closed, 30002 IP not whitelisted, 40001 missing params,
 * 40003 invalid params (signature, access_token, app_key, timestamp), 40004 business params,
 * 50002 business failure, 60000 rate limited, 70000 API offline, 90000 other.
 */
const AUTH_SUB = /signature|access-token|app-id|authorization|app-key|app-forbidden|app-permissions/;

export function douyinError(body: JsonObject): ConnectorError {
  const code = Number(scalarText(body.code));
  const msg = scalarText(body.msg) ?? '';
  const subCode = scalarText(body.sub_code) ?? '';
  const subMsg = scalarText(body.sub_msg) ?? '';
  const platformCode = subCode ? `${code}/${subCode}` : String(code);
  const text = `douyin: ${code} ${msg}${subCode ? ` (${subCode}${subMsg ? `: ${subMsg}` : ''})` : ''}`;
  if (code === 30001 || code === 30002 || ((code === 40001 || code === 40003) && AUTH_SUB.test(subCode))) {
    return new ConnectorError('auth', text, { platformCode });
  }
  if (code === 60000) return new ConnectorError('rate_limited', text, { platformCode, retryAfterMs: 1000 });
  if (code === 20000 || code === 20001 || code === 90000) return new ConnectorError('transient', text, { platformCode });
  return new ConnectorError('invalid_request', text, { platformCode });
}

/**
 * A shop's 授权 as the channel screen shows it (channels.list → ChannelView.auth), and the words
 * for what went wrong. Reasons are a code and parameters (house invariant 12).
 */
export type AuthProblemCode =
  /** The platform refused to renew the token: the merchant must authorise again. */
  | 'auth.renew_refused'
  /** The token expired and nothing could renew it. */
  | 'auth.expired'
  /** A token that cannot be renewed expires soon (e.g. a Taobao 商家后台 app's fixed-length token). */
  | 'auth.expiring'
  /** Renewal failed for now (network, rate limit); retried before the token expires. */
  | 'auth.renew_retrying';

export interface AuthProblem {
  code: AuthProblemCode;
  params: { message?: string; at?: number; failures?: number };
  at: number;
}

export interface ChannelAuthView {
  method: 'direct' | 'callback' | 'manual';
  renewal: 'refresh_token' | 'regrant' | 'none';
  authorizedAt: number;
  renewedAt: number | null;
  accessExpiresAt: number | null;
  refreshExpiresAt: number | null;
  nextRenewalAt: number | null;
  shopName: string | null;
  problem: AuthProblem | null;
}

/** Words for a problem; `when` formats a time in the reader's zone. */
export function authProblemWords(p: Pick<AuthProblem, 'code' | 'params'>, lang: 'zh' | 'en', when: (ms: number) => string): string {
  const m = p.params.message ? (lang === 'zh' ? `（平台答复：${p.params.message}）` : ` (the platform said: ${p.params.message})`) : '';
  switch (p.code) {
    case 'auth.renew_refused':
      return lang === 'zh' ? `授权续期失败，请重新授权${m}` : `Renewing the authorisation failed; authorise again${m}`;
    case 'auth.expired':
      return lang === 'zh' ? `授权已过期，请重新授权${m}` : `The authorisation has expired; authorise again${m}`;
    case 'auth.expiring':
      return lang === 'zh'
        ? `授权将于 ${p.params.at ? when(p.params.at) : '近期'} 到期，平台不支持自动续期，请到期前重新授权`
        : `The authorisation expires ${p.params.at ? `at ${when(p.params.at)}` : 'soon'} and the platform cannot renew it: authorise again before then`;
    case 'auth.renew_retrying':
      return lang === 'zh' ? `授权续期暂未成功，稍后自动重试${m}` : `Renewing the authorisation did not work yet; retrying${m}`;
  }
}

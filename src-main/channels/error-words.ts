import { ConnectorError } from './connector';

/** A poll failure in words for the channel screen (Chinese first, the platform's own message kept). */
export function describeError(e: unknown): string {
  if (e instanceof ConnectorError) {
    const code = e.detail.platformCode ? ` [${e.detail.platformCode}]` : '';
    switch (e.kind) {
      case 'auth':
        return `授权失效，请重新授权：${e.message}${code}`;
      case 'rate_limited':
        return `平台限流，稍后自动重试：${e.message}${code}`;
      case 'transient':
        return `平台暂时不可用，稍后自动重试：${e.message}${code}`;
      case 'invalid_request':
        return `请求被平台拒绝：${e.message}${code}`;
      case 'unknown':
        return `平台返回了未知错误，重试几次仍未成功，稍后再拉取：${e.message}${code}`;
      case 'refused':
        return `店铺设置需要修改，未向平台发送任何请求：${e.message}`;
    }
  }
  const msg = e instanceof Error ? e.message : String(e);
  return `网络或内部错误，稍后自动重试：${msg}`;
}

import { flowIdSchema, flowStartSchema } from '../../src-shared/sync/platform-auth';
import { ackFlow, CALLBACK_PATH, flowResult, receiveCallback, startFlow, type CallbackOutcome } from '../platform-auth';
import { authDevice } from '../workspace';
import type { Route } from './route';

/**
 * The platforms' authorisation callback and the enrolled PC's side of it
 * (src-shared/sync/platform-auth.ts): start a flow, the browser's return, fetch the sealed code, acknowledge.
 */
export const platformAuthRoutes: Route[] = [
  {
    method: 'POST', path: '/v1/platform-auth/flows',
    handle: async ({ store, token, body, publicUrl }) => startFlow(store, await authDevice(store, token), flowStartSchema.parse(body), publicUrl),
  },
  {
    method: 'GET', path: '/v1/platform-auth/flow',
    handle: async ({ store, token, query }) => flowResult(store, await authDevice(store, token), flowIdSchema.parse(query).id),
  },
  {
    method: 'POST', path: '/v1/platform-auth/flow/ack',
    handle: async ({ store, token, body }) => ackFlow(store, await authDevice(store, token), flowIdSchema.parse(body).id),
  },
  {
    method: 'GET', path: CALLBACK_PATH,
    handle: async ({ store, query, res }) => {
      const { outcome } = await receiveCallback(store, query);
      const page = PAGES[outcome];
      const html = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>OrderHub 授权</title><style>body{font-family:system-ui,"Microsoft YaHei",sans-serif;max-width:32em;margin:4em auto;padding:0 1em;color:#222}
h1{font-size:1.4em}p{line-height:1.6}.en{color:#888;font-size:.9em}</style></head>
<body><h1 data-outcome="${outcome}">${page.zh}</h1><p>${page.zhMore}</p><p class="en">${page.en}</p></body></html>`;
      // The page says nothing a person typed or a platform sent back: only fixed words.
      res.writeHead(page.status, {
        'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer',
        'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'", 'x-content-type-options': 'nosniff',
      });
      res.end(html);
      return undefined;
    },
  },
];

const PAGES: Record<CallbackOutcome, { status: number; zh: string; zhMore: string; en: string }> = {
  arrived: {
    status: 200, zh: '授权已送达 OrderHub', zhMore: '可以关闭此页面，回到 OrderHub 查看店铺状态。',
    en: 'The authorisation reached OrderHub. You may close this page and return to OrderHub.',
  },
  already: {
    status: 200, zh: '此授权已经收到', zhMore: '无需重复操作，可以关闭此页面。',
    en: 'This authorisation was already received. You may close this page.',
  },
  refused: {
    status: 200, zh: '未授权', zhMore: '平台表示授权被取消或拒绝。如需连接店铺，请回到 OrderHub 再点一次“授权”。',
    en: 'The platform says the authorisation was cancelled or refused. Click Authorise in OrderHub to try again.',
  },
  unknown: {
    status: 400, zh: '授权链接已失效', zhMore: '链接已过期（10 分钟内有效）或已使用。请回到 OrderHub 重新点击“授权”。',
    en: 'This link has expired (it is valid for 10 minutes) or was used. Click Authorise in OrderHub again.',
  },
  incomplete: {
    status: 400, zh: '授权信息不完整', zhMore: '平台返回的地址缺少授权码。请回到 OrderHub 重新点击“授权”。',
    en: 'The platform sent no authorisation code. Click Authorise in OrderHub again.',
  },
};

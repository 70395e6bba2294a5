import type { Handlers } from '../../kernel/call';
import type { ChannelsService } from '../service';

type AuthCalls = 'channels.authorize' | 'channels.authorizeStatus';

/** 授权: direct now, or the callback flow's authorise URL; and how a callback flow stands. */
export function channelAuthHandlers(svc: ChannelsService): Pick<Handlers, AuthCalls> {
  const { authorizer, flows } = svc.auth;
  return {
    'channels.authorize': async (input, ctx) => {
      const { mode } = authorizer.prepare(input.id, ctx.say);
      const write = ctx.write('授权');
      if (mode === 'direct') return { mode: 'direct' as const, ...(await authorizer.direct(input.id, write, ctx.say)) };
      return { mode: 'callback' as const, ...(await flows.start(input.id, write, ctx.say)) };
    },
    'channels.authorizeStatus': (input, ctx) => {
      const f = flows.view(input.flowId, ctx.say);
      const problem = f.problem
        ? f.problem.code === 'refused'
          ? ctx.say(`授权未完成：平台表示已取消或拒绝（${f.problem.message}）`, `not authorised: the platform says it was cancelled or refused (${f.problem.message})`)
          : f.problem.code === 'exchange_failed'
            ? ctx.say(`平台没有用授权码换出令牌：${f.problem.message}`, `the platform did not exchange the code for a token: ${f.problem.message}`)
            : ctx.say(`授权结果无法读取：${f.problem.message}`, `the authorisation could not be read: ${f.problem.message}`)
        : f.status === 'expired'
          ? ctx.say('授权链接已过期（10 分钟内有效），请重新点击“授权”', 'the authorisation link expired (10 minutes); click Authorise again')
          : null;
      return { ...f, problem };
    },
  };
}

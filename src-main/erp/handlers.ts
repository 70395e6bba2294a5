import { ApiError } from '../../src-shared/errors';
import { describeErpReason } from '../../src-shared/erp-reasons';
import type { CallContext, Handlers } from '../kernel/call';
import { ErpFailure } from './odbc/session';
import { PRESETS } from './presets';
import type { ErpService } from './service';

type ErpHandlers = Pick<Handlers,
  | 'erp.presets' | 'erp.connections.list' | 'erp.connections.create' | 'erp.connections.update' | 'erp.connections.remove' | 'erp.connections.test'
  | 'erp.mappings.get' | 'erp.mappings.save' | 'erp.mappings.preview' | 'erp.pullNow' | 'erp.pushNow' | 'erp.cancel' | 'erp.reconcile'
  | 'erp.unknownSkus' | 'erp.rejects'>;

/** An ERP failure as the caller reads it: the reason in their language, the field when it is the mapping's fault. */
async function worded<T>(ctx: CallContext, fn: () => Promise<T> | T): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (!(e instanceof ErpFailure)) throw e;
    const message = describeErpReason(e.reason, ctx.locale === 'en' ? 'en' : 'zh');
    const code = e.reason.code;
    if (code === 'not_a_select') throw new ApiError('invalid_input', message, 'mapping.sql');
    if (code === 'missing_column' || code === 'mapping_invalid') throw new ApiError('invalid_input', message, 'mapping');
    if (code === 'no_mapping') throw new ApiError('invalid_input', message, 'kind');
    if (code === 'not_configured_here') throw new ApiError('invalid_input', message, 'dsn');
    throw new ApiError('conflict', message);
  }
}

export function erpHandlers(deps: { erp: ErpService }): ErpHandlers {
  const { erp } = deps;
  const view = (id: string) => erp.view(id)!;
  return {
    'erp.presets': () => PRESETS,
    'erp.connections.list': () => erp.store.list().map((c) => view(c.id)),
    'erp.connections.create': (input, ctx) => view(erp.store.create(ctx.write(), input, ctx.say).id),
    'erp.connections.update': ({ id, ...input }, ctx) => view(erp.store.update(ctx.write(), id, input, ctx.say).id),
    'erp.connections.remove': ({ id }, ctx) => {
      erp.jobs.cancel(id);
      erp.store.remove(ctx.write(), id, ctx.say);
      return { removed: true };
    },
    'erp.connections.test': async ({ id }, ctx) => {
      erp.store.connectionString(id, ctx.say); // not found / not configured: the caller's words
      return erp.test(id);
    },
    'erp.mappings.get': ({ connectionId }, ctx) => {
      if (!erp.store.get(connectionId)) throw new ApiError('not_found', ctx.say('没有这个 ERP 连接', 'no such ERP connection'), 'connectionId');
      return erp.store.mappings(connectionId);
    },
    'erp.mappings.save': ({ connectionId, kind, mapping }, ctx) =>
      worded(ctx, () => {
        const parsed = erp.validateMapping(kind, mapping, ctx.say);
        return erp.store.saveMapping(ctx.write(), connectionId, kind, parsed, ctx.say);
      }),
    'erp.mappings.preview': ({ connectionId, kind, mapping }, ctx) => {
      erp.store.connectionString(connectionId, ctx.say);
      return worded(ctx, () => erp.preview(connectionId, kind, mapping, ctx.say));
    },
    'erp.pullNow': ({ connectionId, what, full }, ctx) => {
      erp.store.connectionString(connectionId, ctx.say);
      return worded(ctx, () => erp.pull(connectionId, what, { full, trigger: 'manual', ctx: ctx.write() }));
    },
    'erp.pushNow': ({ connectionId }, ctx) => {
      erp.store.connectionString(connectionId, ctx.say);
      return worded(ctx, () => erp.push(connectionId, 'manual', ctx.write()));
    },
    'erp.cancel': ({ connectionId }) => ({ cancelled: erp.jobs.cancel(connectionId) }),
    'erp.reconcile': async ({ connectionId }, ctx) => {
      erp.store.connectionString(connectionId, ctx.say);
      const r = await worded(ctx, () => erp.reconcile(connectionId));
      return { ...r, checkedAt: Date.now() };
    },
    'erp.unknownSkus': ({ connectionId }) => erp.unknownSkus(connectionId),
    'erp.rejects': ({ connectionId, limit }) => erp.rejects.open(connectionId, limit),
  };
}

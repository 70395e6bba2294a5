import { uuidv7 } from '../kernel/ids';
import { ApiError } from '../../src-shared/errors';
import type { Rule } from '../../src-shared/rules';
import type { BlacklistEntry } from '../../src-shared/contract/rules';
import type { Database } from '../db';
import { requireUser, type CallContext, type Handlers } from '../kernel/call';
import type { DryRunJobs } from './dry-run-jobs';
import type { RulesEngine } from './engine';

type RuleCalls =
  | 'rules.list' | 'rules.get' | 'rules.save' | 'rules.dryRun' | 'rules.dryRunStatus' | 'rules.dryRunCancel' | 'rules.dryRunCsv'
  | 'rules.blacklist' | 'rules.blacklistAdd' | 'rules.blacklistRemove';

function dryRun(jobs: DryRunJobs, jobId: string, ctx: CallContext) {
  const j = jobs.status(jobId);
  if (!j) throw new ApiError('not_found', ctx.say(`试运行任务 ${jobId} 不存在（应用重启后任务不保留）`, `no dry run ${jobId} (dry runs do not survive a restart)`), 'jobId');
  return j;
}

export function ruleHandlers({ db, engine, dryRuns }: { db: Database; engine: RulesEngine; dryRuns: DryRunJobs }): Pick<Handlers, RuleCalls> {
  const store = engine.rules;
  const blacklistRows = db.sqlite.prepare(`SELECT id, customer_id AS customerId, buyer_nick AS buyerNick, reason, created_at AS createdAt,
    created_by_name AS createdByName FROM buyer_blacklist ORDER BY created_at DESC`);
  return {
    'rules.list': () => {
      const latest = store.latestVersion();
      return {
        current: latest ? store.get(latest) : null,
        versions: store.list(50).map((v) => ({ version: v.version, note: v.note, createdAt: v.createdAt, createdByName: v.createdByName, ruleCount: v.rules.length })),
      };
    },
    'rules.get': (input, ctx) => {
      const v = store.get(input.version);
      if (!v) throw new ApiError('not_found', ctx.say(`规则版本 ${input.version} 不存在`, `no rule set version ${input.version}`), 'version');
      return v;
    },
    'rules.save': (input, ctx) => {
      const user = requireUser(ctx);
      const version = db.writes.run(ctx.write(input.note ?? null), (tx) =>
        store.save(tx, input.rules as Rule[], { baseVersion: input.baseVersion, note: input.note ?? null, by: { id: user.id, name: user.displayName }, now: Date.now(), say: ctx.say }),
      );
      return { version };
    },
    'rules.dryRun': (input, ctx) => {
      requireUser(ctx);
      const version = input.ruleSetVersion ?? store.latestVersion();
      if (input.rules) store.validate(input.rules as Rule[], ctx.say);
      else if (version && !store.get(version)) throw new ApiError('not_found', ctx.say(`规则版本 ${version} 不存在`, `no rule set version ${version}`), 'ruleSetVersion');
      const jobId = dryRuns.start({ version, rules: input.rules as Rule[] | undefined, from: input.from, to: input.to, locale: ctx.locale });
      return { jobId };
    },
    'rules.dryRunStatus': (input, ctx) => dryRun(dryRuns, input.jobId, ctx),
    'rules.dryRunCancel': (input, ctx) => {
      dryRun(dryRuns, input.jobId, ctx);
      return { cancelled: dryRuns.cancel(input.jobId) };
    },
    'rules.dryRunCsv': (input, ctx) => {
      const j = dryRun(dryRuns, input.jobId, ctx);
      const file = dryRuns.csv(input.jobId);
      if (!file) throw new ApiError('conflict', ctx.say('试运行尚未结束', 'the dry run has not finished'), 'jobId');
      if (file.content.length > 64 * 1024 * 1024) {
        throw new ApiError('invalid_input', ctx.say('结果超过 64 MB，请缩短时间范围', 'the result is over 64 MB: choose a shorter period'), 'jobId');
      }
      const day = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
      return { fileName: `规则试运行-v${j.version}-${day(j.from)}至${day(j.to - 1)}.csv`, contentBase64: file.content.toString('base64'), rows: file.rows };
    },
    'rules.blacklist': () => blacklistRows.all() as BlacklistEntry[],
    'rules.blacklistAdd': (input, ctx) => {
      const user = requireUser(ctx);
      const customerId = (db.sqlite.prepare('SELECT customer_id FROM orders WHERE buyer_nick = ? AND customer_id IS NOT NULL ORDER BY created_at DESC LIMIT 1').pluck().get(input.buyerNick) as string | undefined) ?? null;
      const row: BlacklistEntry = { id: uuidv7(), customerId, buyerNick: input.buyerNick, reason: input.reason, createdAt: Date.now(), createdByName: user.displayName };
      db.writes.run(ctx.write(input.reason), (tx) => tx.insert('buyer_blacklist', { ...row }));
      engine.facts.refreshBlacklist();
      return row;
    },
    'rules.blacklistRemove': (input, ctx) => {
      requireUser(ctx);
      const exists = db.sqlite.prepare('SELECT 1 FROM buyer_blacklist WHERE id = ?').get(input.id);
      if (!exists) return { removed: false };
      db.writes.run(ctx.write(), (tx) => tx.delete('buyer_blacklist', input.id));
      engine.facts.refreshBlacklist();
      return { removed: true };
    },
  };
}

import { uuidv7 } from '../kernel/ids';
import { ApiError } from '../../src-shared/errors';
import { ACTIONS_BY_STAGE, type Rule, type RuleSetVersion } from '../../src-shared/rules';
import type { Sqlite, WriteTx } from '../db';
import { compile, type CompiledRuleSet } from './decide';
import { checkCondition } from './jsonlogic';

interface VersionRow {
  version: number;
  rulesJson: string;
  note: string | null;
  createdAt: number;
  createdByName: string | null;
}

/** Rule set versions: insert-only; the highest version is in force. Compiled sets are cached by version. */
export class RuleStore {
  private readonly latestStmt;
  private readonly byVersion;
  private readonly listStmt;
  private readonly warehouseIds;
  private readonly compiled = new Map<number, CompiledRuleSet>();

  constructor(sqlite: Sqlite) {
    this.latestStmt = sqlite.prepare('SELECT max(version) FROM rule_set_versions').pluck();
    const cols = 'version, rules_json AS rulesJson, note, created_at AS createdAt, created_by_name AS createdByName';
    this.byVersion = sqlite.prepare(`SELECT ${cols} FROM rule_set_versions WHERE version = ?`);
    this.listStmt = sqlite.prepare(`SELECT ${cols} FROM rule_set_versions ORDER BY version DESC LIMIT ?`);
    this.warehouseIds = sqlite.prepare('SELECT id FROM warehouses').pluck();
  }

  latestVersion(): number {
    return (this.latestStmt.get() as number | null) ?? 0;
  }

  get(version: number): RuleSetVersion | null {
    const r = this.byVersion.get(version) as VersionRow | undefined;
    return r ? toVersion(r) : null;
  }

  list(limit = 50): RuleSetVersion[] {
    return (this.listStmt.all(limit) as VersionRow[]).map(toVersion);
  }

  /** The rule set in force, compiled (version 0 = no rules yet: nothing fires, default routing). */
  current(): CompiledRuleSet {
    return this.compiledAt(this.latestVersion());
  }

  compiledAt(version: number): CompiledRuleSet {
    let c = this.compiled.get(version);
    if (!c) {
      const v = version ? this.get(version) : null;
      if (version && !v) throw new ApiError('not_found', `规则版本 ${version} 不存在 (rule set version ${version} does not exist)`, 'ruleSetVersion');
      c = compile(version, v?.rules ?? []);
      this.compiled.set(version, c);
    }
    return c;
  }

  /**
   * Saves the whole set as the next version. `baseVersion` is the version the editor started
   * from: saving over someone else's newer version is a conflict, not a silent overwrite.
   */
  save(tx: WriteTx, rules: Rule[], opts: { baseVersion: number; note: string | null; by: { id: string | null; name: string | null }; now: number; say: (zh: string, en: string) => string }): number {
    const latest = this.latestVersion();
    if (opts.baseVersion !== latest) {
      throw new ApiError('conflict', opts.say(`规则已被他人保存为版本 ${latest}，请刷新后再改`, `the rules were saved as version ${latest} meanwhile: reload and edit again`), 'baseVersion');
    }
    this.validate(rules, opts.say);
    const version = latest + 1;
    tx.insert('rule_set_versions', {
      id: uuidv7(), version, rulesJson: JSON.stringify(rules), note: opts.note, createdAt: opts.now, createdBy: opts.by.id, createdByName: opts.by.name,
    });
    return version;
  }

  /** Refuses what would fail at run time: unknown fields or operators, actions the stage cannot take, unknown warehouses. */
  validate(rules: Rule[], say: (zh: string, en: string) => string): void {
    const warehouses = new Set(this.warehouseIds.all() as string[]);
    const ids = new Set<string>();
    rules.forEach((r, i) => {
      const at = `rules.${i}`;
      if (ids.has(r.id)) throw new ApiError('invalid_input', say(`规则编号重复：${r.id}`, `duplicate rule id: ${r.id}`), `${at}.id`);
      ids.add(r.id);
      const bad = checkCondition(r.when);
      if (bad) throw new ApiError('invalid_input', say(`规则“${r.name}”的条件：${bad.zh}（值 ${bad.value}）`, `rule "${r.name}" condition: ${bad.en} (value ${bad.value})`), `${at}.when`);
      r.actions.forEach((a, j) => {
        const where = `${at}.actions.${j}`;
        if (!ACTIONS_BY_STAGE[r.stage].includes(a.type)) {
          throw new ApiError('invalid_input', say(`规则“${r.name}”：${r.stage === 'review' ? '审单' : '分仓'}规则不能执行“${a.type}”`, `rule "${r.name}": a ${r.stage} rule cannot ${a.type}`), `${where}.type`);
        }
        const whs = a.type === 'assignWarehouse' ? [a.warehouseId] : a.type === 'splitByWarehouse' ? a.warehouseIds : [];
        for (const w of whs) {
          if (!warehouses.has(w)) throw new ApiError('invalid_input', say(`规则“${r.name}”：仓库不存在（${w}）`, `rule "${r.name}": no such warehouse (${w})`), `${where}.warehouseId`);
        }
      });
      if (r.stage === 'route' && !r.actions.some((a) => a.type === 'assignWarehouse' || a.type === 'splitByWarehouse')) {
        throw new ApiError('invalid_input', say(`分仓规则“${r.name}”需要指定仓库或拆单仓库`, `route rule "${r.name}" needs a warehouse or a split list`), `${at}.actions`);
      }
    });
  }
}

function toVersion(r: VersionRow): RuleSetVersion {
  return { version: r.version, rules: JSON.parse(r.rulesJson) as Rule[], note: r.note, createdAt: r.createdAt, createdByName: r.createdByName };
}

/**
 * Between the rule editor's query (react-querybuilder, money in yuan as people type it) and the
 * stored condition (JsonLogic over the documented order shape, money in fen).
 */
import { formatQuery, type Field, type RuleGroupType, type RuleType } from 'react-querybuilder';
import { parseJsonLogic } from 'react-querybuilder/parseJsonLogic';
import { CHANNEL_KIND_LABELS, CHANNEL_KINDS } from '../../../src-shared/orders';
import { FACT_FIELDS, type FactKind, type JsonLogicRule } from '../../../src-shared/rules';
import { punctuation } from '../../i18n/punctuation';

type Lang = 'zh' | 'en';
const MONEY = new Set(FACT_FIELDS.filter((f) => f.kind === 'money').map((f) => f.name));

const OPS: Record<FactKind, string[]> = {
  money: ['>', '>=', '<', '<=', '=', '!=', 'between'],
  number: ['>', '>=', '<', '<=', '=', '!=', 'between'],
  text: ['contains', 'doesNotContain', '=', '!=', 'beginsWith', 'endsWith', 'null', 'notNull'],
  textList: ['contains', 'doesNotContain'],
  choice: ['=', '!=', 'in', 'notIn'],
  boolean: ['='],
};

export function ruleFields(lang: Lang, opLabel: (op: string) => string, shops: { id: string; name: string }[], yuan: string): Field[] {
  return FACT_FIELDS.map((f) => {
    const values = f.name === 'shopId'
      ? shops.map((s) => ({ name: s.id, label: s.name }))
      : f.name === 'channelKind'
        ? CHANNEL_KINDS.map((k) => ({ name: k, label: CHANNEL_KIND_LABELS[k][lang] }))
        : f.values?.map((v) => ({ name: v.value, label: v[lang] }));
    return {
      name: f.name,
      label: f.kind === 'money' ? `${f[lang]}${punctuation(lang).paren(yuan)}` : f[lang],
      operators: OPS[f.kind].map((op) => ({ name: op, value: op, label: opLabel(op) })),
      ...(f.kind === 'money' || f.kind === 'number' ? { inputType: 'number' } : {}),
      ...(f.kind === 'boolean' ? { valueEditorType: 'checkbox' as const, defaultValue: true } : {}),
      ...(values ? { valueEditorType: (op: string) => (op === 'in' || op === 'notIn' ? 'multiselect' : 'select'), values, defaultValue: values[0]?.name } : {}),
    } as Field;
  });
}

function mapMoney(q: RuleGroupType, fn: (n: number) => number): RuleGroupType {
  const conv = (v: unknown): unknown => {
    if (typeof v === 'number') return fn(v);
    if (typeof v === 'string' && v.trim() !== '') return v.split(',').map((x) => (x.trim() === '' || Number.isNaN(Number(x)) ? x : String(fn(Number(x))))).join(',');
    if (Array.isArray(v)) return v.map(conv);
    return v;
  };
  return {
    ...q,
    rules: q.rules.map((r) => {
      if ('rules' in r) return mapMoney(r, fn);
      const rule = r as RuleType;
      return MONEY.has(rule.field) ? { ...rule, value: conv(rule.value) } : rule;
    }),
  };
}

export const EMPTY_QUERY: RuleGroupType = { combinator: 'and', rules: [] };

/** The editor's query → the stored condition (an empty query matches every order). */
export function toCondition(q: RuleGroupType): JsonLogicRule {
  const fen = mapMoney(q, (yuan) => Math.round(yuan * 100));
  const out = formatQuery(fen, { format: 'jsonlogic', parseNumbers: true });
  return out === false || out === null || out === undefined ? true : (out as JsonLogicRule);
}

/** The stored condition → the editor's query. */
export function fromCondition(when: JsonLogicRule): RuleGroupType {
  if (when === true || when === false) return EMPTY_QUERY;
  return mapMoney(parseJsonLogic(when as never), (fen) => fen / 100);
}

/** A condition in a line of words for the rule list ("实付金额 > ¥500.00 并且 买家留言 包含 “顺丰”"). */
import { formatYuan } from '../../../src-shared/money';
import { FACT_FIELDS, type JsonLogicRule } from '../../../src-shared/rules';
import { punctuation } from '../../i18n/punctuation';

type Lang = 'zh' | 'en';
const FIELDS = new Map(FACT_FIELDS.map((f) => [f.name, f]));
const WORDS: Record<string, { zh: string; en: string }> = {
  '==': { zh: '等于', en: 'is' }, '===': { zh: '等于', en: 'is' }, '!=': { zh: '不等于', en: 'is not' }, '!==': { zh: '不等于', en: 'is not' },
  '>': { zh: '>', en: '>' }, '>=': { zh: '≥', en: '≥' }, '<': { zh: '<', en: '<' }, '<=': { zh: '≤', en: '≤' },
  startsWith: { zh: '开头是', en: 'starts with' }, endsWith: { zh: '结尾是', en: 'ends with' },
};

function isVar(x: unknown): x is { var: string } {
  return !!x && typeof x === 'object' && 'var' in (x as object);
}

function val(field: string | null, v: unknown, lang: Lang): string {
  const f = field ? FIELDS.get(field) : undefined;
  if (Array.isArray(v)) return punctuation(lang).list(v.map((x) => val(field, x, lang)));
  if (typeof v === 'boolean') return v ? (lang === 'zh' ? '是' : 'yes') : lang === 'zh' ? '否' : 'no';
  if (f?.kind === 'money' && typeof v === 'number') return formatYuan(v);
  const choice = f?.values?.find((x) => x.value === v);
  if (choice) return choice[lang];
  if (typeof v === 'string') return punctuation(lang).quote(v);
  return String(v);
}

export function conditionText(when: JsonLogicRule, lang: Lang, shopName: (id: string) => string = (id) => id): string {
  const label = (name: string) => FIELDS.get(name)?.[lang] ?? name;
  const walk = (n: unknown): string => {
    if (n === true) return lang === 'zh' ? '所有订单' : 'every order';
    if (!n || typeof n !== 'object') return String(n);
    const [op, arg] = Object.entries(n as Record<string, unknown>)[0] ?? ['', null];
    const args = Array.isArray(arg) ? arg : [arg];
    if (op === 'and' || op === 'or') return args.map(walk).join(lang === 'zh' ? (op === 'and' ? ' 并且 ' : ' 或者 ') : ` ${op} `);
    if (op === '!') return `${lang === 'zh' ? '不满足' : 'not'}${punctuation(lang).paren(walk(args[0]))}`;
    if (op === '!!') return isVar(args[0]) ? `${label(args[0].var)}${lang === 'zh' ? ' 不为空' : ' is set'}` : walk(args[0]);
    if (op === 'in' && isVar(args[1])) return `${label(args[1].var)} ${lang === 'zh' ? '包含' : 'contains'} ${val(args[1].var, args[0], lang)}`;
    if (op === 'in' && isVar(args[0])) {
      const f = args[0].var;
      const list = Array.isArray(args[1]) ? args[1].map((x) => (f === 'shopId' ? shopName(String(x)) : x)) : args[1];
      return `${label(f)} ${lang === 'zh' ? '属于' : 'is one of'} ${val(f === 'shopId' ? null : f, list, lang)}`;
    }
    if (op === '<=' && args.length === 3 && isVar(args[1])) return `${label(args[1].var)} ${lang === 'zh' ? '介于' : 'between'} ${val(args[1].var, args[0], lang)}–${val(args[1].var, args[2], lang)}`;
    if (WORDS[op] && isVar(args[0])) {
      const f = args[0].var;
      if (args[1] === null) return `${label(f)} ${op.startsWith('!') ? (lang === 'zh' ? '不为空' : 'is set') : lang === 'zh' ? '为空' : 'is empty'}`;
      return `${label(f)} ${WORDS[op][lang]} ${f === 'shopId' ? shopName(String(args[1])) : val(f, args[1], lang)}`;
    }
    return JSON.stringify(n);
  };
  return walk(when);
}

import type { z } from 'zod';
import { ApiError } from '../../src-shared/errors';
import { messageIn } from '../../src-shared/contract/bilingual';
import { enumWord } from '../../src-shared/enum-words';
import { fieldWord } from '../../src-shared/field-words';
import { isWellFormed, toWellFormed } from '../../src-shared/unicode';
import { say, type Locale } from './i18n';

/** Turns the first zod issue into an `invalid_input` error that names the field and the value. */
export function invalidInput(error: z.ZodError, input: unknown, locale: Locale): ApiError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || undefined;
  const value = valueAt(input, issue.path);
  // A password is never echoed back, not even a wrong one.
  const secret = typeof field === 'string' && /password/i.test(field);
  const shown = value === undefined ? say(locale, '（缺少）', '(missing)') : secret ? '***' : clipJson(value);
  const where = fieldName(issue.path, locale);
  return new ApiError('invalid_input', `${where}${say(locale, '：', ': ')}${describe(issue, locale)}${say(locale, '（', ' (')}${say(locale, '值', 'value')} ${shown}${say(locale, '）', ')')}`, field);
}

/** 用户名, not `字段 "username"`: people read the field's name; the form still gets the key (`field`). */
function fieldName(path: readonly PropertyKey[], locale: Locale): string {
  const keys = path.filter((k): k is string | number => typeof k !== 'symbol');
  return fieldWord(keys, locale === 'en' ? 'en' : 'zh') ?? say(locale, '输入', 'input');
}

function describe(issue: z.core.$ZodIssue, locale: Locale): string {
  // Messages written by the contract (e.g. '用户名至少 2 个字符') are already for people.
  const custom = issue.message && !/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message);
  if (custom) return messageIn(issue.message, locale === 'en' ? 'en' : 'zh');
  switch (issue.code) {
    case 'invalid_type':
      return say(locale, `应为${TYPE_WORDS[issue.expected]?.zh ?? '其他类型'}`, `expected ${TYPE_WORDS[issue.expected]?.en ?? issue.expected}`);
    case 'too_small':
      return bound('min', issue.origin, issue.minimum, locale);
    case 'too_big':
      return bound('max', issue.origin, issue.maximum, locale);
    case 'invalid_value': {
      // The choices in words (按付款时间 / 按完成时间), never the codes (paid / completed).
      const lang = locale === 'en' ? 'en' : 'zh';
      const choices = issue.values.map((v) => enumWord(v, lang, lastKey(issue.path)) ?? String(v)).join(' / ');
      return say(locale, `只能是 ${choices}`, `must be one of ${choices}`);
    }
    case 'invalid_format':
      return say(locale, `格式不正确${FORMAT_WORDS[issue.format] ? `（应为${FORMAT_WORDS[issue.format]!.zh}）` : ''}`, `wrong format${FORMAT_WORDS[issue.format] ? ` (expected ${FORMAT_WORDS[issue.format]!.en})` : ''}`);
    case 'unrecognized_keys':
      return say(locale, `含有多余的内容（${issue.keys.length} 项）`, `unknown fields ${issue.keys.join(', ')}`);
    default:
      return issue.message;
  }
}

/** 至少 2 个字符 / 最多 5,000 项 / 不能小于 1: the bound in the unit of what was given, numbers grouped. */
function bound(side: 'min' | 'max', origin: string, limit: unknown, locale: Locale): string {
  const n = typeof limit === 'number' || typeof limit === 'bigint' ? limit.toLocaleString('en-US') : String(limit);
  const least = side === 'min';
  if (origin === 'string' && least && limit === 1) return say(locale, '不能为空', 'must not be empty');
  if (origin === 'string') return say(locale, `${least ? '至少' : '最多'} ${n} 个字符`, `${least ? 'at least' : 'at most'} ${n} characters`);
  if (origin === 'array' || origin === 'set') return say(locale, `${least ? '至少' : '最多'} ${n} 项`, `${least ? 'at least' : 'at most'} ${n} items`);
  return say(locale, `${least ? '不能小于' : '不能大于'} ${n}`, `must be ${least ? 'at least' : 'at most'} ${n}`);
}

function lastKey(path: readonly PropertyKey[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

const FORMAT_WORDS: Record<string, { zh: string; en: string }> = {
  email: { zh: '邮箱地址', en: 'an email address' }, url: { zh: '网址', en: 'a web address' }, uuid: { zh: '编号', en: 'an id' },
  date: { zh: '日期', en: 'a date' }, datetime: { zh: '日期时间', en: 'a date and time' }, time: { zh: '时间', en: 'a time' },
};

const TYPE_WORDS: Record<string, { zh: string; en: string }> = {
  string: { zh: '文字', en: 'text' }, number: { zh: '数字', en: 'a number' }, int: { zh: '整数', en: 'a whole number' },
  boolean: { zh: '是或否', en: 'yes or no' }, array: { zh: '列表', en: 'a list' }, object: { zh: '一组设置', en: 'a set of values' },
};

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

/**
 * The first string (value or key) in the input that is not well-formed Unicode (a lone
 * surrogate), with its path; null when every string is. SQLite stores text as UTF-8 and would
 * replace such a character, so what is stored (and hashed into the audit chain) would differ
 * from what was received. Checked once, by the dispatcher, for every call.
 */
export function illFormedString(input: unknown, path: (string | number)[] = [], depth = 0): BadString | null {
  if (typeof input === 'string') return isWellFormed(input) ? null : { path, value: input };
  if (input === null || typeof input !== 'object') return null;
  if (depth > MAX_INPUT_DEPTH) return { path, value: '', tooDeep: true };
  if (Array.isArray(input)) {
    for (let i = 0; i < input.length; i++) {
      const bad = illFormedString(input[i], [...path, i], depth + 1);
      if (bad) return bad;
    }
    return null;
  }
  for (const [k, v] of Object.entries(input)) {
    if (!isWellFormed(k)) return { path: [...path, k], value: k };
    const bad = illFormedString(v, [...path, k], depth + 1);
    if (bad) return bad;
  }
  return null;
}

/** No contract input nests past a handful of levels; the HTTP host refuses deeper JSON too. */
export const MAX_INPUT_DEPTH = 64;

export interface BadString {
  path: (string | number)[];
  value: string;
  tooDeep?: true;
}

/** `invalid_input` for a string that is not valid Unicode (or input nested too deep), naming the field. */
export function notUnicode(bad: BadString, locale: Locale): ApiError {
  const field = bad.path.map(String).join('.') || undefined;
  if (bad.tooDeep) {
    return new ApiError('invalid_input', say(locale, `输入嵌套超过 ${MAX_INPUT_DEPTH} 层`, `input nested more than ${MAX_INPUT_DEPTH} levels deep`), field);
  }
  const shown = JSON.stringify(toWellFormed(bad.value).slice(0, 40));
  const where = fieldName(bad.path, locale);
  return new ApiError(
    'invalid_input',
    `${where}: ${say(locale, '含有无效的 Unicode 字符（不成对的代理项），请检查文件名或内容的编码', 'contains invalid Unicode (an unpaired surrogate); check the file name or text encoding')} (${say(locale, '值', 'value')} ${shown})`,
    field,
  );
}

/** At most 80 characters of the value, without serialising all of a huge one first. */
function clipJson(value: unknown): string | undefined {
  if (typeof value === 'string' && value.length > 80) return JSON.stringify(value.slice(0, 80)).slice(0, 80);
  return JSON.stringify(value)?.slice(0, 80);
}

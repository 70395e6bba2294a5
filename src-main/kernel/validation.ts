import type { z } from 'zod';
import { ApiError } from '../../src-shared/errors';
import { say, type Locale } from './i18n';

/** Turns the first zod issue into an `invalid_input` error that names the field and the value. */
export function invalidInput(error: z.ZodError, input: unknown, locale: Locale): ApiError {
  const issue = error.issues[0]!;
  const field = issue.path.map(String).join('.') || undefined;
  const value = valueAt(input, issue.path);
  const shown = value === undefined ? say(locale, '（缺少）', '(missing)') : JSON.stringify(value)?.slice(0, 80);
  const where = field ? say(locale, `字段 "${field}"`, `field "${field}"`) : say(locale, '输入', 'input');
  return new ApiError('invalid_input', `${where}: ${describe(issue, locale)} (${say(locale, '值', 'value')} ${shown})`, field);
}

function describe(issue: z.core.$ZodIssue, locale: Locale): string {
  // Messages written by the contract (e.g. '用户名至少 2 个字符') are already for people.
  const custom = issue.message && !/^(Invalid|Too (small|big)|Expected|Unrecognized)/.test(issue.message);
  if (custom) return issue.message;
  switch (issue.code) {
    case 'invalid_type':
      return say(locale, `应为 ${issue.expected} 类型`, `expected ${issue.expected}`);
    case 'too_small':
      return say(locale, `不能小于 ${String(issue.minimum)}`, `must be at least ${String(issue.minimum)}`);
    case 'too_big':
      return say(locale, `不能大于 ${String(issue.maximum)}`, `must be at most ${String(issue.maximum)}`);
    case 'invalid_value':
      return say(locale, `只能是 ${issue.values.map(String).join(' / ')}`, `must be one of ${issue.values.map(String).join(' / ')}`);
    case 'invalid_format':
      return say(locale, `格式不正确（${issue.format}）`, `wrong format (${issue.format})`);
    case 'unrecognized_keys':
      return say(locale, `不认识的字段 ${issue.keys.join(', ')}`, `unknown fields ${issue.keys.join(', ')}`);
    default:
      return issue.message;
  }
}

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = input;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}

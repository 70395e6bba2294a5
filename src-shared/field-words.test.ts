import { describe, expect, it } from 'vitest';
import { contract } from './contract';
import { enumWord } from './enum-words';
import { FIELD_WORDS, fieldWord } from './field-words';

/** Every key of every object in a zod schema (through optional, arrays, unions, pipes). */
function keysOf(schema: unknown, into = new Set<string>(), depth = 0): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def || depth > 10) return into;
  if (def.type === 'object') for (const [k, v] of Object.entries(def.shape as Record<string, unknown>)) keysOf(v, into.add(k), depth + 1);
  for (const k of ['innerType', 'element', 'in', 'out', 'left', 'right', 'schema', 'valueType']) if (def[k]) keysOf(def[k], into, depth + 1);
  for (const o of (def.options as unknown[] | undefined) ?? []) keysOf(o, into, depth + 1);
  return into;
}

/** Every fixed choice (enum value, literal) a zod schema accepts. */
function enumsOf(schema: unknown, into = new Set<string>(), depth = 0): Set<string> {
  const def = (schema as { _zod?: { def?: Record<string, unknown> } } | undefined)?._zod?.def;
  if (!def || depth > 12) return into;
  if (def.type === 'enum') for (const v of Object.values(def.entries as Record<string, unknown>)) into.add(String(v));
  if (def.type === 'literal') for (const v of def.values as unknown[]) into.add(String(v));
  if (def.type === 'object') for (const v of Object.values(def.shape as Record<string, unknown>)) enumsOf(v, into, depth + 1);
  for (const k of ['innerType', 'element', 'in', 'out', 'left', 'right', 'schema', 'valueType', 'keyType']) if (def[k]) enumsOf(def[k], into, depth + 1);
  for (const o of (def.options as unknown[] | undefined) ?? []) enumsOf(o, into, depth + 1);
  return into;
}

describe('field words', () => {
  it('every fixed choice of every call has a word in both languages, so no error lists raw codes', () => {
    const values = new Set<string>();
    for (const spec of Object.values(contract)) enumsOf(spec.input, values);
    expect(values.size).toBeGreaterThan(100);
    expect([...values].filter((v) => !enumWord(v, 'zh') || !enumWord(v, 'en'))).toEqual([]);
    // The Chinese word is Chinese (or a name people use as is: QQ, CSV, K3, A 类), never the code itself.
    expect([...values].filter((v) => enumWord(v, 'zh') === v && !/^[A-Z]{1,3}$/.test(v))).toEqual([]);
  });

  it('a value that means different things in different fields is named by its field', () => {
    expect(enumWord('paid', 'zh', 'basis')).toBe('按付款时间');
    expect(enumWord('completed', 'zh', 'basis')).toBe('按完成时间');
    expect(enumWord('completed', 'zh', 'status')).toBe('已完成');
  });

  it('every input field of every call has a word in both languages, so no error shows a field key', () => {
    const keys = new Set<string>();
    for (const spec of Object.values(contract)) keysOf(spec.input, keys);
    expect(keys.size).toBeGreaterThan(50);
    expect([...keys].filter((k) => !FIELD_WORDS[k])).toEqual([]);
  });

  it('names the nearest known key of a path', () => {
    expect(fieldWord(['username'], 'zh')).toBe('用户名');
    expect(fieldWord(['orderIds', 3], 'zh')).toBe('订单');
    expect(fieldWord(['config', 'appKeyXyz'], 'en')).toBe('shop settings');
    expect(fieldWord(['nothingKnown'], 'zh')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { contract } from './contract';
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

describe('field words', () => {
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

import jsonLogic from 'json-logic-js';
import type { JsonLogicRule } from '../../src-shared/rules';
import { FACT_FIELDS } from '../../src-shared/rules';

/**
 * The one evaluator of rule conditions (json-logic-js), shared by the real run and the dry run.
 * react-querybuilder's JsonLogic export uses two operators json-logic-js lacks: startsWith, endsWith.
 */
jsonLogic.add_operation('startsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b));
jsonLogic.add_operation('endsWith', (a: unknown, b: unknown) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b));

export function matches(when: JsonLogicRule, facts: object): boolean {
  if (when === true || when === false) return when;
  return jsonLogic.truthy(jsonLogic.apply(when as never, facts));
}

/** Every var a condition reads, in the order it reads them (the facts recorded as its "why"). */
export function referencedVars(when: JsonLogicRule): string[] {
  const out = new Set<string>();
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    for (const [op, arg] of Object.entries(node)) {
      if (op === 'var') {
        const name = Array.isArray(arg) ? arg[0] : arg;
        if (typeof name === 'string' && name) out.add(name);
      } else walk(arg);
    }
  };
  walk(when);
  return [...out];
}

const KNOWN_OPS = new Set([
  'var', 'missing', 'missing_some', 'if', '==', '===', '!=', '!==', '!', '!!', 'or', 'and', '>', '>=', '<', '<=',
  'max', 'min', '+', '-', '*', '/', '%', 'in', 'cat', 'substr', 'some', 'all', 'none', 'merge', 'startsWith', 'endsWith',
]);
const KNOWN_VARS = new Set(FACT_FIELDS.map((f) => f.name));

/** A condition problem in words, or null: unknown operators and fields are refused at save, not at run time. */
export function checkCondition(when: unknown): { zh: string; en: string; value: string } | null {
  if (when === true || when === false) return null;
  if (!when || typeof when !== 'object' || Array.isArray(when)) return { zh: '条件格式不正确', en: 'condition is not a JsonLogic object', value: JSON.stringify(when)?.slice(0, 80) ?? '' };
  let problem: { zh: string; en: string; value: string } | null = null;
  const walk = (node: unknown, inQuantifier: boolean): void => {
    if (problem) return;
    if (Array.isArray(node)) return node.forEach((n) => walk(n, inQuantifier));
    if (!node || typeof node !== 'object') return;
    const entries = Object.entries(node);
    if (entries.length !== 1) {
      problem = { zh: '每个条件节点只能有一个运算符', en: 'each condition node has exactly one operator', value: JSON.stringify(node).slice(0, 80) };
      return;
    }
    const [op, arg] = entries[0]!;
    if (!KNOWN_OPS.has(op)) {
      problem = { zh: `不支持的运算符“${op}”`, en: `unsupported operator "${op}"`, value: op };
      return;
    }
    if (op === 'var') {
      const name = Array.isArray(arg) ? arg[0] : arg;
      // Inside some/all/none, "" and item fields refer to the element, not the order.
      if (!inQuantifier && typeof name === 'string' && name !== '' && !KNOWN_VARS.has(name)) {
        problem = { zh: `未知字段“${name}”`, en: `unknown field "${name}"`, value: name };
      }
      return;
    }
    if (op === 'some' || op === 'all' || op === 'none') {
      const [list, test] = Array.isArray(arg) ? arg : [arg];
      walk(list, inQuantifier);
      walk(test, true);
      return;
    }
    walk(arg, inQuantifier);
  };
  walk(when, false);
  return problem;
}

/** Reads a dotted path ("customer.grade") from the facts, for the fired rule's "why". */
export function factAt(facts: object, path: string): unknown {
  let v: unknown = facts;
  for (const k of path.split('.')) {
    if (v === null || typeof v !== 'object') return null;
    v = (v as Record<string, unknown>)[k];
  }
  return v ?? null;
}

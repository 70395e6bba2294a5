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
  let test = compiled.get(when as object);
  if (!test) compiled.set(when as object, (test = compileCondition(when)));
  return test(facts);
}

type Evaluate = (data: unknown) => unknown;
/** Each condition object is turned into closures once (a dry run evaluates it a million times). */
const compiled = new WeakMap<object, (facts: object) => boolean>();

/**
 * A condition as closures that give exactly json-logic-js's answer (the unit test compares them
 * on random conditions and facts): the operators rules use are done here, any other node is
 * handed to json-logic-js as it is.
 */
export function compileCondition(when: JsonLogicRule): (facts: object) => boolean {
  const run = compileNode(when);
  return (facts) => jsonLogic.truthy(run(facts));
}

const BINARY: Record<string, (a: unknown, b: unknown) => unknown> = {
  // eslint-disable-next-line eqeqeq
  '==': (a, b) => a == b,
  '===': (a, b) => a === b,
  // eslint-disable-next-line eqeqeq
  '!=': (a, b) => a != b,
  '!==': (a, b) => a !== b,
  '>': (a, b) => (a as number) > (b as number),
  '>=': (a, b) => (a as number) >= (b as number),
  in: (a, b) => (!b || typeof (b as { indexOf?: unknown }).indexOf === 'undefined' ? false : (b as unknown[]).indexOf(a) !== -1),
  startsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.startsWith(b),
  endsWith: (a, b) => typeof a === 'string' && typeof b === 'string' && a.endsWith(b),
};

function isLogic(node: unknown): node is Record<string, unknown> {
  return typeof node === 'object' && node !== null && !Array.isArray(node) && Object.keys(node).length === 1;
}

function compileNode(node: unknown): Evaluate {
  if (Array.isArray(node)) {
    const parts = node.map(compileNode);
    return (d) => parts.map((p) => p(d));
  }
  if (!isLogic(node)) return () => node;
  const op = Object.keys(node)[0]!;
  const raw = node[op];
  const values: unknown[] = Array.isArray(raw) ? raw : [raw];
  const whole: Evaluate = (d) => jsonLogic.apply(node as never, d as never);
  if (op === 'var') {
    if (values.some(isLogic) || values.some(Array.isArray)) return whole;
    const [name, fallback] = values;
    const notFound = fallback === undefined ? null : fallback;
    if (name === undefined || name === '' || name === null) return (d) => d;
    const path = String(name).split('.');
    return (d) => {
      let v = d as Record<string, unknown> | null | undefined;
      for (const k of path) {
        if (v === null || v === undefined) return notFound;
        v = v[k] as Record<string, unknown> | null | undefined;
        if (v === undefined) return notFound;
      }
      return v;
    };
  }
  const args = values.map(compileNode);
  if (op === 'and' || op === 'or') {
    const want = op === 'or';
    return (d) => {
      let cur: unknown;
      for (const a of args) {
        cur = a(d);
        if (jsonLogic.truthy(cur) === want) return cur;
      }
      return cur;
    };
  }
  if (op === '!' || op === '!!') {
    const [a] = args;
    const not = op === '!';
    return a ? (d) => jsonLogic.truthy(a(d)) !== not : whole;
  }
  if (op === '<' || op === '<=') {
    const lt = op === '<' ? (x: unknown, y: unknown) => (x as number) < (y as number) : (x: unknown, y: unknown) => (x as number) <= (y as number);
    if (args.length === 2) {
      const [a, b] = args as [Evaluate, Evaluate];
      return (d) => lt(a(d), b(d));
    }
    if (args.length === 3) {
      const [a, b, c] = args as [Evaluate, Evaluate, Evaluate];
      return (d) => {
        const x = a(d);
        const y = b(d);
        const z = c(d);
        return z === undefined ? lt(x, y) : lt(x, y) && lt(y, z);
      };
    }
    return whole;
  }
  const f = BINARY[op];
  if (f && args.length === 2) {
    const [a, b] = args as [Evaluate, Evaluate];
    return (d) => f(a(d), b(d));
  }
  return whole;
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

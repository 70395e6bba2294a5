import { LosslessNumber, parse } from 'lossless-json';

/**
 * The same result as lossless-json's `parse` (every number a LosslessNumber holding its exact
 * text), ~2–3× faster: a platform body is mostly strings, which V8's JSON.parse reads far faster
 * than a parser written in JS. The number tokens outside strings are swapped for marker strings
 * ("\u0001" + their index), the text goes through JSON.parse, and the markers are turned back
 * into LosslessNumbers. Anything unusual (an escaped U+0001 that could pass for a marker, a number
 * token JSON does not allow, a number where a key goes, any syntax error) is left to lossless-json,
 * so what is refused and how it is reported stay the same. One difference: a key given twice keeps its last value, as
 * JSON.parse does, where lossless-json refused a body whose repeated key had another value.
 */
export function losslessParse(text: string): unknown {
  if (text.includes('\\u0001')) return parse(text);
  const numbers: string[] = [];
  let rewritten = '';
  let copiedTo = 0;
  // Open containers (true: an object) and the last character outside strings and whitespace: a
  // number right after "{", or after "," in an object, stands where a key goes. Its marker would be
  // a string key JSON.parse accepts (even inside a value a repeated key later overwrites).
  const inObject: boolean[] = [];
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      i = closingQuote(text, i);
      if (i < 0) return parse(text); // an unterminated string: lossless-json says where
      last = QUOTE;
    } else if (c === MINUS || (c >= ZERO && c <= NINE)) {
      if (last === OPEN_OBJECT || (last === COMMA && inObject[inObject.length - 1])) return parse(text);
      last = ZERO;
      let end = i + 1;
      while (end < text.length && isNumberChar(text.charCodeAt(end))) end++;
      const token = text.slice(i, end);
      if (!JSON_NUMBER.test(token)) return parse(text);
      rewritten += `${text.slice(copiedTo, i)}"\\u0001${numbers.length}"`;
      numbers.push(token);
      copiedTo = end;
      i = end - 1;
    } else if (c === OPEN_OBJECT || c === OPEN_ARRAY) {
      inObject.push(c === OPEN_OBJECT);
      last = c;
    } else if (c === CLOSE_OBJECT || c === CLOSE_ARRAY) {
      inObject.pop();
      last = c;
    } else if (c !== SPACE && c !== TAB && c !== LF && c !== CR) last = c;
  }
  if (!numbers.length) return parseOr(text, text);
  return restoreNumbers(parseOr(rewritten + text.slice(copiedTo), text), numbers);
}

const QUOTE = 34;
const OPEN_OBJECT = 123;
const CLOSE_OBJECT = 125;
const OPEN_ARRAY = 91;
const CLOSE_ARRAY = 93;
const COMMA = 44;
const SPACE = 32;
const TAB = 9;
const LF = 10;
const CR = 13;
const BACKSLASH = 92;
const MINUS = 45;
const ZERO = 48;
const NINE = 57;
const MARKER = 1;
const JSON_NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

function isNumberChar(c: number): boolean {
  return (c >= ZERO && c <= NINE) || c === 46 /* . */ || c === 101 /* e */ || c === 69 /* E */ || c === 43 /* + */ || c === MINUS;
}

/** The index of the quote closing the string opened at `open` (one not escaped by an odd run of backslashes), or -1. */
function closingQuote(text: string, open: number): number {
  for (let i = text.indexOf('"', open + 1); i >= 0; i = text.indexOf('"', i + 1)) {
    let slashes = 0;
    while (text.charCodeAt(i - 1 - slashes) === BACKSLASH) slashes++;
    if (slashes % 2 === 0) return i;
  }
  return -1;
}

/** JSON.parse of the rewritten text; on any error lossless-json parses the original, to refuse it in its own words. */
function parseOr(rewritten: string, original: string): unknown {
  try {
    return JSON.parse(rewritten);
  } catch {
    return parse(original);
  }
}

function isMarker(v: unknown): v is string {
  return typeof v === 'string' && v.charCodeAt(0) === MARKER;
}

function restoreNumbers(v: unknown, numbers: string[]): unknown {
  if (isMarker(v)) return new LosslessNumber(numbers[Number(v.slice(1))]!);
  if (typeof v !== 'object' || v === null) return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (typeof v[i] === 'object' || isMarker(v[i])) v[i] = restoreNumbers(v[i], numbers);
    return v;
  }
  const o = v as Record<string, unknown>;
  // JSON.parse makes a "__proto__" key an own field, so assigning to it never reaches the prototype setter.
  for (const k of Object.keys(o)) if (typeof o[k] === 'object' || isMarker(o[k])) o[k] = restoreNumbers(o[k], numbers);
  return o;
}

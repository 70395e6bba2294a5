import { isLosslessNumber, stringify } from 'lossless-json';
import { ConnectorError } from '../connector';
import { losslessParse } from './lossless-parse';

/**
 * Platform JSON is parsed losslessly: every number stays a LosslessNumber holding its exact
 * text, so a 19-digit Taobao tid or a yuan amount like 19.9 never passes through a double.
 */
export type JsonObject = Record<string, unknown>;

/** Parses a platform response body; a truncated or malformed body is a transient failure. */
export function parsePlatformJson(text: string, platform: string): unknown {
  try {
    return losslessParse(text);
  } catch (e) {
    const at = text.length > 80 ? `${text.slice(0, 40)}…${text.slice(-40)}` : text;
    throw new ConnectorError('transient', `${platform}: response is not valid JSON (${(e as Error).message}): ${at}`);
  }
}

/** The exact JSON text of one parsed node (numbers keep their original digits). */
export function jsonText(node: unknown): string {
  return stringify(node) ?? 'null';
}

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !isLosslessNumber(v);
}

/** A scalar as text: strings as they are, LosslessNumbers by their exact digits. */
export function scalarText(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (isLosslessNumber(v)) return v.value;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return null;
}

/** Short, printable form of any value for "field X has value Y" messages. */
export function showValue(v: unknown): string {
  if (v === undefined) return '(missing)';
  const s = scalarText(v) ?? jsonText(v);
  return s.length > 120 ? `${s.slice(0, 117)}...` : s;
}

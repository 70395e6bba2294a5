import type { ApiResult } from '../../src-shared/errors';
import type { Api } from './dispatch';
import { say, type Locale } from './i18n';

/** Deeper JSON than this is refused before it is parsed (no contract input nests past ~6). */
export const MAX_JSON_DEPTH = 64;

/**
 * How deep arrays and objects nest, counted outside strings, without parsing: a body of
 * 100,000 `[` is refused before JSON.parse or a validator ever recurses into it.
 */
export function nestingDepth(text: string): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      // Jump to the next quote (indexOf is native: an upload's megabytes of base64 are one string,
      // and a character loop over them held the front's loop for 70+ ms); escaped quotes go on.
      const q = text.indexOf('"', i);
      if (q < 0) return max;
      let slashes = 0;
      while (text.charCodeAt(q - 1 - slashes) === 0x5c) slashes++;
      i = q;
      if (slashes % 2 === 0) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x5b || c === 0x7b) {
      if (++depth > max) max = depth;
      if (max > MAX_JSON_DEPTH) return max;
    } else if (c === 0x5d || c === 0x7d) depth--;
  }
  return max;
}

/** A request body parsed, or why not (in the caller's language). An empty body is `{}`. */
export function parseJsonBody(body: Uint8Array | string, locale: Locale): { value: unknown } | { refused: string } {
  const text = typeof body === 'string' ? body : Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  if (!text.length) return { value: {} };
  if (nestingDepth(text) > MAX_JSON_DEPTH) {
    return { refused: say(locale, `JSON 嵌套超过 ${MAX_JSON_DEPTH} 层`, `JSON nested more than ${MAX_JSON_DEPTH} levels deep`) };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (e) {
    return { refused: say(locale, `请求内容不是有效的 JSON：${(e as Error).message}`, `request body is not JSON: ${(e as Error).message}`) };
  }
}

/** A body read as bytes, parsed here and dispatched: a refusal is the call's `invalid_input`. */
export async function dispatchParsed(
  api: Pick<Api, 'dispatch'>, name: string, json: Uint8Array, token: string | null, locale: Locale = 'zh-CN', source?: string,
): Promise<ApiResult<unknown>> {
  const parsed = parseJsonBody(json, locale);
  if ('refused' in parsed) return { error: { code: 'invalid_input', message: parsed.refused } };
  return api.dispatch(name, parsed.value, token, locale, source);
}

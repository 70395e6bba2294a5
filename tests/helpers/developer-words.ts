/**
 * What a developer would write and a merchant should never read in the zh-CN screens: snake_case
 * keys, dotted i18n/permission keys, camelCase field names, raw platform status codes
 * (TRADE_FINISHED), "field \"x\"" in errors, and colon-joined source ids (demo:taobao,
 * file:builtin:taobao-orders), counts without thousands separators (20004). Used by the screen walk (tests/e2e/words.e2e.ts); unit-tested
 * beside it so a pattern that stops matching is noticed.
 */

export interface DeveloperWord {
  pattern: string;
  match: string;
  /** The visible text the match sits in (trimmed to 120 characters). */
  text: string;
}

/** Things people do read that look like code: host names, file names, e-mail, the product's name, e.g. */
const ALLOWED = [
  /^[a-z0-9-]+(\.[a-z0-9-]+)*\.(com|cn|net|org|io|local|lan)(\.cn)?$/i, // api.taobao.com
  /\.(xlsx|csv|json|txt|xls|db|log)$/i, // 财务对账_2026-11.xlsx
  /^(e\.g|i\.e)$/, // English abbreviations: "e.g. a shared drive"
  /^(orderhub-demo|iPhone|iPad|macOS|WeChat|WeCom|DingTalk|OrderHub|eBay|PostgreSQL|SQLite|JavaScript|TypeScript|OAuth)$/,
];

export const DEVELOPER_PATTERNS: Record<string, RegExp> = {
  snake_case: /(?<![\w./:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w.-])/g,
  'raw status code': /(?<![\w-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])/g,
  'dotted key': /(?<![\w./@-])[a-z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)+(?![\w/-])/g,
  camelCase: /(?<![\w./-])[a-z]+[A-Z][a-zA-Z0-9]*(?![\w-])/g,
  'field "x"': /(?:字段|field)\s*["“'「]/gi,
  'source id': /(?<![\w/])[a-z]+:[a-z][a-z0-9-]*(?::[a-z0-9-]+)*(?![\w/])/g,
  // A count of 10,000 or more without its thousands separator (共 20004 单). Ids (order, tracking,
  // phone numbers) are longer or joined to letters and dashes; postcodes are removed from addresses.
  'ungrouped number': /(?<![\w.,:/#+-])[1-9]\d{4,6}(?![\w.,:/%-])/g,
};

/** Every developer-looking word in one piece of visible text. */
export function developerWords(text: string): DeveloperWord[] {
  const found: DeveloperWord[] = [];
  for (const [pattern, re] of Object.entries(DEVELOPER_PATTERNS)) {
    for (const m of text.matchAll(re)) {
      const match = m[0];
      if (ALLOWED.some((a) => a.test(match))) continue;
      // A URL is read as a URL (the endpoint a shop talks to), not as a key.
      const around = text.slice(Math.max(0, (m.index ?? 0) - 12), (m.index ?? 0) + match.length + 3);
      if (/https?:\/\//.test(around) && pattern !== 'field "x"') continue;
      found.push({ pattern, match, text: text.trim().slice(0, 120) });
    }
  }
  return found;
}

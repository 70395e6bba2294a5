/**
 * Words joined in code take the reader's punctuation: Chinese its full-width colon, brackets
 * and enumeration comma (状态：已发货（平台）、…), English its own ("Status: Shipped (platform), …").
 * Screens never write '：', '（）' or '、' themselves (tests/integration/ui-words.test.ts checks the source).
 */
import { useTranslation } from 'react-i18next';

export type Lang = 'zh' | 'en';

export interface Punctuation {
  /** "状态：" / "Status: " — the label's colon and, in English, the space after it. */
  colon: string;
  /** "已处理 3 单，2 单未处理" / "3 done, 2 refused". */
  comma: string;
  /** Between clauses that each say something whole: "…；…" / "…; …". */
  semicolon: string;
  /** "（平台）" / " (platform)" — an aside after a word. */
  paren(text: string | number): string;
  /** "“顺丰”" / ""SF"" — a value as the user typed it. */
  quote(text: string): string;
  /** "甲、乙、丙" / "a, b, c". */
  list(items: readonly (string | number)[]): string;
}

const ZH: Punctuation = { colon: '：', comma: '，', semicolon: '；', paren: (text) => `（${text}）`, quote: (text) => `“${text}”`, list: (items) => items.join('、') };
const EN: Punctuation = { colon: ': ', comma: ', ', semicolon: '; ', paren: (text) => ` (${text})`, quote: (text) => `"${text}"`, list: (items) => items.join(', ') };

export function punctuation(lang: Lang): Punctuation {
  return lang === 'en' ? EN : ZH;
}

/** The current language's punctuation, for components. */
export function usePunctuation(): Punctuation {
  const { i18n } = useTranslation();
  return punctuation(i18n.language === 'en' ? 'en' : 'zh');
}

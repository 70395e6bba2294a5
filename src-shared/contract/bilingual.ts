/**
 * A contract's own refusal in both languages. A zod message is one string, so the two are joined
 * with a separator nobody types; the dispatcher (src-main/kernel/validation.ts) shows the
 * caller's half. Keeps field keys and formats (`month must be YYYY-MM`) out of zh-CN errors.
 */
const SEP = '\u241E';

export const bilingual = (zh: string, en: string): string => `${zh}${SEP}${en}`;

/** The caller's half of a bilingual message; any other message as it is. */
export function messageIn(message: string, lang: 'zh' | 'en'): string {
  const i = message.indexOf(SEP);
  if (i < 0) return message;
  return lang === 'en' ? message.slice(i + SEP.length) : message.slice(0, i);
}

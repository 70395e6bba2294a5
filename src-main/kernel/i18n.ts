/** The caller's language, for messages a person reads. zh-CN unless the UI asked for English. */
export type Locale = 'zh-CN' | 'en';

export function pickLocale(header: string | null | undefined): Locale {
  return header && /^en\b/i.test(header.trim()) ? 'en' : 'zh-CN';
}

export function say(locale: Locale, zh: string, en: string): string {
  return locale === 'en' ? en : zh;
}

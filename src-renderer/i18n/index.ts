import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { AREAS } from './areas';
import { en } from './en';
import { zhCN } from './zh-CN';

export type Lang = 'zh-CN' | 'en';

export function initI18n(lang: Lang) {
  void i18n.use(initReactI18next).init({
    resources: {
      'zh-CN': { translation: { ...zhCN, ...pick('zh') } },
      en: { translation: { ...en, ...pick('en') } },
    },
    lng: lang,
    fallbackLng: 'zh-CN',
    // Every number a sentence carries gets thousands separators (共 20,004 单), whatever the area.
    interpolation: { escapeValue: false, alwaysFormat: true },
  });
  const interpolator = i18n.services.interpolator as unknown as { format: NumberAwareFormat };
  const plain = interpolator.format.bind(interpolator);
  interpolator.format = (value, format, lng, options) =>
    typeof value === 'number' && !format && !NOT_A_QUANTITY.has(String(options?.interpolationkey)) ? groupDigits(value, lng) : plain(value, format, lng, options);
  return i18n;
}

type NumberAwareFormat = (value: unknown, format: string | undefined, lng: string | undefined, options?: { interpolationkey?: string }) => unknown;
/** Numbers that are names, not amounts: a code or a version reads as typed. */
const NOT_A_QUANTITY = new Set(['code', 'version', 'year', 'port', 'seq', 'from', 'to', 'no']);

/** 20004 → 20,004 (both languages group by thousands). */
export function groupDigits(n: number, lng?: string): string {
  return n.toLocaleString(lng === 'en' ? 'en-US' : 'zh-CN', { maximumFractionDigits: 2 });
}

const pick = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(AREAS).map(([area, words]) => [area, words[lang]]));

export function setLang(lang: Lang) {
  localStorage.setItem('orderhub.locale', lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

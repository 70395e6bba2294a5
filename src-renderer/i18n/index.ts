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
    interpolation: { escapeValue: false },
  });
  return i18n;
}

const pick = (lang: 'zh' | 'en') => Object.fromEntries(Object.entries(AREAS).map(([area, words]) => [area, words[lang]]));

export function setLang(lang: Lang) {
  localStorage.setItem('orderhub.locale', lang);
  void i18n.changeLanguage(lang);
  document.documentElement.lang = lang;
}

import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLocale, locales, type Locale } from '../../domain/limits.js';
import en from './en.json';
import ja from './ja.json';

/** Where the chosen language is remembered between visits, signed in or not. */
export const languageStorageKey = 'taiwa.lang';

/** Narrows any string to a supported language. */
export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

function storedLanguage(): Locale {
  try {
    const stored = window.localStorage.getItem(languageStorageKey);
    if (isLocale(stored)) return stored;
  } catch {
    // Storage may be unavailable (private mode); fall back to the default.
  }
  return defaultLocale;
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  try {
    window.localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Ignore: the language still applies for this visit.
  }
}

void i18n.use(initReactI18next).init({
  resources: { ja: { translation: ja }, en: { translation: en } },
  lng: storedLanguage(),
  fallbackLng: defaultLocale,
  supportedLngs: [...locales],
  interpolation: { escapeValue: false },
  returnNull: false,
});
document.documentElement.lang = i18n.language;
i18n.on('languageChanged', applyLanguage);

/** The language the UI currently shows. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : defaultLocale;
}

export default i18n;

import i18n, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { defaultLocale, locales, type Locale } from '../../domain/limits.js';
import { isFirstCatalogPath } from '../firstScreenHints.js';

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

/**
 * The shown language also in a cookie (`taiwa.lang`, a language code and nothing else), so the
 * page's HTML can preload the right catalog before any script runs (ADR 0221).
 */
function rememberLanguageForHtml(lng: string) {
  document.cookie = `${languageStorageKey}=${encodeURIComponent(lng)}; path=/; max-age=31536000; samesite=lax`;
}

function applyLanguage(lng: string) {
  document.documentElement.lang = lng;
  rememberLanguageForHtml(lng);
  try {
    window.localStorage.setItem(languageStorageKey, lng);
  } catch {
    // Ignore: the language still applies for this visit.
  }
}

/**
 * Each language's catalog is a chunk of its own, loaded when that language is shown: a page
 * carries one catalog, not both. i18next loads the other one when the language changes, and
 * switches once it is there. (No fallback language: the catalogs have the same keys, checked by
 * catalogs.test.ts, so a fallback would only load the second catalog for nothing.)
 *
 * The first screens (sign-in, home: `firstCatalog` in `firstScreenHints.ts`) start with the part
 * of the catalog they need (`firstScreen.ts`, ADR 0227); `loadWholeCatalog` brings the rest, which
 * every other page waits for (the root route) and which a missing key asks for at once.
 */
type CatalogModule = Promise<{ default: ResourceKey }>;
const catalogs: Record<Locale, { whole: () => CatalogModule; first: () => CatalogModule }> = {
  ja: { whole: () => import('./ja.json'), first: () => import('virtual:taiwa-first-catalog/ja') },
  en: { whole: () => import('./en.json'), first: () => import('virtual:taiwa-first-catalog/en') },
};

/** The whole catalog is wanted from the start on any page but the first screens. */
let wholeWanted = !isFirstCatalogPath(window.location.pathname);
const wholeLoaded = new Map<Locale, Promise<void>>();

const catalogBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    if (!isLocale(language)) return callback(null, {});
    const whole = wholeWanted;
    const load = (whole ? catalogs[language].whole : catalogs[language].first)();
    load.then(
      (catalog) => callback(null, catalog.default),
      (err: unknown) => callback(err instanceof Error ? err : new Error(String(err)), false),
    );
    if (whole) {
      // Settles after the callback above has put the catalog in the store.
      const done = load.then(() => undefined);
      wholeLoaded.set(language, done);
      done.catch(() => wholeLoaded.delete(language));
    }
  },
};

/**
 * Resolves once the whole catalog of the shown language is there (at once when it already is);
 * from then on a change of language loads the whole catalog of the new one.
 */
export function loadWholeCatalog(): Promise<void> {
  wholeWanted = true;
  const language = currentLocale();
  let loaded = wholeLoaded.get(language);
  if (!loaded) {
    loaded = catalogs[language].whole().then((catalog) => {
      i18n.addResourceBundle(language, 'translation', catalog.default, true, true);
    });
    // A failed load is tried again on the next call.
    loaded.catch(() => wholeLoaded.delete(language));
    wholeLoaded.set(language, loaded);
  }
  return loaded;
}

/** Resolves once the catalog of the language shown first is loaded: render after it. */
export const i18nReady: Promise<unknown> = i18n
  .use(catalogBackend)
  .use(initReactI18next)
  .init({
    lng: storedLanguage(),
    fallbackLng: false,
    supportedLngs: [...locales],
    interpolation: { escapeValue: false },
    returnNull: false,
    // A key outside the first-screen part: load the rest; the components show it once it is there.
    saveMissing: true,
    missingKeyHandler: () => void loadWholeCatalog(),
    react: { bindI18nStore: 'added' },
  });
document.documentElement.lang = storedLanguage();
rememberLanguageForHtml(storedLanguage());
i18n.on('languageChanged', applyLanguage);

/** The language the UI currently shows. */
export function currentLocale(): Locale {
  return isLocale(i18n.language) ? i18n.language : defaultLocale;
}

export default i18n;

import { readFileSync } from 'node:fs';

type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out[prefix + k] = v;
    else Object.assign(out, flatten(v, `${prefix}${k}.`));
  }
  return out;
}

/** The web catalogs, flattened to `key → text`. */
export function catalog(lang: 'ja' | 'en'): Record<string, string> {
  return flatten(JSON.parse(readFileSync(`src/web/i18n/${lang}.json`, 'utf8')) as Tree);
}

/**
 * Japanese UI strings that must not remain visible once the UI is in English: every catalog text
 * (or the fixed part of one with placeholders) of 4+ characters that differs from its English one.
 */
export function japaneseUiFragments(): string[] {
  const ja = catalog('ja');
  const en = catalog('en');
  const out = new Set<string>();
  for (const [key, text] of Object.entries(ja)) {
    if (en[key] === text) continue;
    for (const part of text.split(/\{\{[^}]+\}\}/)) {
      const fragment = part.trim();
      if ([...fragment].length >= 4 && /[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Han}]/u.test(fragment)) out.add(fragment);
    }
  }
  return [...out];
}

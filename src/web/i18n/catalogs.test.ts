import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };

type Tree = { [k: string]: string | Tree };

function keys(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [prefix + k] : keys(v, `${prefix}${k}.`)));
}
/** i18next plural forms: `x_one`/`x_other` in English stand for one `x` in Japanese. */
const base = (k: string) => k.replace(/_(zero|one|two|few|many|other)$/, '');

describe('web catalogs', () => {
  it('have the same keys in Japanese and English (plural forms aside)', () => {
    const jaKeys = new Set(keys(ja as Tree).map(base));
    const enKeys = new Set(keys(en as Tree).map(base));
    expect([...jaKeys].filter((k) => !enKeys.has(k))).toEqual([]);
    expect([...enKeys].filter((k) => !jaKeys.has(k))).toEqual([]);
  });

  it('have no Japanese text in English strings, except the name of the Japanese language', () => {
    const flat = (tree: Tree, prefix = ''): [string, string][] =>
      Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v, `${prefix}${k}.`)));
    const offending = flat(en as Tree).filter(
      ([k, v]) => k !== 'language.ja' && !k.startsWith('app.') && /[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(v),
    );
    expect(offending).toEqual([]);
  });

  it('use the same placeholders in both languages', () => {
    const flatMap = (tree: Tree, prefix = ''): Record<string, string> =>
      Object.fromEntries(
        Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[base(prefix + k), v]] : Object.entries(flatMap(v, `${prefix}${k}.`)))),
      );
    const j = flatMap(ja as Tree);
    const e = flatMap(en as Tree);
    const ph = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).filter((p) => p !== 'count').sort();
    const mismatched = Object.keys(j).filter((k) => k in e && JSON.stringify(ph(j[k]!)) !== JSON.stringify(ph(e[k]!)));
    expect(mismatched).toEqual([]);
  });
});

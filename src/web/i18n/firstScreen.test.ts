import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import en from './en.json' with { type: 'json' };
import ja from './ja.json' with { type: 'json' };
import { firstScreenCatalog, pickCatalog } from './firstScreen.js';

const web = path.resolve(import.meta.dirname, '..');

/** What renders on the first screens (sign-in, home and the shell around it, the error pages). */
const firstScreenModules = [
  'main.tsx',
  'routes/root.tsx',
  'routes/app.tsx',
  'routes/index.tsx',
  'routes/sign-in.tsx',
  'components/AppLayout.tsx',
  'features/home/HomePage.tsx',
  'features/auth/SignInPage.tsx',
];
/** Modules the walk does not enter: the other routes (each waits for the whole catalog) and hr's home (the same). */
const waitsForWholeCatalog = (file: string) =>
  file === 'router.tsx' || (file.startsWith('routes/') && !firstScreenModules.includes(file)) || file === 'features/analytics/OrganisationHomePage.tsx';

/** Every module below src/web (and src/domain) the first-screen modules import, statically or not. */
function firstScreenFiles(): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    const relative = path.relative(web, file);
    if (seen.has(file) || waitsForWholeCatalog(relative)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const base = path.resolve(path.dirname(file), m[1]!).replace(/\.js$/, '');
      const found = ['.tsx', '.ts'].map((ext) => base + ext).find((candidate) => existsSync(candidate));
      if (found) visit(found);
    }
  };
  for (const module of firstScreenModules) visit(path.join(web, module));
  return [...seen];
}

/** Whether `key` (or, ending in a dot, every key below it) is in the catalog. */
function inCatalog(catalog: Record<string, unknown>, key: string): boolean {
  const parts = key.replace(/\.$/, '').split('.');
  let at: unknown = catalog;
  for (const [i, part] of parts.entries()) {
    if (typeof at !== 'object' || at === null) return false;
    const node = at as Record<string, unknown>;
    if (part in node) at = node[part];
    else return i === parts.length - 1 && Object.keys(node).some((k) => k.startsWith(`${part}_`));
  }
  return true;
}

describe('the first-screen part of the catalog (ADR 0227)', () => {
  it('holds every key the code of the first screens names, literally or as the start of a template', () => {
    const keys = new Map<string, string>();
    // Generated API types name operations, not catalog keys.
    for (const file of firstScreenFiles().filter((f) => !f.endsWith('.gen.ts'))) {
      // Comments aside (they mention field paths such as `schedule.startDate`).
      const source = readFileSync(file, 'utf8')
        .replace(/\/\*[\s\S]*?\*\//g, '')
        .replace(/^\s*\/\/.*$/gm, '');
      // Any string that starts like a catalog key ('home.title', `home.task.${task}`).
      for (const m of source.matchAll(/['"`]([a-z][A-Za-z]*\.[A-Za-z0-9_.]*)(['"`]|\$\{)/g)) {
        const key = m[1]!;
        if (key.split('.')[0]! in ja && inCatalog(ja, key)) keys.set(key, path.relative(web, file));
      }
    }
    // The walk reached the shell, home and sign-in (the list of modules still names real files).
    expect([...keys.values()]).toEqual(expect.arrayContaining(['components/AppLayout.tsx', 'features/home/UpcomingMeetings.tsx', 'features/auth/SignInPage.tsx']));
    const covered = (key: string) => firstScreenCatalog.some((entry) => key === entry || key.startsWith(`${entry}.`) || key.startsWith(`${entry}_`));
    expect([...keys].filter(([key]) => !covered(key)).map(([key, file]) => `${key} (${file})`)).toEqual([]);
  });

  it('is the same part of both languages, and picking it keeps plural forms and fails on a key the catalog lacks', () => {
    const jaPart = pickCatalog(ja, firstScreenCatalog);
    const enPart = pickCatalog(en, firstScreenCatalog);
    // The same keys, plural forms aside (Japanese has one form, English two).
    const shape = (value: unknown): unknown =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.keys(value).sort().map((k) => [k.replace(/_(zero|one|two|few|many|other)$/, ''), shape((value as Record<string, unknown>)[k])]))
        : null;
    expect(shape(enPart)).toEqual(shape(jaPart));
    expect(Object.keys(jaPart)).toContain('home');
    expect(pickCatalog({ a: { n_one: '1', n_other: 'n', m: 'x' } }, ['a.n'])).toEqual({ a: { n_one: '1', n_other: 'n' } });
    expect(() => pickCatalog(ja, ['home.noSuchKey'])).toThrow(/home\.noSuchKey/);
    expect(() => pickCatalog(ja, ['noSuchSection'])).toThrow(/noSuchSection/);
    // Far smaller than the whole catalog: what the first screens save.
    expect(JSON.stringify(jaPart).length).toBeLessThan(JSON.stringify(ja).length / 4);
  });
});

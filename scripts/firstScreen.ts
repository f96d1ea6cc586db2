/**
 * Writes `first-screen.json` beside the built `index.html`: for each page of
 * `src/web/firstScreenHints.ts`, the chunks its code is in (and the chunks those import, less what
 * `index.html` already loads) and the API addresses it asks for first, and each language's catalog
 * chunk. The server turns them into preload links in the page's HTML (`src/server/firstScreenHtml.ts`,
 * ADR 0221). A module of the table that is in no chunk fails the build, so the table cannot point at
 * code that moved.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { firstScreenHints } from '../src/web/firstScreenHints.js';
import { firstScreenCatalog, pickCatalog } from '../src/web/i18n/firstScreen.js';

/** What the server reads: per page path, the files to modulepreload and the data to preload. */
export interface FirstScreenManifest {
  pages: { path: string; modules: string[]; data: string[]; firstCatalog: boolean }[];
  /** Each language's catalog chunk (`src/web/i18n/<lang>.json`), by language. */
  catalogs: Record<string, string>;
  /** Each language's first-screen part of the catalog (ADR 0227), by language. */
  firstCatalogs: Record<string, string>;
}

interface ChunkInfo {
  type: 'chunk';
  fileName: string;
  isEntry: boolean;
  imports: string[];
  moduleIds: string[];
}

export const firstScreenFile = 'first-screen.json';

export function firstScreenPlugin(): Plugin {
  let root = '';
  return {
    name: 'taiwa-first-screen',
    apply: 'build',
    configResolved(config) {
      root = config.root;
    },
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is typeof c & ChunkInfo => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const closure = (start: string[], into = new Set<string>()): Set<string> => {
        for (const file of start) {
          if (into.has(file)) continue;
          into.add(file);
          closure(byFile.get(file)?.imports ?? [], into);
        }
        return into;
      };
      const loadedByEntry = closure(chunks.filter((c) => c.isEntry).map((c) => c.fileName));
      const catalogs: Record<string, string> = {};
      const firstCatalogs: Record<string, string> = {};
      for (const c of chunks) {
        for (const id of c.moduleIds) {
          const m = /[\\/]i18n[\\/]([a-z]{2})\.json$/.exec(id);
          if (m && id.startsWith(root)) catalogs[m[1]!] = `/${c.fileName}`;
          if (id.startsWith(`\0${firstCatalogPrefix}`)) firstCatalogs[id.slice(firstCatalogPrefix.length + 1)] = `/${c.fileName}`;
        }
      }
      const manifest: FirstScreenManifest = {
        catalogs,
        firstCatalogs,
        pages: firstScreenHints.map((hint) => {
          const own = hint.modules.map((module) => {
            const id = path.resolve(root, module);
            const chunk = chunks.find((c) => c.moduleIds.includes(id));
            if (!chunk) throw new Error(`firstScreenHints: ${module} (page ${hint.path}) is in no chunk`);
            return chunk.fileName;
          });
          const files = [...closure(own)].filter((f) => !loadedByEntry.has(f));
          return { path: hint.path, modules: files.map((f) => `/${f}`), data: hint.data, firstCatalog: hint.firstCatalog === true };
        }),
      };
      this.emitFile({ type: 'asset', fileName: firstScreenFile, source: JSON.stringify(manifest) });
    },
  };
}

/** `import('virtual:taiwa-first-catalog/ja')`: the first-screen part of `src/web/i18n/ja.json`. */
export const firstCatalogPrefix = 'virtual:taiwa-first-catalog/';

/**
 * Serves `virtual:taiwa-first-catalog/<lang>`: the entries of `src/web/i18n/firstScreen.ts` picked
 * from that language's catalog, as a module of its own (so a chunk of its own), in the build and
 * in the dev server. An entry the catalog does not have fails the build.
 */
export function firstCatalogPlugin(): Plugin {
  let root = '';
  return {
    name: 'taiwa-first-catalog',
    enforce: 'pre',
    configResolved(config) {
      root = config.root;
    },
    resolveId(source) {
      return source.startsWith(firstCatalogPrefix) && /^[a-z]{2}$/.test(source.slice(firstCatalogPrefix.length)) ? `\0${source}` : null;
    },
    load(id) {
      if (!id.startsWith(`\0${firstCatalogPrefix}`)) return null;
      const file = path.join(root, 'i18n', `${id.slice(firstCatalogPrefix.length + 1)}.json`);
      this.addWatchFile(file);
      const part = pickCatalog(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, firstScreenCatalog);
      return `export default JSON.parse(${JSON.stringify(JSON.stringify(part))});`;
    },
  };
}

const mergeRefsModule = '\0taiwa-scroll-area-merge-refs';

/**
 * Mantine's ScrollArea takes one helper, `useMergeRefs`, from `@floating-ui/react`, and with it the
 * whole of floating-ui (about 15 kB gzip) comes into every page with the signed-in shell, whose
 * navigation scrolls in a ScrollArea. This gives ScrollArea the same helper from `@mantine/hooks`
 * (`useMergedRef`: the refs merged into one callback ref, each cleaned up when the node changes),
 * so floating-ui is loaded only with the popovers, menus and selects that position with it. If
 * ScrollArea ever imports anything else from floating-ui, the build fails on the missing export.
 */
export function scrollAreaWithoutFloatingUi(): Plugin {
  return {
    name: 'taiwa-scroll-area-without-floating-ui',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source === '@floating-ui/react' && importer && /@mantine[\\/]core[\\/]esm[\\/]components[\\/]ScrollArea[\\/]ScrollArea\.mjs$/.test(importer)) {
        return mergeRefsModule;
      }
      return null;
    },
    load(id) {
      if (id !== mergeRefsModule) return null;
      return [
        "import { useMergedRef } from '@mantine/hooks';",
        'export function useMergeRefs(refs) {',
        '  return useMergedRef(...refs);',
        '}',
      ].join('\n');
    },
  };
}

/**
 * The web client's `index.html` for one address, with the preload links of its page (ADR 0221):
 * `<link rel=modulepreload>` for the page's chunks and `<link rel=preload as=fetch>` for the API
 * answers it asks for first, both from `first-screen.json` (written by the build,
 * `scripts/firstScreen.ts`). The browser then fetches the page's code and data together with the
 * entry script instead of after it.
 *
 * The links never depend on who asks. They depend on the address and on two facts about the
 * request: the language the browser last showed (cookie `taiwa.lang`, which picks the catalog) and
 * whether it carries a session cookie at all (not whose, nor whether it is still valid).
 * Without one, only the answers every visitor gets (`/api/session`, `/api/setup`) are preloaded, so
 * a signed-out visitor's browser logs no failed request; with one, the page's own data too. A few
 * variants per address, the same for everyone in each, sent with `Vary: Cookie`.
 */

export interface FirstScreenPage {
  path: string;
  modules: string[];
  data: string[];
  /** The page renders with the first-screen part of the catalog (ADR 0227). */
  firstCatalog?: boolean;
}

/**
 * What the build wrote (`first-screen.json`): the pages, each language's catalog chunk, and its
 * first-screen part (ADR 0227).
 */
export interface FirstScreenManifest {
  pages: FirstScreenPage[];
  catalogs: Record<string, string>;
  firstCatalogs: Record<string, string>;
}

/** Who is asking, as far as the links may depend on it (never on who they are). */
export interface FirstScreenRequest {
  /** The request carries a session cookie (not checked). */
  withSession: boolean;
  /** The language the browser last showed (cookie `taiwa.lang`, else the default). */
  language: string;
}

/** API answers that every visitor gets (200, `null` or a flag, for nobody too). */
const answersEveryone = new Set(['/api/session', '/api/setup']);

/** An address parameter is put into a data address only when it looks like an id. */
const paramPattern = /^[A-Za-z0-9_-]{1,100}$/;

/** The page of `pathname` and its parameters, or null when no page of the list matches. */
export function matchFirstScreenPage(
  pages: readonly FirstScreenPage[],
  pathname: string,
): { page: FirstScreenPage; params: Record<string, string> } | null {
  const parts = pathname.replace(/\/+$/, '').split('/');
  for (const page of pages) {
    const pattern = page.path.replace(/\/+$/, '').split('/');
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const matches = pattern.every((segment, i) => {
      const part = parts[i]!;
      if (!segment.startsWith('$')) return segment === part;
      if (!paramPattern.test(part)) return false;
      params[segment.slice(1)] = part;
      return true;
    });
    if (matches) return { page, params };
  }
  return null;
}

function escapeAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * The preload links of `pathname`'s page ('' when it has none); `withSession`: the request carries
 * a session cookie, so the page's own data are worth preloading.
 */
export function firstScreenLinks(pages: readonly FirstScreenPage[], pathname: string, withSession: boolean): string {
  const match = matchFirstScreenPage(pages, pathname);
  if (!match) return '';
  const { page, params } = match;
  const data = page.data
    .filter((address) => withSession || answersEveryone.has(address))
    .map((address) => address.replace(/\$([A-Za-z]+)/g, (_m, name: string) => params[name] ?? ''));
  return [
    // Data first: the API answers take longest, and the browser starts requests in document order.
    ...data.map((href) => `<link rel="preload" as="fetch" crossorigin="anonymous" href="${escapeAttribute(href)}">`),
    ...page.modules.map((href) => `<link rel="modulepreload" crossorigin href="${escapeAttribute(href)}">`),
  ].join('\n    ');
}

/**
 * `indexHtml` with, at the end of its head, the catalog of the language the browser shows (every
 * page renders only once it is there) and the preload links of `pathname`'s page.
 */
export function firstScreenHtml(indexHtml: string, manifest: FirstScreenManifest, pathname: string, request: FirstScreenRequest): string {
  const firstPart = matchFirstScreenPage(manifest.pages, pathname)?.page.firstCatalog === true ? manifest.firstCatalogs[request.language] : undefined;
  const catalog = firstPart ?? manifest.catalogs[request.language];
  const links = [
    ...(catalog ? [`<link rel="modulepreload" crossorigin href="${escapeAttribute(catalog)}">`] : []),
    ...[firstScreenLinks(manifest.pages, pathname, request.withSession)].filter(Boolean),
  ].join('\n    ');
  if (!links) return indexHtml;
  const at = indexHtml.indexOf('</head>');
  if (at < 0) return indexHtml;
  return `${indexHtml.slice(0, at)}  ${links}\n  ${indexHtml.slice(at)}`;
}

/** Reads what the build wrote; a missing or unreadable file means no preload links. */
export function parseFirstScreenManifest(text: string | null): FirstScreenManifest {
  const none: FirstScreenManifest = { pages: [], catalogs: {}, firstCatalogs: {} };
  if (!text) return none;
  try {
    const parsed = JSON.parse(text) as { pages?: unknown; catalogs?: unknown; firstCatalogs?: unknown };
    const files = (value: unknown): Record<string, string> =>
      typeof value === 'object' && value !== null
        ? Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'))
        : {};
    const catalogs = files(parsed.catalogs);
    const firstCatalogs = files(parsed.firstCatalogs);
    if (!Array.isArray(parsed.pages)) return { pages: [], catalogs, firstCatalogs };
    const pages = parsed.pages.filter(
      (p): p is FirstScreenPage =>
        typeof p === 'object' &&
        p !== null &&
        typeof (p as FirstScreenPage).path === 'string' &&
        Array.isArray((p as FirstScreenPage).modules) &&
        Array.isArray((p as FirstScreenPage).data),
    );
    return { pages, catalogs, firstCatalogs };
  } catch {
    return none;
  }
}

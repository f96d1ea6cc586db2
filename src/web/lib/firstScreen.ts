import type { QueryClient, QueryMeta } from '@tanstack/react-query';

/**
 * What a route needs before it can show anything, declared beside the route so it can be started
 * early: at start-up for the page being opened (before React renders, so the page's code, `/api/me`
 * and the page's data travel together instead of one after another) and when a link to the route
 * is hovered or focused (the router's intent preloading).
 */
export interface RoutePreload {
  /** Imports the page's code, and code the page would otherwise only ask for once rendered. */
  chunk?: () => Promise<unknown>;
  /** Starts the page's queries; runs only for a signed-in person (see `wasSignedIn`). */
  data?: (queryClient: QueryClient, params: Record<string, string>) => void;
}

declare module '@tanstack/react-router' {
  interface StaticDataRouteOption {
    preload?: RoutePreload;
  }
}

/**
 * Marks a query started before the session is confirmed: if it fails with 401 the sign-in
 * redirect of the route (with the page to come back to) handles it, not the cache's global handler.
 */
export const speculative: QueryMeta = { speculative: true };

/** True for a query started by `RoutePreload.data` that nothing on screen has used yet. */
export function isSpeculative(meta: QueryMeta | undefined): boolean {
  return meta?.speculative === true;
}

const signedInKey = 'taiwa.signedIn';

/**
 * Remembers on this browser whether someone was signed in at the last check (a flag, nothing
 * about who), so the next visit asks for page data together with `/api/me` rather than after it.
 */
export function rememberSignedIn(signedIn: boolean): void {
  try {
    if (signedIn) window.localStorage.setItem(signedInKey, '1');
    else window.localStorage.removeItem(signedInKey);
  } catch {
    // Storage unavailable: page data then waits for /api/me.
  }
}

/** Whether someone was signed in on this browser at the last check. */
export function wasSignedIn(): boolean {
  try {
    return window.localStorage.getItem(signedInKey) === '1';
  } catch {
    return false;
  }
}

/** Starts a route's code and, when asked, its data, without waiting for either. */
export function runPreload(preload: RoutePreload, queryClient: QueryClient, params: Record<string, string>, withData: boolean): void {
  void preload.chunk?.();
  if (withData) preload.data?.(queryClient, params);
}

/**
 * Route data the start-up (`startFirstScreen`) already asked for, which the first navigation's
 * loader then does not ask for again: its answer, even a 403, is this navigation's answer (with
 * preloaded answers it is often there before the loader runs, and asking again would be a second
 * request). Forgotten once the first navigation has settled, so later ones ask as usual (a 401
 * before sign-in is asked again after it).
 */
let startedAtStartUp: Map<RoutePreload, Set<string>> | null = new Map();

const paramsKey = (params: Record<string, string>) => JSON.stringify(Object.entries(params).sort());

/** `runPreload` at start-up: remembers the data it started for the first navigation's loader. */
export function runPreloadAtStartUp(preload: RoutePreload, queryClient: QueryClient, params: Record<string, string>, withData: boolean): void {
  runPreload(preload, queryClient, params, withData);
  if (!withData || !preload.data || !startedAtStartUp) return;
  const started = startedAtStartUp.get(preload) ?? new Set<string>();
  started.add(paramsKey(params));
  startedAtStartUp.set(preload, started);
}

/** `runPreload` of a route's loader: skips data the start-up already asked for in this navigation. */
export function runPreloadInLoader(preload: RoutePreload, queryClient: QueryClient, params: Record<string, string>): void {
  const asked = startedAtStartUp?.get(preload)?.delete(paramsKey(params)) ?? false;
  runPreload(preload, queryClient, params, !asked);
}

/** The first navigation has settled: every later loader asks for its data. */
export function forgetStartUp(): void {
  startedAtStartUp = null;
}

/**
 * API answers the page's HTML asked the browser to fetch at once (`<link rel=preload as=fetch>`,
 * written by the server from `firstScreenHints.ts`, ADR 0221), by absolute address. Each is taken
 * over once, by the first request for it while the page is opening; later requests go to the
 * server as usual, so an answer that is no longer fresh is never shown.
 */
let preloadedData: Set<string> | null = null;

/** How long after navigation start a preloaded answer may still be taken over (ms). */
const preloadedDataTtlMs = 10_000;

/** Whether `url` was preloaded by the HTML and not yet taken over (and marks it taken). */
export function takePreloadedData(url: string): boolean {
  if (typeof performance !== 'undefined' && performance.now() > preloadedDataTtlMs) return false;
  if (preloadedData === null) {
    preloadedData = new Set();
    if (typeof document !== 'undefined') {
      for (const link of document.querySelectorAll<HTMLLinkElement>('link[rel="preload"][as="fetch"]')) preloadedData.add(link.href);
    }
  }
  return preloadedData.delete(url);
}

/**
 * The language the server answers a request in that carries the browser's own Accept-Language (as
 * a preload does): the first of the browser's languages that is Japanese or English, else Japanese
 * (as `localeFromHeader` on the server).
 */
export function browserAnswerLanguage(): string {
  for (const tag of typeof navigator === 'undefined' ? [] : navigator.languages) {
    const lower = tag.toLowerCase();
    if (lower.startsWith('ja')) return 'ja';
    if (lower.startsWith('en')) return 'en';
  }
  return 'ja';
}

/**
 * The answer the browser preloaded for `url`: the same request as the link's (GET, same-origin
 * credentials, no headers of our own), so the browser hands over the preloaded response instead of
 * asking again. A success is always taken; an error only when `pageLanguage` is the language the
 * server answered in (else its message would be in the wrong language, and the caller asks again).
 * Null when it was not preloaded or is not taken.
 */
export async function preloadedAnswer(url: string, signal: AbortSignal, pageLanguage: string): Promise<Response | null> {
  if (!takePreloadedData(url)) return null;
  try {
    const response = await fetch(url, { credentials: 'same-origin', signal });
    return response.ok || pageLanguage === browserAnswerLanguage() ? response : null;
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    return null;
  }
}

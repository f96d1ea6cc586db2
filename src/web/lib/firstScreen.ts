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

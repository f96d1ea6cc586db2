import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { RootErrorPage } from '../components/RouteErrorPage.js';
import { isFirstCatalogPath } from '../firstScreenHints.js';
import { loadWholeCatalog } from '../i18n/index.js';

export interface RouterContext {
  queryClient: QueryClient;
}

/** The root: every page below it, the not-found page and the app-wide error boundary. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  // Every page but the first screens renders with the whole catalog (ADR 0227); a link's intent
  // (the router preloads on it) starts loading it.
  beforeLoad: ({ location }) => (isFirstCatalogPath(location.pathname) ? undefined : loadWholeCatalog()),
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RootErrorPage,
});

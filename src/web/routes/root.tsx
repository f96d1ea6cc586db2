import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { NotFoundPage } from '../components/NotFoundPage.js';
import { RootErrorPage } from '../components/RouteErrorPage.js';

export interface RouterContext {
  queryClient: QueryClient;
}

/** The root: every page below it, the not-found page and the app-wide error boundary. */
export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: Outlet,
  notFoundComponent: NotFoundPage,
  errorComponent: RootErrorPage,
});

import { lazy } from 'react';
import { createRoute, redirect } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { setupStatusQuery } from '../lib/session.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/auth/SetupPage.js');
const SetupPage = lazy(() => loadPage().then((m) => ({ default: m.SetupPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /setup — the first admin of a new installation; only while nobody exists yet. */
export const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  beforeLoad: async ({ context }) => {
    const { needsSetup } = await context.queryClient.fetchQuery({ ...setupStatusQuery, staleTime: 0 });
    if (!needsSetup) throw redirect({ to: '/sign-in' });
  },
  component: SetupPage,
});

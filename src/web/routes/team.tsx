import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/team/TeamPage.js');
const TeamPage = lazy(() => loadPage().then((m) => ({ default: m.TeamPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /team — a manager's direct reports. */
export const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/team',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: TeamPage,
});

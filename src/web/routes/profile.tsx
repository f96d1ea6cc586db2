import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/profile/ProfilePage.js');
const ProfilePage = lazy(() => loadPage().then((m) => ({ default: m.ProfilePage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /profile — who I am, language, time zone and password. */
export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: ProfilePage,
});

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { loadWholeCatalog } from '../i18n/index.js';
import { homeQuery } from '../lib/oneOnOne.js';
import { useMe } from '../lib/session.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/home/HomePage.js');
const HomePage = lazy(() => loadPage().then((m) => ({ default: m.HomePage })));
// hr's and admin's home needs more of the catalog than the first-screen part (ADR 0227).
const loadOrganisationHome = () => Promise.all([import('../features/analytics/OrganisationHomePage.js'), loadWholeCatalog()]).then(([page]) => page);
const OrganisationHomePage = lazy(() => loadOrganisationHome().then((m) => ({ default: m.OrganisationHomePage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage, data: (queryClient) => void queryClient.prefetchQuery({ ...homeQuery, meta: speculative }) };

/** hr and admin land on the organisation's home; everyone else on their own 1on1s. */
function Home() {
  const me = useMe();
  return me.roles.includes('hr') || me.roles.includes('admin') ? <OrganisationHomePage /> : <HomePage />;
}

/** / — home: for members their 1on1s and reporting lines; for hr and admin the organisation's figures and pages. */
export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: Home,
});

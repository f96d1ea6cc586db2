import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreload, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { homeQuery } from '../lib/oneOnOne.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/home/HomePage.js');
const HomePage = lazy(() => loadPage().then((m) => ({ default: m.HomePage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage, data: (queryClient) => void queryClient.prefetchQuery({ ...homeQuery, meta: speculative }) };

/** / — home: greeting, the person's reporting lines and what Taiwa is for. */
export const homeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  staticData: { preload },
  loader: ({ context, params }) => runPreload(preload, context.queryClient, params, true),
  component: HomePage,
});

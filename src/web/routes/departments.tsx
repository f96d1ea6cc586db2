import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/departments/DepartmentsPage.js');
const DepartmentsPage = lazy(() => loadPage().then((m) => ({ default: m.DepartmentsPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /departments — the department tree; admins add, rename, move and deactivate. */
export const departmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/departments',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: DepartmentsPage,
});

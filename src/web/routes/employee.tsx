import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/employees/EmployeeDetail.js');
const EmployeeDetail = lazy(() => loadPage().then((m) => ({ default: m.EmployeeDetail })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /employees/$id — one employee; admins edit, set the manager and deactivate here. */
export const employeeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees/$id',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: function EmployeeRoute() {
    const { id } = employeeRoute.useParams();
    return <EmployeeDetail id={id} />;
  },
});

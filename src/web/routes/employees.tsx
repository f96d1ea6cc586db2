import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalEnum, optionalPositiveInt, optionalString } from '../lib/searchParams.js';
import type { DirectorySearch } from '../features/employees/EmployeeDirectory.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/employees/EmployeeDirectory.js');
const EmployeeDirectory = lazy(() => loadPage().then((m) => ({ default: m.EmployeeDirectory })));

function searchSchema(search: Record<string, unknown>): { q?: string; departmentId?: string; status?: 'active' | 'inactive' | 'all'; page?: number } {
  return {
    q: optionalString(search.q, 100),
    departmentId: optionalString(search.departmentId),
    status: optionalEnum(search.status, ['active', 'inactive', 'all']),
    page: optionalPositiveInt(search.page),
  };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /employees — the directory, with search, filters and pagination kept in the address. */
export const employeesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function EmployeesRoute() {
    const search = employeesRoute.useSearch();
    const navigate = employeesRoute.useNavigate();
    return <EmployeeDirectory search={search} onSearchChange={(next: DirectorySearch) => void navigate({ search: next, replace: true })} />;
  },
});

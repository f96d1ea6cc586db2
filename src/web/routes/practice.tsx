import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { practiceSortKeys } from '../../domain/practiceSort.js';
import type { PracticeSearch } from '../lib/formality.js';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalEnum, optionalPositiveInt, optionalString } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only. */
const loadPage = () => import('../features/analytics/PracticePage.js');
const PracticePage = lazy(() => loadPage().then((m) => ({ default: m.PracticePage })));

function searchSchema(search: Record<string, unknown>): PracticeSearch {
  return {
    department: optionalString(search.department, 36),
    sort: optionalEnum(search.sort, practiceSortKeys),
    order: optionalEnum(search.order, ['asc', 'desc'] as const),
    page: optionalPositiveInt(search.page),
  };
}

const preload: RoutePreload = { chunk: loadPage };

/** /analytics/practice — hr and admin: the manager practice table (counts only). */
export const practiceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/analytics/practice',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function PracticeRoute() {
    const search = practiceRoute.useSearch();
    const navigate = practiceRoute.useNavigate();
    return <PracticePage search={search} onSearchChange={(next: PracticeSearch) => void navigate({ search: next })} />;
  },
});

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import type { AnalyticsSearch } from '../lib/analytics.js';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalString } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only: the charts stay out of every other page. */
const loadPage = () => import('../features/analytics/AnalyticsPage.js');
const AnalyticsPage = lazy(() => loadPage().then((m) => ({ default: m.AnalyticsPage })));

const month = (v: unknown) => {
  const s = optionalString(v, 7);
  return s && /^\d{4}-(0[1-9]|1[0-2])$/.test(s) ? s : undefined;
};
function searchSchema(search: Record<string, unknown>): AnalyticsSearch {
  return { from: month(search.from), to: month(search.to), department: optionalString(search.department, 36) };
}

const preload: RoutePreload = { chunk: loadPage };

/** /analytics — hr and admin: practice and quality per department and closed month, with drill-down. */
export const analyticsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/analytics',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function AnalyticsRoute() {
    const search = analyticsRoute.useSearch();
    const navigate = analyticsRoute.useNavigate();
    return <AnalyticsPage search={search} onSearchChange={(next: AnalyticsSearch) => void navigate({ search: next })} />;
  },
});

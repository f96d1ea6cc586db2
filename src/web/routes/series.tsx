import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalPositiveInt } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/series/SeriesPage.js');
const SeriesPage = lazy(() => loadPage().then((m) => ({ default: m.SeriesPage })));

function searchSchema(search: Record<string, unknown>): { past?: number } {
  return { past: optionalPositiveInt(search.past) };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /one-on-ones/$seriesId — one series: purpose, cadence, status, upcoming and past meetings. */
export const seriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/one-on-ones/$seriesId',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function SeriesRoute() {
    const { seriesId } = seriesRoute.useParams();
    const { past } = seriesRoute.useSearch();
    const navigate = seriesRoute.useNavigate();
    return (
      <SeriesPage
        id={seriesId}
        pastPage={past ?? 1}
        onPastPageChange={(p) => void navigate({ search: { past: p === 1 ? undefined : p }, replace: true, resetScroll: false })}
      />
    );
  },
});

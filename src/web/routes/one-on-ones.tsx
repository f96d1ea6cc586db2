import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalString } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/series/SeriesListPage.js');
const SeriesListPage = lazy(() => loadPage().then((m) => ({ default: m.SeriesListPage })));

function searchSchema(search: Record<string, unknown>): { setUp?: string } {
  /** Opens the set-up form for this report (from home's 「1on1を設定」). */
  return { setUp: optionalString(search.setUp, 64) };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /one-on-ones — my 1on1 series as manager and as report; managers, hr and admins set new ones up here. */
export const oneOnOnesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/one-on-ones',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function OneOnOnesRoute() {
    const { setUp } = oneOnOnesRoute.useSearch();
    const navigate = oneOnOnesRoute.useNavigate();
    return <SeriesListPage setUpFor={setUp} onSetUpDone={() => void navigate({ search: {}, replace: true })} />;
  },
});

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalPositiveInt, optionalString } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/search/SearchPage.js');
const SearchPage = lazy(() => loadPage().then((m) => ({ default: m.SearchPage })));

function searchSchema(search: Record<string, unknown>): { q?: string; page?: number } {
  return { q: optionalString(search.q), page: optionalPositiveInt(search.page) };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /search?q= — full-text search over the user's own 1on1s. */
export const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function SearchRoute() {
    const { q, page } = searchRoute.useSearch();
    const navigate = searchRoute.useNavigate();
    return <SearchPage q={q ?? ''} page={page ?? 1} onSearch={(term, p) => void navigate({ search: { q: term, page: p === 1 ? undefined : p } })} />;
  },
});

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const SearchPage = lazy(() => import('../features/search/SearchPage.js').then((m) => ({ default: m.SearchPage })));

const searchSchema = z.object({
  q: z.string().optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** /search?q= — full-text search over the user's own 1on1s. */
export const searchRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/search',
  validateSearch: searchSchema,
  component: function SearchRoute() {
    const { q, page } = searchRoute.useSearch();
    const navigate = searchRoute.useNavigate();
    return <SearchPage q={q ?? ''} page={page ?? 1} onSearch={(term, p) => void navigate({ search: { q: term, page: p === 1 ? undefined : p } })} />;
  },
});

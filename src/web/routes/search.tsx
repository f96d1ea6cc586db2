import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { SearchPage } from '../features/search/SearchPage.js';
import { appRoute } from './app.js';

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

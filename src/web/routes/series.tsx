import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const SeriesPage = lazy(() => import('../features/series/SeriesPage.js').then((m) => ({ default: m.SeriesPage })));

const searchSchema = z.object({
  past: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** /one-on-ones/$seriesId — one series: purpose, cadence, status, upcoming and past meetings. */
export const seriesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/one-on-ones/$seriesId',
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

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const SeriesListPage = lazy(() => import('../features/series/SeriesListPage.js').then((m) => ({ default: m.SeriesListPage })));

const searchSchema = z.object({
  /** Opens the set-up form for this report (from home's 「1on1を設定」). */
  setUp: z.string().max(64).optional().catch(undefined),
});

/** /one-on-ones — my 1on1 series as manager and as report; managers, hr and admins set new ones up here. */
export const oneOnOnesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/one-on-ones',
  validateSearch: searchSchema,
  component: function OneOnOnesRoute() {
    const { setUp } = oneOnOnesRoute.useSearch();
    const navigate = oneOnOnesRoute.useNavigate();
    return <SeriesListPage setUpFor={setUp} onSetUpDone={() => void navigate({ search: {}, replace: true })} />;
  },
});

import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalEnum, optionalPositiveInt } from '../lib/searchParams.js';
import { appRoute } from './app.js';

const loadGoals = () => import('../features/goals/GoalsPage.js');
const GoalsPage = lazy(() => loadGoals().then((m) => ({ default: m.GoalsPage })));
const goalsPreload: RoutePreload = { chunk: loadGoals };

/** /goals — my goals with key results and progress updates. */
export const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/goals',
  staticData: { preload: goalsPreload },
  loader: ({ context, params }) => runPreloadInLoader(goalsPreload, context.queryClient, params),
  component: () => <GoalsPage />,
});

const loadLog = () => import('../features/goals/FeedbackLogPage.js');
const FeedbackLogPage = lazy(() => loadLog().then((m) => ({ default: m.FeedbackLogPage })));
const logPreload: RoutePreload = { chunk: loadLog };

function logSearch(search: Record<string, unknown>): { direction?: 'received' | 'given'; person?: string; page?: number } {
  return {
    direction: optionalEnum(search.direction, ['received', 'given']),
    person: typeof search.person === 'string' && /^[0-9a-f-]{36}$/.test(search.person) ? search.person : undefined,
    page: optionalPositiveInt(search.page),
  };
}

/** /feedback — the feedback I received and gave, in 1on1s and between them. */
export const feedbackLogRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/feedback',
  staticData: { preload: logPreload },
  loader: ({ context, params }) => runPreloadInLoader(logPreload, context.queryClient, params),
  validateSearch: logSearch,
  component: function FeedbackLogRoute() {
    const { direction, person, page } = feedbackLogRoute.useSearch();
    const navigate = feedbackLogRoute.useNavigate();
    return (
      <FeedbackLogPage
        direction={direction ?? 'received'}
        personId={person}
        page={page ?? 1}
        onChange={(next) =>
          void navigate({
            search: (prev) => {
              const merged = { ...prev, ...next };
              return {
                direction: merged.direction === 'received' ? undefined : merged.direction,
                person: merged.person || undefined,
                page: merged.page === 1 ? undefined : merged.page,
              };
            },
            replace: true,
            resetScroll: false,
          })
        }
      />
    );
  },
});

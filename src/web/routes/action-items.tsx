import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalEnum, optionalPositiveInt } from '../lib/searchParams.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/actionItems/ActionItemsPage.js');
const ActionItemsPage = lazy(() => loadPage().then((m) => ({ default: m.ActionItemsPage })));

function searchSchema(search: Record<string, unknown>): { tab?: 'mine' | 'support' | 'team'; status?: 'open' | 'done' | 'all'; page?: number } {
  return {
    tab: optionalEnum(search.tab, ['mine', 'support', 'team']),
    status: optionalEnum(search.status, ['open', 'done', 'all']),
    page: optionalPositiveInt(search.page),
  };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /action-items — my action items and my team's, with status filter and pages. */
export const actionItemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/action-items',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  component: function ActionItemsRoute() {
    const { tab, status, page } = actionItemsRoute.useSearch();
    const navigate = actionItemsRoute.useNavigate();
    return (
      <ActionItemsPage
        scope={tab ?? 'mine'}
        status={status ?? 'open'}
        page={page ?? 1}
        onChange={(next) =>
          void navigate({
            search: (prev) => {
              const merged = { tab: next.scope ?? prev.tab, status: next.status ?? prev.status, page: next.page ?? prev.page };
              return {
                tab: merged.tab === 'mine' ? undefined : merged.tab,
                status: merged.status === 'open' ? undefined : merged.status,
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

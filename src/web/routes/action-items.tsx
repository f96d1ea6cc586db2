import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const ActionItemsPage = lazy(() => import('../features/actionItems/ActionItemsPage.js').then((m) => ({ default: m.ActionItemsPage })));

const searchSchema = z.object({
  tab: z.enum(['mine', 'support', 'team']).optional().catch(undefined),
  status: z.enum(['open', 'done', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** /action-items — my action items and my team's, with status filter and pages. */
export const actionItemsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/action-items',
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

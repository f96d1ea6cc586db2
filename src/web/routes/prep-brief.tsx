import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const PrepBriefPage = lazy(() => import('../features/meetings/PrepBriefPage.js').then((m) => ({ default: m.PrepBriefPage })));

/** /meetings/$meetingId/prep — the manager's one-page prep brief. */
export const prepBriefRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/prep',
  component: function PrepBriefRoute() {
    const { meetingId } = prepBriefRoute.useParams();
    return <PrepBriefPage id={meetingId} />;
  },
});

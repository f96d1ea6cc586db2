import { createRoute } from '@tanstack/react-router';
import { PrepBriefPage } from '../features/meetings/PrepBriefPage.js';
import { appRoute } from './app.js';

/** /meetings/$meetingId/prep — the manager's one-page prep brief. */
export const prepBriefRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/prep',
  component: function PrepBriefRoute() {
    const { meetingId } = prepBriefRoute.useParams();
    return <PrepBriefPage id={meetingId} />;
  },
});

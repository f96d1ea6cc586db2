import { createRoute } from '@tanstack/react-router';
import { MinutesPage } from '../features/minutes/MinutesPage.js';
import { appRoute } from './app.js';

/** /meetings/$meetingId/minutes — the minutes, their sharing and corrections, and the reflection. */
export const minutesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/minutes',
  component: function MinutesRoute() {
    const { meetingId } = minutesRoute.useParams();
    return <MinutesPage key={meetingId} id={meetingId} />;
  },
});

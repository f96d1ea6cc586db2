import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const MinutesPage = lazy(() => import('../features/minutes/MinutesPage.js').then((m) => ({ default: m.MinutesPage })));

/** /meetings/$meetingId/minutes — the minutes, their sharing and corrections, and the reflection. */
export const minutesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/minutes',
  component: function MinutesRoute() {
    const { meetingId } = minutesRoute.useParams();
    return <MinutesPage key={meetingId} id={meetingId} />;
  },
});

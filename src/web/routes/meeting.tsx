import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const MeetingPage = lazy(() => import('../features/meetings/MeetingPage.js').then((m) => ({ default: m.MeetingPage })));

/** /meetings/$meetingId — preparing one 1on1: purpose, agenda, pre-questions, condition. */
export const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId',
  component: function MeetingRoute() {
    const { meetingId } = meetingRoute.useParams();
    return <MeetingPage id={meetingId} />;
  },
});

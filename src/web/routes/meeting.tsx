import { createRoute } from '@tanstack/react-router';
import { MeetingPage } from '../features/meetings/MeetingPage.js';
import { appRoute } from './app.js';

/** /meetings/$meetingId — preparing one 1on1: purpose, agenda, pre-questions, condition. */
export const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId',
  component: function MeetingRoute() {
    const { meetingId } = meetingRoute.useParams();
    return <MeetingPage id={meetingId} />;
  },
});

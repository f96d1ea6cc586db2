import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const MeetingRoomPage = lazy(() => import('../features/meetingRoom/MeetingRoomPage.js').then((m) => ({ default: m.MeetingRoomPage })));

/** /meetings/$meetingId/room — the meeting room both people open at once. */
export const meetingRoomRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/room',
  component: function MeetingRoomRoute() {
    const { meetingId } = meetingRoomRoute.useParams();
    return <MeetingRoomPage key={meetingId} id={meetingId} />;
  },
});

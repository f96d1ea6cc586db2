import { createRoute } from '@tanstack/react-router';
import { MeetingRoomPage } from '../features/meetingRoom/MeetingRoomPage.js';
import { appRoute } from './app.js';

/** /meetings/$meetingId/room — the meeting room both people open at once. */
export const meetingRoomRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/room',
  component: function MeetingRoomRoute() {
    const { meetingId } = meetingRoomRoute.useParams();
    return <MeetingRoomPage key={meetingId} id={meetingId} />;
  },
});

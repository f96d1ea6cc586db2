import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { flowQuery } from '../lib/followUp.js';
import { meetingQuery } from '../lib/oneOnOne.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/meetingRoom/MeetingRoomPage.js');
const MeetingRoomPage = lazy(() => loadPage().then((m) => ({ default: m.MeetingRoomPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = {
  chunk: () => Promise.all([loadPage(), import('../features/meetingRoom/SharedNotesEditor.js')]),
  data: (queryClient, { meetingId }) => {
    void queryClient.prefetchQuery({ ...flowQuery(meetingId!), meta: speculative });
    void queryClient.prefetchQuery({ ...meetingQuery(meetingId!), meta: speculative });
  },
};

/** /meetings/$meetingId/room — the meeting room both people open at once. */
export const meetingRoomRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/room',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: function MeetingRoomRoute() {
    const { meetingId } = meetingRoomRoute.useParams();
    return <MeetingRoomPage key={meetingId} id={meetingId} />;
  },
});

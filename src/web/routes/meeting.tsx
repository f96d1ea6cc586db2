import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { meetingQuery } from '../lib/oneOnOne.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/meetings/MeetingPage.js');
const MeetingPage = lazy(() => loadPage().then((m) => ({ default: m.MeetingPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = {
  chunk: loadPage,
  data: (queryClient, { meetingId }) => void queryClient.prefetchQuery({ ...meetingQuery(meetingId!), meta: speculative }),
};

/** /meetings/$meetingId — preparing one 1on1: purpose, agenda, pre-questions, condition. */
export const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: function MeetingRoute() {
    const { meetingId } = meetingRoute.useParams();
    return <MeetingPage id={meetingId} />;
  },
});

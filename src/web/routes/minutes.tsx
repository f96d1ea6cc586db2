import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { minutesQuery } from '../lib/followUp.js';
import { meetingQuery } from '../lib/oneOnOne.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/minutes/MinutesPage.js');
const MinutesPage = lazy(() => loadPage().then((m) => ({ default: m.MinutesPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = {
  chunk: loadPage,
  data: (queryClient, { meetingId }) => {
    void queryClient.prefetchQuery({ ...meetingQuery(meetingId!), meta: speculative });
    void queryClient.prefetchQuery({ ...minutesQuery(meetingId!), meta: speculative });
  },
};

/** /meetings/$meetingId/minutes — the minutes, their sharing and corrections, and the reflection. */
export const minutesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/minutes',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: function MinutesRoute() {
    const { meetingId } = minutesRoute.useParams();
    return <MinutesPage key={meetingId} id={meetingId} />;
  },
});

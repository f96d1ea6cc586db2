import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, speculative, type RoutePreload } from '../lib/firstScreen.js';
import { prepBriefQuery } from '../lib/oneOnOne.js';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/meetings/PrepBriefPage.js');
const PrepBriefPage = lazy(() => loadPage().then((m) => ({ default: m.PrepBriefPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = {
  chunk: loadPage,
  data: (queryClient, { meetingId }) => void queryClient.prefetchQuery({ ...prepBriefQuery(meetingId!), meta: speculative }),
};

/** /meetings/$meetingId/prep — the manager's one-page prep brief. */
export const prepBriefRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$meetingId/prep',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: function PrepBriefRoute() {
    const { meetingId } = prepBriefRoute.useParams();
    return <PrepBriefPage id={meetingId} />;
  },
});

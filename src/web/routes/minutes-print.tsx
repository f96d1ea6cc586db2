import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { PageLoader } from '../components/PageLoader.js';
import { RootErrorPage } from '../components/RouteErrorPage.js';
import { requireSignIn } from './app.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/minutes/MinutesPrintPage.js');
const MinutesPrintPage = lazy(() => loadPage().then((m) => ({ default: m.MinutesPrintPage })));

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /meetings/$meetingId/minutes/print — the minutes on a plain, printable page (no app shell). */
export const minutesPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/meetings/$meetingId/minutes/print',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  beforeLoad: requireSignIn,
  pendingComponent: PageLoader,
  errorComponent: RootErrorPage,
  component: function MinutesPrintRoute() {
    const { meetingId } = minutesPrintRoute.useParams();
    return <MinutesPrintPage id={meetingId} />;
  },
});

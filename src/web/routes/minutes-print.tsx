import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { PageLoader } from '../components/PageLoader.js';
import { RootErrorPage } from '../components/RouteErrorPage.js';
import { requireSignIn } from './app.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const MinutesPrintPage = lazy(() => import('../features/minutes/MinutesPrintPage.js').then((m) => ({ default: m.MinutesPrintPage })));

/** /meetings/$meetingId/minutes/print — the minutes on a plain, printable page (no app shell). */
export const minutesPrintRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/meetings/$meetingId/minutes/print',
  beforeLoad: requireSignIn,
  pendingComponent: PageLoader,
  errorComponent: RootErrorPage,
  component: function MinutesPrintRoute() {
    const { meetingId } = minutesPrintRoute.useParams();
    return <MinutesPrintPage id={meetingId} />;
  },
});

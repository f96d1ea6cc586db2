import { createRoute } from '@tanstack/react-router';
import { PageLoader } from '../components/PageLoader.js';
import { RootErrorPage } from '../components/RouteErrorPage.js';
import { MinutesPrintPage } from '../features/minutes/MinutesPrintPage.js';
import { requireSignIn } from './app.js';
import { rootRoute } from './root.js';

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

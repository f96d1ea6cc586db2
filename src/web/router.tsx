import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PageLoader } from './components/PageLoader.js';
import { isClientError, isUnauthenticated } from './lib/api.js';
import { forgetStartUp, isSpeculative, runPreloadAtStartUp, wasSignedIn } from './lib/firstScreen.js';
import { meQuery, setupStatusQuery } from './lib/session.js';
import { actionItemsRoute } from './routes/action-items.js';
import { analyticsRoute } from './routes/analytics.js';
import { practiceRoute } from './routes/practice.js';
import { appRoute } from './routes/app.js';
import { departmentsRoute } from './routes/departments.js';
import { employeeRoute } from './routes/employee.js';
import { employeesRoute } from './routes/employees.js';
import { homeRoute } from './routes/index.js';
import { meetingRoomRoute } from './routes/meeting-room.js';
import { meetingRoute } from './routes/meeting.js';
import { minutesPrintRoute } from './routes/minutes-print.js';
import { minutesRoute } from './routes/minutes.js';
import { notificationSettingsRoute, notificationsRoute, outboxRoute } from './routes/notifications.js';
import { oneOnOnesRoute } from './routes/one-on-ones.js';
import { prepBriefRoute } from './routes/prep-brief.js';
import { profileRoute } from './routes/profile.js';
import { questionBankRoute } from './routes/question-bank.js';
import { rootRoute } from './routes/root.js';
import { searchRoute } from './routes/search.js';
import { seriesRoute } from './routes/series.js';
import { setupRoute } from './routes/setup.js';
import { signInRoute } from './routes/sign-in.js';
import { teamRoute } from './routes/team.js';
import { webhookLogRoute, webhooksRoute } from './routes/webhooks.js';
import { ssoRoute } from './routes/sso.js';
import { employeeImportRoute } from './routes/employee-import.js';
import { scimRoute } from './routes/scim.js';
import { adminAuditRoute } from './routes/audit.js';
import { feedbackLogRoute, goalsRoute } from './routes/goals.js';

/** One cache for the whole app; a 401 means the session ended, so it is never retried. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // The session ended while the app was open: back to sign-in.
      // (A page's data asked for before the session was confirmed is left to the sign-in redirect.)
      if (isUnauthenticated(error) && query.queryKey[0] !== 'me' && !isSpeculative(query.meta)) {
        queryClient.clear();
        void router.navigate({ to: '/sign-in' });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx (401, 403, 404, 409…) is an answer, not a failure: show it at once instead of retrying.
      retry: (count, error) => !isClientError(error) && count < 2,
      // An answer the page's data already has (say, the route's preload got a 403) is shown as it is,
      // not asked for again because the page mounted; the page's retry button asks again, and so does
      // the route's loader on the next navigation (a 401 before sign-in is asked again after it).
      retryOnMount: false,
      refetchOnWindowFocus: false,
    },
  },
});

const routeTree = rootRoute.addChildren([
  signInRoute,
  setupRoute,
  minutesPrintRoute,
  appRoute.addChildren([
    homeRoute,
    oneOnOnesRoute,
    seriesRoute,
    meetingRoute,
    prepBriefRoute,
    meetingRoomRoute,
    minutesRoute,
    actionItemsRoute,
    goalsRoute,
    feedbackLogRoute,
    searchRoute,
    teamRoute,
    employeesRoute,
    employeeRoute,
    departmentsRoute,
    questionBankRoute,
    analyticsRoute,
    practiceRoute,
    profileRoute,
    notificationsRoute,
    notificationSettingsRoute,
    outboxRoute,
    webhooksRoute,
    webhookLogRoute,
    ssoRoute,
    scimRoute,
    adminAuditRoute,
    employeeImportRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPendingComponent: PageLoader,
  scrollRestoration: true,
});

/**
 * Starts everything the page being opened needs at once, before React renders: `/api/me`, the
 * page's code and, when someone was signed in on this browser last time, the page's data (else
 * whether the installation needs set-up, which the sign-in page asks next). One round of requests
 * instead of a chain.
 */
export function startFirstScreen(): void {
  const signedIn = wasSignedIn();
  const unsubscribe = router.subscribe('onResolved', () => {
    forgetStartUp();
    unsubscribe();
  });
  void queryClient.prefetchQuery(meQuery);
  if (!signedIn) void queryClient.prefetchQuery(setupStatusQuery);
  for (const match of router.matchRoutes(window.location.pathname, {})) {
    const preload = router.routesById[match.routeId as keyof typeof router.routesById]?.options.staticData?.preload;
    if (preload) runPreloadAtStartUp(preload, queryClient, match.params as Record<string, string>, signedIn);
  }
}

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

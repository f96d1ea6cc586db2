import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createRouter } from '@tanstack/react-router';
import { PageLoader } from './components/PageLoader.js';
import { isClientError, isUnauthenticated } from './lib/api.js';
import { actionItemsRoute } from './routes/action-items.js';
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

/** One cache for the whole app; a 401 means the session ended, so it is never retried. */
export const queryClient = new QueryClient({
  queryCache: new QueryCache({
    onError: (error, query) => {
      // The session ended while the app was open: back to sign-in.
      if (isUnauthenticated(error) && query.queryKey[0] !== 'me') {
        queryClient.clear();
        void router.navigate({ to: '/sign-in' });
      }
    },
  }),
  defaultOptions: {
    queries: {
      // A 4xx (401, 403, 404, 409…) is an answer, not a failure: show it at once instead of retrying.
      retry: (count, error) => !isClientError(error) && count < 2,
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
    searchRoute,
    teamRoute,
    employeesRoute,
    employeeRoute,
    departmentsRoute,
    questionBankRoute,
    profileRoute,
    notificationsRoute,
    notificationSettingsRoute,
    outboxRoute,
  ]),
]);

export const router = createRouter({
  routeTree,
  context: { queryClient },
  defaultPreload: 'intent',
  defaultPendingComponent: PageLoader,
  scrollRestoration: true,
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

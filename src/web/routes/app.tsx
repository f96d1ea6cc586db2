import { createRoute, redirect } from '@tanstack/react-router';
import { AppLayout } from '../components/AppLayout.js';
import { PageLoader } from '../components/PageLoader.js';
import { ErrorPanel } from '../components/RouteErrorPage.js';
import { meQuery, setupStatusQuery } from '../lib/session.js';
import { rootRoute } from './root.js';

/** Layout of every signed-in page: leads to set-up or sign-in when nobody is signed in. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) return;
    const { needsSetup } = await context.queryClient.fetchQuery(setupStatusQuery);
    if (needsSetup) throw redirect({ to: '/setup' });
    throw redirect({ to: '/sign-in', search: location.href === '/' ? {} : { redirect: location.href } });
  },
  component: AppLayout,
  pendingComponent: PageLoader,
  errorComponent: ErrorPanel,
});

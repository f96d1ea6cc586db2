import { lazy } from 'react';
import { createRoute, redirect } from '@tanstack/react-router';
import { PageLoader } from '../components/PageLoader.js';
import { ErrorPanel } from '../components/RouteErrorPage.js';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { meQuery, setupStatusQuery } from '../lib/session.js';
import { rootRoute, type RouterContext } from './root.js';

/** Leads to set-up or sign-in when nobody is signed in (every signed-in page, also those without the app shell). */
export async function requireSignIn({ context, location }: { context: RouterContext; location: { href: string } }): Promise<void> {
  const me = await context.queryClient.ensureQueryData(meQuery);
  if (me) return;
  const { needsSetup } = await context.queryClient.fetchQuery(setupStatusQuery);
  if (needsSetup) throw redirect({ to: '/setup' });
  throw redirect({ to: '/sign-in', search: location.href === '/' ? {} : { redirect: location.href } });
}

/**
 * The signed-in shell (navigation, search, notifications) is a chunk of its own: the sign-in page
 * does not load it, and a signed-in page loads it together with its own code.
 */
const loadLayout = () => import('../components/AppLayout.js');
const AppLayout = lazy(() => loadLayout().then((m) => ({ default: m.AppLayout })));
const preload: RoutePreload = { chunk: loadLayout };

/** Layout of every signed-in page: leads to set-up or sign-in when nobody is signed in. */
export const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: requireSignIn,
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  component: AppLayout,
  pendingComponent: PageLoader,
  errorComponent: ErrorPanel,
});

import { lazy } from 'react';
import { createRoute, redirect } from '@tanstack/react-router';
import { runPreloadInLoader, type RoutePreload } from '../lib/firstScreen.js';
import { optionalLocalPath, optionalString } from '../lib/searchParams.js';
import { meQuery, setupStatusQuery } from '../lib/session.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const loadPage = () => import('../features/auth/SignInPage.js');
const SignInPage = lazy(() => loadPage().then((m) => ({ default: m.SignInPage })));

function searchSchema(search: Record<string, unknown>): { redirect?: string; error?: string; password?: '1' } {
  return {
    redirect: optionalLocalPath(search.redirect),
    // Why single sign-on was refused, as the provider round trip came back (`?error=sso_…`).
    error: optionalString(search.error, 100),
    // The password form under "SSO only": the admins' break-glass way in.
    password: search.password === '1' || search.password === 1 ? '1' : undefined,
  };
}

/** What the page needs first: its code and, for a signed-in person, its data. */
const preload: RoutePreload = { chunk: loadPage };

/** /sign-in — email and password, and SSO when set up; leads to set-up on an empty installation. */
export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  staticData: { preload },
  loader: ({ context, params }) => runPreloadInLoader(preload, context.queryClient, params),
  validateSearch: searchSchema,
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ to: '/' });
    const { needsSetup } = await context.queryClient.fetchQuery(setupStatusQuery);
    if (needsSetup) throw redirect({ to: '/setup' });
  },
  component: function SignInRoute() {
    const { redirect: to, error, password } = signInRoute.useSearch();
    return <SignInPage redirectTo={to} ssoError={error} showPassword={password === '1'} />;
  },
});

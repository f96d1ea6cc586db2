import { lazy } from 'react';
import { createRoute, redirect } from '@tanstack/react-router';
import { z } from 'zod';
import { meQuery, setupStatusQuery } from '../lib/session.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const SignInPage = lazy(() => import('../features/auth/SignInPage.js').then((m) => ({ default: m.SignInPage })));

const searchSchema = z.object({ redirect: z.string().startsWith('/').optional().catch(undefined) });

/** /sign-in — email and password; leads to set-up on an empty installation. */
export const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  validateSearch: searchSchema,
  beforeLoad: async ({ context }) => {
    const me = await context.queryClient.ensureQueryData(meQuery);
    if (me) throw redirect({ to: '/' });
    const { needsSetup } = await context.queryClient.fetchQuery(setupStatusQuery);
    if (needsSetup) throw redirect({ to: '/setup' });
  },
  component: function SignInRoute() {
    const { redirect: to } = signInRoute.useSearch();
    return <SignInPage redirectTo={to} />;
  },
});

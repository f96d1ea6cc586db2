import { lazy } from 'react';
import { createRoute, redirect } from '@tanstack/react-router';
import { setupStatusQuery } from '../lib/session.js';
import { rootRoute } from './root.js';

/** Loaded with its route only, so the first page stays small. */
const SetupPage = lazy(() => import('../features/auth/SetupPage.js').then((m) => ({ default: m.SetupPage })));

/** /setup — the first admin of a new installation; only while nobody exists yet. */
export const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  beforeLoad: async ({ context }) => {
    const { needsSetup } = await context.queryClient.fetchQuery({ ...setupStatusQuery, staleTime: 0 });
    if (!needsSetup) throw redirect({ to: '/sign-in' });
  },
  component: SetupPage,
});

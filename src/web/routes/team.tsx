import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const TeamPage = lazy(() => import('../features/team/TeamPage.js').then((m) => ({ default: m.TeamPage })));

/** /team — a manager's direct reports. */
export const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/team',
  component: TeamPage,
});

import { createRoute } from '@tanstack/react-router';
import { TeamPage } from '../features/team/TeamPage.js';
import { appRoute } from './app.js';

/** /team — a manager's direct reports. */
export const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/team',
  component: TeamPage,
});

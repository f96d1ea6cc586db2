import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const ProfilePage = lazy(() => import('../features/profile/ProfilePage.js').then((m) => ({ default: m.ProfilePage })));

/** /profile — who I am, language, time zone and password. */
export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: ProfilePage,
});

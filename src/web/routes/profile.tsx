import { createRoute } from '@tanstack/react-router';
import { ProfilePage } from '../features/profile/ProfilePage.js';
import { appRoute } from './app.js';

/** /profile — who I am, language, time zone and password. */
export const profileRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/profile',
  component: ProfilePage,
});

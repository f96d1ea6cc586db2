import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

const SsoSettingsPage = lazy(() => import('../features/sso/SsoSettingsPage.js').then((m) => ({ default: m.SsoSettingsPage })));

/** /admin/sso — single sign-on through the organisation's OpenID Provider (admins). */
export const ssoRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/sso',
  component: SsoSettingsPage,
});

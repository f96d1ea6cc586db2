import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

const ScimSettingsPage = lazy(() => import('../features/scim/ScimSettingsPage.js').then((m) => ({ default: m.ScimSettingsPage })));

/** /admin/scim — SCIM provisioning from the identity provider: base URL and tokens (admins). */
export const scimRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/scim',
  component: ScimSettingsPage,
});

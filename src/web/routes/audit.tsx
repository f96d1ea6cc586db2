import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

const AdminAuditPage = lazy(() => import('../features/audit/AdminAuditPage.js').then((m) => ({ default: m.AdminAuditPage })));

/** /admin/audit — the log of administrative actions (admins). */
export const adminAuditRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/audit',
  component: AdminAuditPage,
});

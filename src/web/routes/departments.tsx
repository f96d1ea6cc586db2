import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

/** Loaded with its route only, so the first page stays small. */
const DepartmentsPage = lazy(() => import('../features/departments/DepartmentsPage.js').then((m) => ({ default: m.DepartmentsPage })));

/** /departments — the department tree; admins add, rename, move and deactivate. */
export const departmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/departments',
  component: DepartmentsPage,
});

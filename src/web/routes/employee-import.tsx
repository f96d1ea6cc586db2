import { lazy } from 'react';
import { createRoute } from '@tanstack/react-router';
import { appRoute } from './app.js';

const EmployeeImportPage = lazy(() => import('../features/employeeImport/EmployeeImportPage.js').then((m) => ({ default: m.EmployeeImportPage })));

/** /admin/employee-import — employee CSV import and export (admins). */
export const employeeImportRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/admin/employee-import',
  component: EmployeeImportPage,
});

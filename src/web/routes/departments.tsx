import { createRoute } from '@tanstack/react-router';
import { DepartmentsPage } from '../features/departments/DepartmentsPage.js';
import { appRoute } from './app.js';

/** /departments — the department tree; admins add, rename, move and deactivate. */
export const departmentsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/departments',
  component: DepartmentsPage,
});

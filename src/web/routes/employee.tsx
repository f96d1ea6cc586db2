import { createRoute } from '@tanstack/react-router';
import { EmployeeDetail } from '../features/employees/EmployeeDetail.js';
import { appRoute } from './app.js';

/** /employees/$id — one employee; admins edit, set the manager and deactivate here. */
export const employeeRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees/$id',
  component: function EmployeeRoute() {
    const { id } = employeeRoute.useParams();
    return <EmployeeDetail id={id} />;
  },
});

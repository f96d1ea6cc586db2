import { createRoute } from '@tanstack/react-router';
import { z } from 'zod';
import { EmployeeDirectory, type DirectorySearch } from '../features/employees/EmployeeDirectory.js';
import { appRoute } from './app.js';

const searchSchema = z.object({
  q: z.string().max(100).optional().catch(undefined),
  departmentId: z.string().optional().catch(undefined),
  status: z.enum(['active', 'inactive', 'all']).optional().catch(undefined),
  page: z.coerce.number().int().min(1).optional().catch(undefined),
});

/** /employees — the directory, with search, filters and pagination kept in the address. */
export const employeesRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/employees',
  validateSearch: searchSchema,
  component: function EmployeesRoute() {
    const search = employeesRoute.useSearch();
    const navigate = employeesRoute.useNavigate();
    return (
      <EmployeeDirectory
        search={search}
        onSearchChange={(next: DirectorySearch) => void navigate({ search: next, replace: true })}
      />
    );
  },
});

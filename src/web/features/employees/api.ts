import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DepartmentList } from '../../../domain/departments.js';
import type { Employee, EmployeeCreate, EmployeeList, EmployeeUpdate } from '../../../domain/employees.js';
import { api } from '../../lib/api.js';

export interface EmployeeListParams {
  q?: string;
  departmentId?: string;
  managerId?: string;
  status?: 'active' | 'inactive' | 'all';
  page?: number;
  pageSize?: number;
}

/** One page of the directory. */
export function employeeListQuery(params: EmployeeListParams) {
  return queryOptions({
    queryKey: ['employees', 'list', params],
    queryFn: ({ signal }) => api<EmployeeList>('/api/employees', { query: { ...params }, signal }),
    placeholderData: keepPreviousData,
  });
}

/** One employee. */
export function employeeQuery(id: string) {
  return queryOptions({
    queryKey: ['employees', 'one', id],
    queryFn: ({ signal }) => api<Employee>(`/api/employees/${encodeURIComponent(id)}`, { signal }),
  });
}

/** Departments, for the department filter and select (same cache entry as the departments page). */
export const departmentOptionsQuery = queryOptions({
  queryKey: ['departments'],
  queryFn: ({ signal }) => api<DepartmentList>('/api/departments', { signal }),
  staleTime: 60_000,
});

export function createEmployee(body: EmployeeCreate) {
  return api<Employee>('/api/employees', { method: 'POST', body });
}

export function updateEmployee(id: string, body: EmployeeUpdate) {
  return api<Employee>(`/api/employees/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

export function setManager(id: string, managerId: string | null) {
  return api<Employee>(`/api/employees/${encodeURIComponent(id)}/manager`, { method: 'PUT', body: { managerId } });
}

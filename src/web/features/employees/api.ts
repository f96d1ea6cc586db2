import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DepartmentList } from '../../../domain/departments.js';
import type { Employee, EmployeeCreate, EmployeeList, EmployeeUpdate } from '../../../domain/employees.js';
import { api, client } from '../../lib/api.js';

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
    queryFn: ({ signal }) => api<EmployeeList>(client.GET('/api/employees', { params: { query: { ...params } }, signal })),
    placeholderData: keepPreviousData,
  });
}

/** One employee. */
export function employeeQuery(id: string) {
  return queryOptions({
    queryKey: ['employees', 'one', id],
    queryFn: ({ signal }) => api<Employee>(client.GET('/api/employees/{id}', { params: { path: { id } }, signal })),
  });
}

/** Departments, for the department filter and select (same cache entry as the departments page). */
export const departmentOptionsQuery = queryOptions({
  queryKey: ['departments'],
  queryFn: ({ signal }) => api<DepartmentList>(client.GET('/api/departments', { signal })),
  staleTime: 60_000,
});

export function createEmployee(body: EmployeeCreate) {
  return api<Employee>(client.POST('/api/employees', { body }));
}

export function updateEmployee(id: string, body: EmployeeUpdate) {
  return api<Employee>(client.PATCH('/api/employees/{id}', { params: { path: { id } }, body }));
}

export function setManager(id: string, managerId: string | null) {
  return api<Employee>(client.PUT('/api/employees/{id}/manager', { params: { path: { id } }, body: { managerId } }));
}

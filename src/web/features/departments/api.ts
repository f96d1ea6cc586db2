import { queryOptions } from '@tanstack/react-query';
import type { Department, DepartmentList } from '../../../domain/departments.js';
import { api, client } from '../../lib/api.js';

/** Every department the caller may see, with its path and head count. */
export const departmentsQuery = queryOptions({
  queryKey: ['departments'],
  queryFn: ({ signal }) => api<DepartmentList>(client.GET('/api/departments', { signal })),
  staleTime: 60_000,
});

export function createDepartment(body: { name: string; parentId: string | null }) {
  return api<Department>(client.POST('/api/departments', { body }));
}

export function updateDepartment(id: string, body: { name?: string; parentId?: string | null; active?: boolean }) {
  return api<Department>(client.PATCH('/api/departments/{id}', { params: { path: { id } }, body }));
}

export interface TreeRow {
  department: Department;
  depth: number;
}

/** Departments in tree order (each parent before its children, siblings by name), with depth. */
export function toTreeRows(items: Department[], locale: string): TreeRow[] {
  const children = new Map<string | null, Department[]>();
  const ids = new Set(items.map((d) => d.id));
  for (const d of items) {
    const parent = d.parentId && ids.has(d.parentId) ? d.parentId : null;
    const list = children.get(parent) ?? [];
    list.push(d);
    children.set(parent, list);
  }
  const collator = new Intl.Collator(locale);
  const rows: TreeRow[] = [];
  const visit = (parent: string | null, depth: number) => {
    const list = (children.get(parent) ?? []).sort((a, b) => collator.compare(a.name, b.name));
    for (const d of list) {
      rows.push({ department: d, depth });
      visit(d.id, depth + 1);
    }
  };
  visit(null, 0);
  return rows;
}

/** The ids of a department and everything below it: none of them can become its parent. */
export function subtreeIds(items: Department[], rootId: string): Set<string> {
  const result = new Set<string>([rootId]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const d of items) {
      if (d.parentId && result.has(d.parentId) && !result.has(d.id)) {
        result.add(d.id);
        grew = true;
      }
    }
  }
  return result;
}

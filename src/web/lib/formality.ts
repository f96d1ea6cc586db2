import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { DepartmentList } from '../../domain/departments.js';
import type { FormalityNudge, PracticeTable, SeriesSignals, practiceSortKeys } from '../../domain/formality.js';
import { api, client } from './api.js';

export type { FormalityFigures, FormalityNudge, ManagerSignals, PracticeRow, PracticeTable, SeriesSignals } from '../../domain/formality.js';
export type PracticeSort = (typeof practiceSortKeys)[number];

/** What hr's practice page asks for: a department (none: everyone), the sort and the page. */
export interface PracticeSearch {
  department?: string;
  sort?: PracticeSort;
  order?: 'asc' | 'desc';
  page?: number;
}

export const practicePageSize = 20;

/** hr/admin: per manager, practice metadata and formality signals (counts only). */
export const practiceQuery = (search: PracticeSearch) =>
  queryOptions({
    queryKey: ['analytics', 'practice', search.department ?? '', search.sort ?? '', search.order ?? '', search.page ?? 1],
    queryFn: ({ signal }) =>
      api<PracticeTable>(client.GET('/api/analytics/practice', { params: { query: { ...search, pageSize: practicePageSize } }, signal })),
    placeholderData: keepPreviousData,
  });

/** The manager's signals of one series. */
export const seriesSignalsQuery = (id: string) =>
  queryOptions({
    queryKey: ['series', 'signals', id],
    queryFn: ({ signal }) => api<SeriesSignals & { window: { days: number; meetings: number } }>(client.GET('/api/series/{id}/signals', { params: { path: { id } }, signal })),
  });

/** The interpolation values of a nudge's sentence. */
export function nudgeValues(n: FormalityNudge): Record<string, number | string> {
  return { n: n.n, of: n.of, n2: n.n2 ?? '', of2: n.of2 ?? '' };
}

/** Departments for the practice table's filter (the same cache entry as the departments page). */
export const practiceDepartmentsQuery = queryOptions({
  queryKey: ['departments'],
  queryFn: ({ signal }) => api<DepartmentList>(client.GET('/api/departments', { signal })),
  staleTime: 60_000,
});

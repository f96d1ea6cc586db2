import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AnalyticsDepartments } from '../../domain/analytics.js';
import { api, client } from './api.js';

export type { AnalyticsDepartments };

/** What the analytics page asks for: a period of closed months and a department (none: the whole organisation). */
export interface AnalyticsSearch {
  from?: string;
  to?: string;
  department?: string;
}

/** hr/admin: a department's figures per closed month and its sub-departments', already suppressed by the server. */
export const analyticsQuery = (search: AnalyticsSearch) =>
  queryOptions({
    queryKey: ['analytics', 'departments', search.from ?? '', search.to ?? '', search.department ?? ''],
    // Empty values are left out of the query by the client.
    queryFn: ({ signal }) => api<AnalyticsDepartments>(client.GET('/api/analytics/departments', { params: { query: { ...search } }, signal })),
    placeholderData: keepPreviousData,
  });

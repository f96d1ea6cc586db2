import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { AnalyticsDepartments } from '../../domain/analytics.js';
import { api } from './api.js';

export type { AnalyticsDepartments };

/** What the analytics page asks for: a period of closed months and a department (none: the whole organisation). */
export interface AnalyticsSearch {
  from?: string;
  to?: string;
  department?: string;
}

/** hr/admin: a department's figures per closed month and its sub-departments', already suppressed by the server. */
export const analyticsQuery = (search: AnalyticsSearch) => {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(search)) if (v) params.set(k, v);
  const qs = params.toString();
  return queryOptions({
    queryKey: ['analytics', 'departments', search.from ?? '', search.to ?? '', search.department ?? ''],
    queryFn: ({ signal }) => api<AnalyticsDepartments>(`/api/analytics/departments${qs ? `?${qs}` : ''}`, { signal }),
    placeholderData: keepPreviousData,
  });
};

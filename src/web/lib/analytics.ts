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

/** The CSV download of what the page shows (the same query), in the reader's language. */
export function analyticsCsvUrl(data: Pick<AnalyticsDepartments, 'from' | 'to' | 'group'>, encoding: 'utf-8' | 'shift_jis', lang: string): string {
  const q = new URLSearchParams({ from: data.from, to: data.to, encoding, lang: lang === 'en' ? 'en' : 'ja' });
  if (data.group.id) q.set('department', data.group.id);
  return `/api/analytics/departments/csv?${q.toString()}`;
}

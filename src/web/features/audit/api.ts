import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { auditLimits, type AdminAuditPage, type AuditAdminAction } from '../../../domain/audit.js';
import { api, client } from '../../lib/api.js';

export interface AdminAuditFilter {
  page: number;
  action?: AuditAdminAction;
  actorId?: string;
  from?: string;
  to?: string;
}

/** The log of administrative actions (admins), filtered. */
export const adminAuditQuery = (filter: AdminAuditFilter) =>
  queryOptions({
    queryKey: ['admin', 'audit', filter],
    queryFn: () => api<AdminAuditPage>(client.GET('/api/admin/audit', { params: { query: { ...filter, pageSize: auditLimits.pageSize } } })),
    placeholderData: keepPreviousData,
  });

import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import { auditLimits, type MyAuditPage } from '../../../domain/audit.js';
import type { ApiTokenCreate, ApiTokenList, CreatedApiToken } from '../../../domain/apiTokens.js';
import type { Me, passwordChangeSchema } from '../../../domain/me.js';
import { api, client } from '../../lib/api.js';

/** Saves the time zone dates and times are shown in. */
export function saveTimeZone(timeZone: string) {
  return api<Me>(client.PATCH('/api/me', { body: { timeZone } }));
}

/** Changes the password and signs out every other session. */
export function changePassword(body: z.input<typeof passwordChangeSchema>) {
  return api<unknown>(client.POST('/api/auth/change-password', { body: { ...body, revokeOtherSessions: true } }));
}

export { timeZones } from '../../lib/timeZones.js';

/** My API tokens (never their secrets). */
export const apiTokensQuery = queryOptions({
  queryKey: ['me', 'api-tokens'],
  queryFn: () => api<ApiTokenList>(client.GET('/api/me/api-tokens')),
});

/** Creates an API token; the answer carries its secret, which is shown this once. */
export function createApiToken(body: ApiTokenCreate) {
  return api<CreatedApiToken>(client.POST('/api/me/api-tokens', { body }));
}

/** Revokes one of my API tokens. */
export function revokeApiToken(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/me/api-tokens/{id}', { params: { path: { id } } }));
}

/** Who read my records (閲覧履歴), a page at a time, newest first. */
export const myAuditQuery = (page: number) =>
  queryOptions({
    queryKey: ['me', 'audit', page],
    queryFn: () => api<MyAuditPage>(client.GET('/api/me/audit', { params: { query: { page, pageSize: auditLimits.pageSize } } })),
    placeholderData: keepPreviousData,
  });

import { queryOptions } from '@tanstack/react-query';
import type { ApiTokenCreate, ApiTokenList, CreatedApiToken } from '../../../domain/apiTokens.js';
import type { Me } from '../../../domain/me.js';
import { api } from '../../lib/api.js';

/** Saves the time zone dates and times are shown in. */
export function saveTimeZone(timeZone: string) {
  return api<Me>('/api/me', { method: 'PATCH', body: { timeZone } });
}

/** Changes the password and signs out every other session. */
export function changePassword(body: { currentPassword: string; newPassword: string }) {
  return api<unknown>('/api/auth/change-password', { method: 'POST', body: { ...body, revokeOtherSessions: true } });
}

export { timeZones } from '../../lib/timeZones.js';

/** My API tokens (never their secrets). */
export const apiTokensQuery = queryOptions({
  queryKey: ['me', 'api-tokens'],
  queryFn: () => api<ApiTokenList>('/api/me/api-tokens'),
});

/** Creates an API token; the answer carries its secret, which is shown this once. */
export function createApiToken(body: ApiTokenCreate) {
  return api<CreatedApiToken>('/api/me/api-tokens', { method: 'POST', body });
}

/** Revokes one of my API tokens. */
export function revokeApiToken(id: string) {
  return api<{ ok: true }>(`/api/me/api-tokens/${id}`, { method: 'DELETE' });
}

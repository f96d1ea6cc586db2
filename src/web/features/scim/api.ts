import { queryOptions } from '@tanstack/react-query';
import type { CreatedScimToken, ScimTokenCreate, ScimTokenList } from '../../../domain/scim.js';
import { api, client } from '../../lib/api.js';

/** The SCIM base URL and the installation's SCIM tokens (never their secrets). */
export const scimTokensQuery = queryOptions({
  queryKey: ['admin', 'scim-tokens'],
  queryFn: () => api<ScimTokenList>(client.GET('/api/admin/scim-tokens')),
});

/** Creates a SCIM token; the answer carries its secret, shown this once. */
export function createScimToken(body: ScimTokenCreate) {
  return api<CreatedScimToken>(client.POST('/api/admin/scim-tokens', { body }));
}

/** Revokes a SCIM token: the identity provider using it is refused from then on. */
export function revokeScimToken(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/admin/scim-tokens/{id}', { params: { path: { id } } }));
}

import { queryOptions } from '@tanstack/react-query';
import type { SsoDiscovery, SsoSettings, SsoSettingsInput } from '../../../domain/sso.js';
import { api, client } from '../../lib/api.js';

export const ssoKey = ['sso'] as const;

/** The OpenID Provider settings (admins); the client secret is only ever "stored" or not. */
export const ssoSettingsQuery = queryOptions({
  queryKey: [...ssoKey, 'settings'],
  queryFn: () => api<SsoSettings>(client.GET('/api/admin/sso')),
});

export function saveSsoSettings(body: SsoSettingsInput) {
  return api<SsoSettings>(client.PUT('/api/admin/sso', { body }));
}

export function testSsoDiscovery(issuer: string) {
  return api<SsoDiscovery>(client.POST('/api/admin/sso/discovery', { body: { issuer } }));
}

import { queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { SignInOptions } from '../../../domain/sso.js';
import type { setupSchema, signInSchema } from '../../../domain/me.js';
import { api, client } from '../../lib/api.js';

/** Starts a session; the server sets the HttpOnly cookie. */
export function signIn(body: z.input<typeof signInSchema>) {
  return api<unknown>(client.POST('/api/auth/sign-in/email', { body }));
}

export type SetupInput = z.input<typeof setupSchema>;

/** Creates the organisation and its first admin on an empty installation. */
export function setup(body: SetupInput) {
  return api<unknown>(client.POST('/api/setup', { body }));
}

/** What the sign-in page offers: the SSO button, and whether passwords are for admins only. */
export const signInOptionsQuery = queryOptions({
  queryKey: ['sign-in-options'],
  queryFn: () => api<SignInOptions>(client.GET('/api/sign-in-options')),
  staleTime: 60_000,
});

/** Asks Taiwa for the provider's sign-in address (with PKCE, state and nonce) and goes there. */
export async function startSso(callbackURL?: string): Promise<void> {
  const { url } = await api<{ url: string }>(client.POST('/api/auth/sign-in/social', { body: { callbackURL } }));
  window.location.assign(url);
}

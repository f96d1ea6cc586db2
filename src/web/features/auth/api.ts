import type { z } from 'zod';
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

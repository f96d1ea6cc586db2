import { api, client } from '../../lib/api.js';

/** Starts a session; the server sets the HttpOnly cookie. */
export function signIn(body: { email: string; password: string }) {
  return api<unknown>(client.POST('/api/auth/sign-in/email', { body }));
}

export interface SetupInput {
  organisationName: string;
  familyName: string;
  givenName: string;
  familyNameKana: string;
  givenNameKana: string;
  email: string;
  password: string;
}

/** Creates the organisation and its first admin on an empty installation. */
export function setup(body: SetupInput) {
  return api<unknown>(client.POST('/api/setup', { body }));
}

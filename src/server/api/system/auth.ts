import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { Locale } from '../../../domain/limits.js';
import { CLIENT_IP_HEADER } from '../../auth.js';
import type { AppContext } from '../../context.js';
import { AppError, errorBody, ValidationError } from '../../errors.js';
import type { MessageKey } from '../../i18n/messages.js';
import { limits } from '../../../domain/limits.js';
import { router } from '../http.js';

/** better-auth's error codes and what we tell the user. */
const knownCodes: Record<string, () => AppError> = {
  INVALID_EMAIL_OR_PASSWORD: () => new AppError('unauthenticated', 'errors.invalidCredentials'),
  ACCOUNT_DEACTIVATED: () => new AppError('forbidden', 'errors.accountDeactivated'),
  INVALID_PASSWORD: () => new ValidationError({ currentPassword: { key: 'errors.currentPasswordWrong' } }, 'errors.currentPasswordWrong'),
  PASSWORD_TOO_SHORT: () => new ValidationError({ newPassword: { key: 'validation.tooShort', params: { min: limits.passwordMin } } }),
  PASSWORD_TOO_LONG: () => new ValidationError({ newPassword: { key: 'validation.tooLong', params: { max: limits.passwordMax } } }),
  INVALID_EMAIL: () => new ValidationError({ email: { key: 'validation.email' } }),
};

function translateAuthError(status: number, code: string | undefined): AppError {
  if (code && knownCodes[code]) return knownCodes[code]();
  if (status === 429) return new AppError('rate_limited', 'errors.rate_limited');
  if (status === 401) return new AppError('unauthenticated', 'errors.unauthenticated');
  if (status === 403) return new AppError('forbidden', 'errors.forbidden');
  if (status === 400 || status === 422) return new ValidationError({}, 'errors.validation');
  return new AppError('internal', 'errors.authFailed' as MessageKey);
}

/**
 * Hands /api/auth/* to better-auth with the client's address attached (for rate limiting), and
 * rewrites its error answers into the one error shape in the caller's language.
 */
export async function authHandler(c: AppContext): Promise<Response> {
  const { auth } = c.get('services');
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  try {
    const ip = getConnInfo(c).remote.address;
    if (ip) headers.set(CLIENT_IP_HEADER, ip);
  } catch {
    /* not a Node socket (tests through app.request): no address */
  }
  const req = new Request(c.req.raw, { headers });
  const res = await auth.handler(req);
  if (res.status < 400) return res;
  let code: string | undefined;
  try {
    code = ((await res.clone().json()) as { code?: string }).code;
  } catch {
    code = undefined;
  }
  const err = translateAuthError(res.status, code);
  const locale: Locale = c.get('locale');
  const out = new Response(JSON.stringify(errorBody(err, locale)), {
    status: res.status === 422 ? 400 : res.status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
  for (const h of ['retry-after', 'x-retry-after', 'set-cookie']) {
    const v = res.headers.get(h);
    if (v) out.headers.set(h, v);
  }
  return out;
}

/** The parts of better-auth the web client uses, documented in the OpenAPI document. */
export function registerAuthDocs(app: ReturnType<typeof router>): void {
  const err = { description: 'Error', content: { 'application/json': { schema: z.object({ error: z.object({ code: z.string(), message: z.string() }) }) } } };
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/sign-in/email',
    tags: ['auth'],
    summary: 'Sign in with email and password; sets the HttpOnly session cookie. Send an Origin header.',
    request: {
      body: { content: { 'application/json': { schema: z.object({ email: z.string(), password: z.string(), rememberMe: z.boolean().optional() }) } } },
    },
    responses: { 200: { description: 'Signed in' }, 401: err, 403: err, 429: err },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/sign-out',
    tags: ['auth'],
    summary: 'Sign out (ends the session)',
    responses: { 200: { description: 'Signed out' }, 403: err },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/change-password',
    tags: ['auth'],
    summary: 'Change my password',
    request: {
      body: {
        content: {
          'application/json': {
            schema: z.object({ currentPassword: z.string(), newPassword: z.string(), revokeOtherSessions: z.boolean().optional() }),
          },
        },
      },
    },
    responses: { 200: { description: 'Changed' }, 400: err, 401: err },
  });
  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/api/auth/get-session',
    tags: ['auth'],
    summary: 'The current session, or null',
    responses: { 200: { description: 'Session' } },
  });
}

import { getConnInfo } from '@hono/node-server/conninfo';
import { z } from 'zod';
import type { Locale } from '../../../domain/limits.js';
import { CLIENT_IP_HEADER } from '../../auth.js';
import type { AppContext } from '../../context.js';
import { and, eq, sql } from 'drizzle-orm';
import { employees } from '../../db/schema.js';
import { AppError, errorBody, fromZodIssues, statusOf, ValidationError } from '../../errors.js';
import { passwordChangeSchema } from '../../../domain/me.js';
import { passwordProblem } from '../../passwordPolicy.js';
import type { MessageKey } from '../../i18n/messages.js';
import { limits } from '../../../domain/limits.js';
import { router } from '../http.js';
import { SSO_CALLBACK_PATH, SSO_PROVIDER_ID } from '../../../domain/sso.js';

/** A path of this site (`/…`, never `//host` or `/\host`) to land on after sign-in. */
const localPath = (v: unknown): string | undefined => (typeof v === 'string' && /^\/(?![/\\])/.test(v) && v.length <= 2000 ? v : undefined);

/** Paths served by the instance that knows the OpenID Provider (ADR 0208). */
const ssoPaths = new Set(['/api/auth/sign-in/social', SSO_CALLBACK_PATH]);

async function jsonObject(c: AppContext): Promise<Record<string, unknown> | AppError> {
  try {
    const parsed: unknown = await c.req.raw.clone().json();
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new AppError('validation', 'errors.invalidJson');
    return parsed as Record<string, unknown>;
  } catch {
    return new AppError('validation', 'errors.invalidJson');
  }
}

/**
 * With "SSO only" on, password sign-in is refused to everyone but active admins: their password is
 * the documented break-glass way in when the identity provider is down or misconfigured.
 */
async function passwordSignInRefused(c: AppContext, body: Record<string, unknown>): Promise<AppError | null> {
  const { db, sso } = c.get('services');
  const config = await sso.config();
  if (!config?.ssoOnly) return null;
  const email = typeof body.email === 'string' ? body.email.trim().toLowerCase() : '';
  const [admin] = await db
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(sql`lower(${employees.email})`, email), eq(employees.active, true), eq(employees.isAdmin, true)))
    .limit(1);
  return admin ? null : new AppError('forbidden', 'errors.ssoOnly');
}

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
 * The better-auth endpoints the product uses, by method. Every other path under /api/auth (sign-up,
 * list-sessions, update-user, password reset by e-mail, …) answers 404: an endpoint nobody uses is
 * an endpoint nobody watches.
 */
const usedAuthEndpoints: Record<string, 'GET' | 'POST'> = {
  '/api/auth/sign-in/email': 'POST',
  '/api/auth/sign-in/social': 'POST',
  [SSO_CALLBACK_PATH]: 'GET',
  '/api/auth/sign-out': 'POST',
  '/api/auth/change-password': 'POST',
  '/api/auth/get-session': 'GET',
};

/** Removes every `token` field: session tokens live in the HttpOnly cookie only, never in a body a script can read. */
function withoutTokens(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTokens);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'token').map(([k, v]) => [k, withoutTokens(v)]));
  }
  return value;
}

function errorResponse(c: AppContext, err: AppError, status: number): Response {
  return new Response(JSON.stringify(errorBody(err, c.get('locale'))), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8' },
  });
}

/**
 * The body better-auth gets: sign-out ignores whatever was sent (it ends the session whatever the
 * body); change-password is checked against the domain schema (the form checks the same) and the
 * password policy, and always ends the other sessions.
 */
async function bodyFor(c: AppContext, pathName: string): Promise<string | null | AppError> {
  if (pathName === '/api/auth/sign-out') return '{}';
  if (pathName === '/api/auth/sign-in/email') {
    const body = await jsonObject(c);
    if (body instanceof AppError) return body;
    return (await passwordSignInRefused(c, body)) ?? null;
  }
  if (pathName === '/api/auth/sign-in/social') {
    // Only Taiwa's provider, back to a page of this site; a refusal comes back to the sign-in page.
    const body = await jsonObject(c);
    if (body instanceof AppError) return body;
    const callbackURL = localPath(body.callbackURL) ?? '/';
    return JSON.stringify({ provider: SSO_PROVIDER_ID, callbackURL, errorCallbackURL: '/sign-in', disableRedirect: true });
  }
  if (pathName !== '/api/auth/change-password') return null;
  const { auth, db } = c.get('services');
  const session = await auth.api.getSession({ headers: c.req.raw.headers });
  if (!session) return new AppError('unauthenticated', 'errors.unauthenticated');
  let body: Record<string, unknown>;
  try {
    const parsed: unknown = await c.req.raw.clone().json();
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return new AppError('validation', 'errors.invalidJson');
    body = parsed as Record<string, unknown>;
  } catch {
    return new AppError('validation', 'errors.invalidJson');
  }
  const checked = passwordChangeSchema.safeParse(body);
  if (!checked.success) return fromZodIssues(checked.error.issues, body);
  const [me] = await db.select().from(employees).where(eq(employees.userId, session.user.id)).limit(1);
  const problem = passwordProblem(checked.data.newPassword, me ? { ...me, email: me.email ?? session.user.email } : { email: session.user.email });
  if (problem) return new ValidationError({ newPassword: { key: problem } });
  return JSON.stringify({ ...body, revokeOtherSessions: true });
}

/**
 * Hands the used /api/auth/* endpoints to better-auth with the client's address attached (for rate
 * limiting), keeps session tokens out of response bodies, and rewrites its error answers into the
 * one error shape in the caller's language.
 */
export async function authHandler(c: AppContext): Promise<Response> {
  const pathName = new URL(c.req.url).pathname;
  if (usedAuthEndpoints[pathName] !== c.req.method) return errorResponse(c, new AppError('not_found', 'errors.notFoundRoute'), 404);
  let auth = c.get('services').auth;
  if (ssoPaths.has(pathName)) {
    const config = await c.get('services').sso.config();
    if (!config) {
      // Switched off between the button and the provider's answer: say so on the sign-in page.
      if (c.req.method === 'GET') return new Response(null, { status: 302, headers: { location: '/sign-in?error=sso_failed' } });
      return errorResponse(c, new AppError('not_found', 'errors.ssoNotConfigured'), 404);
    }
    auth = c.get('services').sso.authFor(config);
  }
  const headers = new Headers(c.req.raw.headers);
  headers.delete(CLIENT_IP_HEADER);
  try {
    const ip = getConnInfo(c).remote.address;
    if (ip) headers.set(CLIENT_IP_HEADER, ip);
  } catch {
    /* not a Node socket (tests through app.request): no address */
  }
  const body = c.req.method === 'POST' ? await bodyFor(c, pathName) : null;
  if (body instanceof AppError) return errorResponse(c, body, statusOf[body.code]);
  let req: Request;
  if (body !== null) {
    headers.set('content-type', 'application/json');
    headers.delete('content-length');
    req = new Request(c.req.url, { method: 'POST', headers, body });
  } else {
    req = new Request(c.req.raw, { headers });
  }
  const res = await auth.handler(req);
  if (res.status < 400) {
    if (!(res.headers.get('content-type') ?? '').includes('json')) return res;
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return new Response(text, { status: res.status, headers: res.headers });
    }
    const out = new Response(JSON.stringify(withoutTokens(parsed)), { status: res.status, headers: res.headers });
    out.headers.delete('content-length');
    return out;
  }
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
    path: '/api/auth/sign-in/social',
    tags: ['auth'],
    summary:
      "Start single sign-on with the organisation's OpenID Provider: answers the provider's authorisation URL (code flow with PKCE, state and nonce) for the browser to open. 404 when SSO is off. Send an Origin header.",
    request: {
      body: { content: { 'application/json': { schema: z.object({ callbackURL: z.string().optional().describe('A path of this site to land on after sign-in') }) } } },
    },
    responses: { 200: { description: 'Where to send the browser', content: { 'application/json': { schema: z.object({ url: z.string(), redirect: z.boolean() }) } } }, 404: err },
  });
  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/api/auth/sign-out',
    tags: ['auth'],
    summary: 'Sign out (ends the session; any body is ignored). Send an Origin header.',
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
            schema: z.object({
              currentPassword: z.string(),
              newPassword: z.string().describe('Checked against the password policy (no common password, not your name or e-mail)'),
              revokeOtherSessions: z.boolean().optional().describe('Ignored: a password change always ends every other session'),
            }),
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

import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../context.js';
import { bearerSecret } from '../apiTokens.js';
import { AppError, errorBody, ForbiddenError } from '../errors.js';

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Body types a state-changing API request may carry. JSON only: a browser can send a form or
 * text/plain body to another site without asking, so accepting them would reopen cross-site writes.
 * An endpoint that documents another type adds it here with its path.
 */
const allowedBodyTypes = ['application/json'];

function hasBody(headers: Headers): boolean {
  const length = headers.get('content-length');
  if (length !== null) return Number(length) > 0;
  return headers.has('transfer-encoding');
}

/**
 * Whether a request is authenticated by a personal API token rather than the session cookie. A
 * page on another site cannot make a browser send an `Authorization` header (that needs a CORS
 * preflight this server never grants), so such a request cannot be a cross-site forgery. The
 * authentication middleware then accepts the token alone, never the cookie, and refuses a bad one.
 * better-auth's own routes (/api/auth) read only the cookie, so they always get the Origin check.
 */
function isBearerRequest(path: string, authorization: string | undefined): boolean {
  return bearerSecret(authorization) !== undefined && !(path === '/api/auth' || path.startsWith('/api/auth/'));
}

/**
 * Refuses cross-site writes (SPEC §2 relies on nobody writing in someone else's name): every
 * POST/PUT/PATCH/DELETE under /api must come with an `Origin` equal to `TAIWA_BASE_URL`'s origin
 * (a missing or `null` Origin is refused too), and any body must be JSON. Requests that carry an
 * API token (`Authorization: Bearer …`) need no Origin (see `isBearerRequest`, ADR 0202).
 */
export function requestGuards(baseUrl: string): MiddlewareHandler<AppEnv> {
  const expected = new URL(baseUrl).origin;
  return async (c, next) => {
    if (!stateChanging.has(c.req.method)) return next();
    const origin = c.req.header('origin');
    if (origin !== expected && !isBearerRequest(c.req.path, c.req.header('authorization'))) {
      return c.json(errorBody(new ForbiddenError('errors.foreignOrigin'), c.get('locale')), 403);
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if ((type !== '' || hasBody(c.req.raw.headers)) && !allowedBodyTypes.includes(type)) {
      return c.json(errorBody(new AppError('unsupported_media_type', 'errors.unsupported_media_type'), c.get('locale')), 415);
    }
    return next();
  };
}

/**
 * Signed-in answers must not stay in a shared or browser cache (a private note read on a shared
 * computer would otherwise survive sign-out): every /api answer is `no-store`.
 */
export function noStore(): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    await next();
    c.res.headers.set('cache-control', 'no-store');
  };
}

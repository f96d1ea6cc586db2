import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Actor } from '../domain/roles.js';
import type { Auth } from './auth.js';
import type { Db } from './db/client.js';
import { loadActor, loadSessionActor } from './policies/actor.js';

/** What one request's session cookie proves: the signed-in employee, or nobody. */
export type SessionActor = Actor | null;

interface CookieSettings {
  sessionCookie: string;
  dontRememberCookie: string;
  secret: string;
  /** Seconds (better-auth's session configuration). */
  expiresIn: number;
  updateAge: number;
}

/**
 * The value of better-auth's signed cookie (`<value>.<base64 HMAC-SHA256 of value>`, URL-encoded),
 * or null when it is absent, malformed or not signed with `secret` (what better-auth's own reader
 * accepts, byte for byte).
 */
export function verifiedCookieValue(raw: string | undefined, secret: string): string | null {
  if (!raw) return null;
  let value: string;
  try {
    value = decodeURIComponent(raw);
  } catch {
    value = raw;
  }
  const dot = value.lastIndexOf('.');
  if (dot < 1) return null;
  const signed = value.slice(0, dot);
  const signature = value.slice(dot + 1);
  if (signature.length !== 44 || !signature.endsWith('=')) return null;
  const expected = createHmac('sha256', secret).update(signed).digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected) ? signed : null;
}

/** The cookies of a `Cookie` header by name (first occurrence wins, as in better-auth's parser). */
function cookiesOf(header: string | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (!header) return found;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (name && !found.has(name)) found.set(name, part.slice(eq + 1).trim());
  }
  return found;
}

/**
 * Resolves the caller of a request from its session cookie in one SQL statement (ADR 0217): the
 * session row by its token, joined to the active employee of its user with their direct reports.
 * Nothing is cached between requests, so signing out, a password change that ends other sessions,
 * deactivation and SCIM deprovisioning take effect on the very next request.
 *
 * better-auth keeps the rest of its behaviour: when a session is due for its daily extension (or
 * the cookie is one this reader cannot vouch for), the request goes through `auth.api.getSession`
 * as before, then `loadActor`.
 */
export function createSessionReader(auth: Auth, db: Db) {
  let settings: Promise<CookieSettings> | null = null;
  const load = () =>
    (settings ??= auth.$context.then((ctx) => ({
      sessionCookie: ctx.authCookies.sessionToken.name,
      dontRememberCookie: ctx.authCookies.dontRememberToken.name,
      secret: ctx.secret,
      expiresIn: ctx.sessionConfig.expiresIn,
      updateAge: ctx.sessionConfig.updateAge,
    })));

  async function throughBetterAuth(headers: Headers): Promise<SessionActor> {
    const session = await auth.api.getSession({ headers });
    return session ? loadActor(db, session.user.id) : null;
  }

  return async function sessionActor(headers: Headers): Promise<SessionActor> {
    const cookies = cookiesOf(headers.get('cookie') ?? undefined);
    const s = await load();
    const raw = cookies.get(s.sessionCookie);
    if (!raw) return null;
    const token = verifiedCookieValue(raw, s.secret);
    if (!token) return throughBetterAuth(headers);
    const found = await loadSessionActor(db, token);
    if (!found) return null;
    const expiresAt = found.expiresAt.getTime();
    const now = Date.now();
    if (!(expiresAt > now)) return null;
    // Due for better-auth's extension of the session (once per updateAge); a "don't remember me" session is never extended.
    if (expiresAt - s.expiresIn * 1000 + s.updateAge * 1000 <= now && !cookies.has(s.dontRememberCookie)) return throughBetterAuth(headers);
    return found.actor;
  };
}

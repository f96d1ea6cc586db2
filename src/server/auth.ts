import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { genericOAuth } from 'better-auth/plugins/generic-oauth';
import { and, eq } from 'drizzle-orm';
import { emailDomain, SSO_PROVIDER_ID, type SsoErrorCode } from '../domain/sso.js';
import type { Db } from './db/client.js';
import * as schema from './db/schema.js';
import { discoveryUrl } from './sso/discovery.js';

/** Header the server fills from the socket so sign-in rate limiting has a trustworthy client address. */
export const CLIENT_IP_HEADER = 'x-taiwa-client-ip';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseUrl: string;
  signInRateLimit: number;
  /** The installation's OpenID Provider; given only to the instance that serves SSO sign-in. */
  sso?: { issuer: string; clientId: string; clientSecret: string | null; allowedDomains: string[] };
}

/**
 * Who may come in through the OpenID Provider (ADR 0208), in the order the sign-in page explains
 * it: an address of an allowed domain, verified by the provider, of an existing active employee.
 * Nobody is created by signing in.
 */
async function ssoRefusal(
  db: Db,
  allowedDomains: string[],
  user: { id?: unknown; email?: string | null; emailVerified?: unknown },
  profile: Record<string, unknown> | undefined,
  action: string,
): Promise<SsoErrorCode | null> {
  const email = (user.email ?? '').trim().toLowerCase();
  if (!email.includes('@') || !allowedDomains.includes(emailDomain(email))) return 'sso_domain_not_allowed';
  // `email_verified`, or Microsoft Entra ID's `xms_edov` (the address's domain is verified by the
  // tenant), which Entra sends instead when the optional claim is configured (docs/operations.md).
  const verified = user.emailVerified === true || user.emailVerified === 'true' || profile?.xms_edov === true;
  if (!verified) return 'sso_email_not_verified';
  if (action === 'create-user' || typeof user.id !== 'string') return 'sso_no_employee';
  // The sign-in user better-auth matched (by address when linking, by the provider's subject after):
  // it must be an employee's.
  const [employee] = await db
    .select({ active: schema.employees.active })
    .from(schema.employees)
    .where(eq(schema.employees.userId, user.id))
    .limit(1);
  if (!employee) return 'sso_no_employee';
  if (!employee.active) return 'sso_deactivated';
  return null;
}

/**
 * Email-and-password sign-in with sessions in PostgreSQL. Accounts are made by admins (or set-up),
 * never by self sign-up; a deactivated employee cannot open a session.
 */
export function createAuth(opts: AuthOptions) {
  const secure = opts.baseUrl.startsWith('https://');
  const sso = opts.sso;
  return betterAuth({
    appName: 'Taiwa',
    secret: opts.secret,
    baseURL: opts.baseUrl,
    basePath: '/api/auth',
    trustedOrigins: [opts.baseUrl],
    telemetry: { enabled: false },
    database: drizzleAdapter(opts.db, {
      provider: 'pg',
      schema: {
        user: schema.user,
        session: schema.session,
        account: schema.account,
        verification: schema.verification,
        rateLimit: schema.rateLimit,
      },
    }),
    emailAndPassword: { enabled: true, disableSignUp: true, minPasswordLength: 8, maxPasswordLength: 128 },
    plugins: sso
      ? [
          genericOAuth({
            config: [
              {
                providerId: SSO_PROVIDER_ID,
                discoveryUrl: discoveryUrl(sso.issuer),
                clientId: sso.clientId,
                ...(sso.clientSecret ? { clientSecret: sso.clientSecret } : {}),
                scopes: ['openid', 'email', 'profile'],
                pkce: true,
                // The ID token must verify against the provider's keys, with the nonce of this sign-in.
                requireIdTokenVerification: true,
                // The employee record owns name and address; the provider does not rewrite them.
                overrideUserInfo: false,
              },
            ],
          }),
        ]
      : [],
    // The provider's verified address links it to the employee with that address (checked in
    // validateUserInfo below); employees' own rows are made by admins, who vouch for the address.
    // A callback that fails before its state is read (no state, a bad request) also goes back to the
    // sign-in page, which explains it, instead of better-auth's own error page.
    onAPIError: sso ? { errorURL: `${opts.baseUrl.replace(/\/+$/, '')}/sign-in` } : undefined,
    // The provider's tokens are kept encrypted (Taiwa never uses them after sign-in).
    account: sso ? { encryptOAuthTokens: true, accountLinking: { enabled: true, trustedProviders: [SSO_PROVIDER_ID], requireLocalEmailVerified: false } } : undefined,
    user: sso
      ? {
          validateUserInfo: async (data) => {
            if (data.source.method !== 'oauth') return;
            const refusal = await ssoRefusal(opts.db, sso.allowedDomains, data.user, data.source.oauth?.profile, data.source.action);
            return refusal ? { error: refusal } : undefined;
          },
        }
      : undefined,
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: opts.signInRateLimit > 0,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: Math.max(opts.signInRateLimit, 1) },
        '/sign-in/social': { window: 60, max: Math.max(opts.signInRateLimit, 1) },
        '/change-password': { window: 60, max: Math.max(opts.signInRateLimit, 1) },
        // A read: counting it would make every session check a database write (ADR 0140).
        '/get-session': false,
      },
    },
    advanced: {
      useSecureCookies: secure,
      cookiePrefix: 'taiwa',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax', secure },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      // better-auth skips its Origin (CSRF) check when NODE_ENV=test; keep it on everywhere so
      // tests exercise the protection production has.
      disableOriginCheck: false,
    },
    databaseHooks: {
      user: {
        create: {
          // Sign-in never makes a person: employees are created by admins (and set-up) directly.
          before: async () => {
            throw new APIError('FORBIDDEN', { message: 'No employee with this address', code: 'sso_no_employee' });
          },
        },
      },
      session: {
        create: {
          before: async (session) => {
            const found = await opts.db
              .select({ id: schema.employees.id })
              .from(schema.employees)
              .where(and(eq(schema.employees.userId, session.userId), eq(schema.employees.active, true)))
              .limit(1);
            if (found.length === 0) throw new APIError('FORBIDDEN', { message: 'Account deactivated', code: 'ACCOUNT_DEACTIVATED' });
            return { data: session };
          },
        },
      },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

/** Hashes a password the way sign-in checks it (better-auth's own hasher). */
export async function hashPassword(auth: Auth, password: string): Promise<string> {
  const ctx = await auth.$context;
  return ctx.password.hash(password);
}

import { betterAuth } from 'better-auth';
import { APIError } from 'better-auth/api';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { and, eq } from 'drizzle-orm';
import type { Db } from './db/client.js';
import * as schema from './db/schema.js';

/** Header the server fills from the socket so sign-in rate limiting has a trustworthy client address. */
export const CLIENT_IP_HEADER = 'x-taiwa-client-ip';

export interface AuthOptions {
  db: Db;
  secret: string;
  baseUrl: string;
  signInRateLimit: number;
}

/**
 * Email-and-password sign-in with sessions in PostgreSQL. Accounts are made by admins (or set-up),
 * never by self sign-up; a deactivated employee cannot open a session.
 */
export function createAuth(opts: AuthOptions) {
  const secure = opts.baseUrl.startsWith('https://');
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
    session: { expiresIn: 60 * 60 * 24 * 14, updateAge: 60 * 60 * 24 },
    rateLimit: {
      enabled: opts.signInRateLimit > 0,
      storage: 'database',
      modelName: 'rateLimit',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: Math.max(opts.signInRateLimit, 1) },
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

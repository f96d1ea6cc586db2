import { createHash, randomBytes } from 'node:crypto';
import { and, eq, gt, isNull, lt, or } from 'drizzle-orm';
import { TOKEN_PREFIX, type TokenScope } from '../domain/apiTokens.js';
import type { Db } from './db/client.js';
import { apiTokens, employees } from './db/schema.js';

/** Characters of the secret kept in the clear so its owner can recognise it. */
const VISIBLE = TOKEN_PREFIX.length + 6;

/** A new token secret (answered once) with what is stored in its place: its hash and first characters. */
export function newApiToken(): { secret: string; hash: string; prefix: string } {
  const secret = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiToken(secret), prefix: secret.slice(0, VISIBLE) };
}

/** SHA-256 of a token secret; a 256-bit random secret needs no slow hash (ADR 0202). */
export function hashApiToken(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/**
 * The secret of an `Authorization: Bearer …` header: undefined when the request carries none
 * (it is then a cookie request), '' when the header is a bearer header without a usable value.
 */
export function bearerSecret(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer(?:\s+(.*))?$/i.exec(header.trim());
  if (!match) return undefined;
  return match[1]?.trim() ?? '';
}

export interface ResolvedToken {
  tokenId: string;
  userId: string;
  scope: TokenScope;
  lastUsedAt: Date | null;
}

/**
 * The live token with this secret: not revoked, not expired, its owner still active.
 * Anything else (unknown, malformed, revoked, expired, deactivated owner) is null.
 */
export async function resolveApiToken(db: Db, secret: string, now: Date): Promise<ResolvedToken | null> {
  if (!secret.startsWith(TOKEN_PREFIX) || secret.length > 200) return null;
  const [row] = await db
    .select({ tokenId: apiTokens.id, userId: employees.userId, scope: apiTokens.scope, lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .innerJoin(employees, eq(employees.id, apiTokens.employeeId))
    .where(and(eq(apiTokens.tokenHash, hashApiToken(secret)), isNull(apiTokens.revokedAt), gt(apiTokens.expiresAt, now), eq(employees.active, true)))
    .limit(1);
  // An employee without an e-mail address has no sign-in user and so no token (ADR 0215).
  return row?.userId ? { ...row, userId: row.userId } : null;
}

/** How stale `lastUsedAt` may get before a request writes it again. */
const TOUCH_INTERVAL_MS = 60_000;

/**
 * Records that a token was used, at most once a minute (the condition is in the UPDATE, so
 * parallel requests write once). Bookkeeping, not the request's work: a failure (a read-only
 * replica) is logged by the caller and the request goes on.
 */
export async function touchApiToken(db: Db, token: ResolvedToken, now: Date): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const before = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  await db
    .update(apiTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(apiTokens.id, token.tokenId), or(isNull(apiTokens.lastUsedAt), lt(apiTokens.lastUsedAt, before))));
}

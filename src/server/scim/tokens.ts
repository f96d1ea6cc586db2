import { randomBytes } from 'node:crypto';
import { and, eq, isNull, lt, or } from 'drizzle-orm';
import { SCIM_TOKEN_PREFIX } from '../../domain/scim.js';
import { hashApiToken } from '../apiTokens.js';
import type { Db } from '../db/client.js';
import { scimTokens } from '../db/schema.js';

/** Characters of the secret kept in the clear so administrators can recognise it. */
const VISIBLE = SCIM_TOKEN_PREFIX.length + 6;

/** A new SCIM token secret (answered once) with its hash and first characters (ADR 0207). */
export function newScimToken(): { secret: string; hash: string; prefix: string } {
  const secret = `${SCIM_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { secret, hash: hashApiToken(secret), prefix: secret.slice(0, VISIBLE) };
}

export interface ResolvedScimToken {
  tokenId: string;
  lastUsedAt: Date | null;
}

/** The unrevoked SCIM token with this secret, or null (unknown, malformed, revoked). */
export async function resolveScimToken(db: Db, secret: string): Promise<ResolvedScimToken | null> {
  if (!secret.startsWith(SCIM_TOKEN_PREFIX) || secret.length > 200) return null;
  const [row] = await db
    .select({ tokenId: scimTokens.id, lastUsedAt: scimTokens.lastUsedAt })
    .from(scimTokens)
    .where(and(eq(scimTokens.tokenHash, hashApiToken(secret)), isNull(scimTokens.revokedAt)))
    .limit(1);
  return row ?? null;
}

const TOUCH_INTERVAL_MS = 60_000;

/** Records a use at most once a minute (the condition is in the UPDATE); bookkeeping, best-effort. */
export async function touchScimToken(db: Db, token: ResolvedScimToken, now: Date): Promise<void> {
  if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < TOUCH_INTERVAL_MS) return;
  const before = new Date(now.getTime() - TOUCH_INTERVAL_MS);
  await db
    .update(scimTokens)
    .set({ lastUsedAt: now })
    .where(and(eq(scimTokens.id, token.tokenId), or(isNull(scimTokens.lastUsedAt), lt(scimTokens.lastUsedAt, before))));
}

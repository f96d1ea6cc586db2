import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import {
  apiTokenCreateSchema,
  apiTokenLimits,
  apiTokenListSchema,
  createdApiTokenSchema,
  type ApiToken,
} from '../../../domain/apiTokens.js';
import { idSchema } from '../../../domain/common.js';
import { newApiToken } from '../../apiTokens.js';
import { apiTokens } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { apiTokenPolicy } from '../../policies/apiTokens.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['api tokens'];
const DAY_MS = 24 * 60 * 60 * 1000;

const list = createRoute({
  method: 'get',
  path: '/me/api-tokens',
  tags,
  summary: 'My API tokens that are not revoked, newest first (never their secrets)',
  responses: { 200: json(apiTokenListSchema, 'Tokens'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/me/api-tokens',
  tags,
  summary: 'Create an API token; the answer holds its secret, shown this once. Needs a signed-in session, not a token.',
  request: { body: jsonBody(apiTokenCreateSchema) },
  responses: { 201: json(createdApiTokenSchema, 'The token with its secret'), ...errorResponses },
});
const revoke = createRoute({
  method: 'delete',
  path: '/me/api-tokens/{id}',
  tags,
  summary: 'Revoke one of my API tokens: it answers 401 from now on',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Revoked'), ...errorResponses },
});

type Row = typeof apiTokens.$inferSelect;
const present = (r: Row): ApiToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  scope: r.scope,
  createdAt: r.createdAt.toISOString(),
  expiresAt: r.expiresAt.toISOString(),
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
});

/** Personal API tokens (SPEC §9): each person lists, creates and revokes their own. */
export const apiTokensApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const rows = await c
      .get('services')
      .db.select()
      .from(apiTokens)
      .where(and(eq(apiTokens.employeeId, actor.employeeId), isNull(apiTokens.revokedAt)))
      .orderBy(desc(apiTokens.createdAt))
      .limit(apiTokenLimits.perPerson);
    return c.json({ items: rows.map(present) }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    const credential = c.get('credential');
    if (!credential || !apiTokenPolicy.canCreate(credential)) throw new ForbiddenError('errors.tokenFromToken');
    const input = c.req.valid('json');
    if (!apiTokenPolicy.canUseScope(actor, input.scope)) throw new ValidationError({ scope: { key: 'validation.tokenAdminScope' } });
    const { db } = c.get('services');
    const { secret, hash, prefix } = newApiToken();
    const now = new Date();
    const row = await db.transaction(async (tx) => {
      // One person's token creations take turns, so two at once cannot pass the limit together.
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`api-tokens:${actor.employeeId}`}))`);
      const [held] = await tx
        .select({ n: count() })
        .from(apiTokens)
        .where(and(eq(apiTokens.employeeId, actor.employeeId), isNull(apiTokens.revokedAt)));
      if ((held?.n ?? 0) >= apiTokenLimits.perPerson) throw new ConflictError('errors.tooManyTokens', { max: apiTokenLimits.perPerson });
      const [inserted] = await tx
        .insert(apiTokens)
        .values({
          employeeId: actor.employeeId,
          name: input.name,
          prefix,
          tokenHash: hash,
          scope: input.scope,
          createdAt: now,
          expiresAt: new Date(now.getTime() + input.expiresInDays * DAY_MS),
        })
        .returning();
      return inserted!;
    });
    return c.json({ ...present(row), secret }, 201);
  })
  .openapi(revoke, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const done = await c
      .get('services')
      .db.update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, id), eq(apiTokens.employeeId, actor.employeeId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (done.length === 0) throw new NotFoundError('errors.tokenNotFound');
    return c.json({ ok: true as const }, 200);
  });

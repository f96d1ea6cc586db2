import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, isNull, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { createdScimTokenSchema, scimTokenCreateSchema, scimTokenLimits, scimTokenListSchema, type ScimToken } from '../../../domain/scim.js';
import { employees, scimTokens } from '../../db/schema.js';
import { ConflictError, ForbiddenError, NotFoundError } from '../../errors.js';
import { apiTokenPolicy } from '../../policies/apiTokens.js';
import { organisationPolicy } from '../../policies/organisation.js';
import { newScimToken } from '../../scim/tokens.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['scim tokens'];

const list = createRoute({
  method: 'get',
  path: '/admin/scim-tokens',
  tags,
  summary: 'The SCIM base URL and the SCIM tokens that are not revoked, newest first (admin; never their secrets)',
  responses: { 200: json(scimTokenListSchema, 'Tokens'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/admin/scim-tokens',
  tags,
  summary: 'Create a SCIM token for an identity provider (admin, from a signed-in session); its secret is shown this once',
  request: { body: jsonBody(scimTokenCreateSchema) },
  responses: { 201: json(createdScimTokenSchema, 'The token with its secret'), ...errorResponses },
});
const revoke = createRoute({
  method: 'delete',
  path: '/admin/scim-tokens/{id}',
  tags,
  summary: 'Revoke a SCIM token (admin): /scim/v2 answers it 401 from now on',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Revoked'), ...errorResponses },
});

type Row = typeof scimTokens.$inferSelect & { creatorFamilyName: string | null; creatorGivenName: string | null };
const present = (r: Row): ScimToken => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  createdAt: r.createdAt.toISOString(),
  createdBy: r.creatorFamilyName !== null ? `${r.creatorFamilyName} ${r.creatorGivenName ?? ''}`.trim() : null,
  lastUsedAt: r.lastUsedAt?.toISOString() ?? null,
});

const columns = {
  id: scimTokens.id,
  name: scimTokens.name,
  prefix: scimTokens.prefix,
  tokenHash: scimTokens.tokenHash,
  createdBy: scimTokens.createdBy,
  createdAt: scimTokens.createdAt,
  lastUsedAt: scimTokens.lastUsedAt,
  revokedAt: scimTokens.revokedAt,
  creatorFamilyName: employees.familyName,
  creatorGivenName: employees.givenName,
};

/** SCIM tokens of the installation (SPEC §9, ADR 0207): administrators list, create and revoke them. */
export const scimTokensApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageProvisioning(actor));
    const { db, config } = c.get('services');
    const rows = await db
      .select(columns)
      .from(scimTokens)
      .leftJoin(employees, eq(employees.id, scimTokens.createdBy))
      .where(isNull(scimTokens.revokedAt))
      .orderBy(desc(scimTokens.createdAt))
      .limit(scimTokenLimits.max);
    return c.json({ baseUrl: `${config.baseUrl.replace(/\/+$/, '')}/scim/v2`, items: rows.map(present) }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageProvisioning(actor));
    // As with personal tokens, a token cannot mint tokens (ADR 0202).
    const credential = c.get('credential');
    if (!credential || !apiTokenPolicy.canCreate(credential)) throw new ForbiddenError('errors.tokenFromToken');
    const input = c.req.valid('json');
    const { db } = c.get('services');
    const { secret, hash, prefix } = newScimToken();
    const row = await db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(hashtext('scim-tokens'))`);
      const [held] = await tx.select({ n: count() }).from(scimTokens).where(isNull(scimTokens.revokedAt));
      if ((held?.n ?? 0) >= scimTokenLimits.max) throw new ConflictError('errors.tooManyScimTokens', { max: scimTokenLimits.max });
      const [inserted] = await tx.insert(scimTokens).values({ name: input.name, prefix, tokenHash: hash, createdBy: actor.employeeId }).returning({ id: scimTokens.id });
      return inserted!;
    });
    await audit.admin(c, 'scimToken.create', null, row.id);
    const [saved] = await db.select(columns).from(scimTokens).leftJoin(employees, eq(employees.id, scimTokens.createdBy)).where(eq(scimTokens.id, row.id));
    return c.json({ ...present(saved!), secret }, 201);
  })
  .openapi(revoke, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageProvisioning(actor));
    const { id } = c.req.valid('param');
    const done = await c
      .get('services')
      .db.update(scimTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(scimTokens.id, id), isNull(scimTokens.revokedAt)))
      .returning({ id: scimTokens.id });
    if (done.length === 0) throw new NotFoundError('errors.scimTokenNotFound');
    await audit.admin(c, 'scimToken.revoke', null, id);
    return c.json({ ok: true as const }, 200);
  });

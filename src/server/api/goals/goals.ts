import { createRoute } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { goalCreateSchema, goalListQuerySchema, goalProgressInputSchema, goalSchema, goalUpdateSchema } from '../../../domain/goals.js';
import { createGoal, loadGoals, postGoalEntry, updateGoal } from '../../commands/goals.js';
import type { AppContext } from '../../context.js';
import { goals } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['goals'];
const idParams = z.object({ id: idSchema });

const list = createRoute({
  method: 'get',
  path: '/goals',
  tags,
  summary: "My goals, or (ownerId) the goals of a person I hold a 1on1 series with as their partner",
  request: { query: goalListQuerySchema },
  responses: { 200: json(z.object({ items: z.array(goalSchema) }), 'Goals'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/goals',
  tags,
  summary: 'Create a goal of my own (OKR objective with key results, or MBO goal with weight and criteria)',
  request: { body: jsonBody(goalCreateSchema) },
  responses: { 201: json(goalSchema, 'Created'), ...errorResponses },
});
const get = createRoute({
  method: 'get',
  path: '/goals/{id}',
  tags,
  summary: 'A goal with its key results and full log (its owner and their 1on1 partners)',
  request: { params: idParams },
  responses: { 200: json(goalSchema, 'Goal'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/goals/{id}',
  tags,
  summary: 'Edit, archive or reactivate my goal (its owner)',
  request: { params: idParams, body: jsonBody(goalUpdateSchema) },
  responses: { 200: json(goalSchema, 'Updated'), ...errorResponses },
});
const post = createRoute({
  method: 'post',
  path: '/goals/{id}/updates',
  tags,
  summary: 'Post a dated progress update (owner: a value and/or a comment) or a comment (partner)',
  request: { params: idParams, body: jsonBody(goalProgressInputSchema) },
  responses: { 201: json(goalSchema, 'Posted'), ...errorResponses },
});

async function one(c: AppContext, id: string) {
  const actor = requireActor(c);
  const [g] = await loadGoals(c.get('services').db, actor, eq(goals.id, id));
  if (!g) throw new NotFoundError('errors.goalNotFound');
  return g;
}

/** Goals (目標) with key results and progress updates (SPEC §6, ADR 0206). */
export const goalsApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { ownerId, status } = c.req.valid('query');
    const items = await loadGoals(c.get('services').db, actor, and(eq(goals.ownerId, ownerId ?? actor.employeeId), eq(goals.status, status)), { entryLimit: 20 });
    // Another person's goals that the caller may see (as their partner) are a read of their records.
    if (ownerId && items.length > 0) await audit.read(c, 'goals.read', ownerId, null);
    return c.json({ items }, 200);
  })
  .openapi(create, async (c) => {
    const id = await createGoal({ db: c.get('services').db, actor: requireActor(c), input: c.req.valid('json') });
    return c.json(await one(c, id), 201);
  })
  .openapi(get, async (c) => {
    const g = await one(c, c.req.valid('param').id);
    await audit.read(c, 'goals.read', g.owner.id, g.id);
    return c.json(g, 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    await updateGoal({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    return c.json(await one(c, id), 200);
  })
  .openapi(post, async (c) => {
    const { id } = c.req.valid('param');
    await postGoalEntry({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    return c.json(await one(c, id), 201);
  });

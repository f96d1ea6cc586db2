import { createRoute } from '@hono/zod-openapi';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { actionItemCreateSchema, actionItemListQuerySchema, actionItemListSchema, actionItemSchema, actionItemUpdateSchema } from '../../../domain/followUp.js';
import { addActionItem, listActionItems, removeActionItem, todayFor, updateActionItem } from '../../commands/actionItems.js';
import type { AppContext } from '../../context.js';
import { actionItems } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { loadMeetingForPair } from '../series/load.js';
import { actionItemSignal } from '../room/signals.js';

const tags = ['action items'];
const idParams = z.object({ id: idSchema });
const ok = z.object({ ok: z.literal(true) });

const create = createRoute({
  method: 'post',
  path: '/meetings/{id}/action-items',
  tags,
  summary: 'Add a next step (either side); `support` marks the manager’s support commitment and needs the manager as owner',
  request: { params: idParams, body: jsonBody(actionItemCreateSchema) },
  responses: { 201: json(actionItemSchema, 'Added'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/action-items/{id}',
  tags,
  summary: 'Edit or mark an action item done or open (either side of the pair); a new owner or support on/off only by its owner or whoever added it',
  request: { params: idParams, body: jsonBody(actionItemUpdateSchema) },
  responses: { 200: json(actionItemSchema, 'Updated'), ...errorResponses },
});
const remove = createRoute({
  method: 'delete',
  path: '/action-items/{id}',
  tags,
  summary: 'Remove an action item (its owner or whoever added it; the partner gets 403)',
  request: { params: idParams },
  responses: { 200: json(ok, 'Removed'), ...errorResponses },
});
const list = createRoute({
  method: 'get',
  path: '/action-items',
  tags,
  summary: 'Action items: `mine` (I own them), `support` (my managers’ support commitments to me) or `team` (my direct reports’ series where I am the manager); overdue first',
  request: { query: actionItemListQuerySchema },
  responses: { 200: json(actionItemListSchema, 'Action items'), ...errorResponses },
});
const openForMeeting = createRoute({
  method: 'get',
  path: '/meetings/{id}/open-action-items',
  tags,
  summary: 'The open action items of the meeting’s series (both sides), overdue first: they rise to the top of the next agenda',
  request: { params: idParams },
  responses: { 200: json(z.object({ items: z.array(actionItemSchema) }), 'Open action items'), ...errorResponses },
});

async function one(c: AppContext, id: string) {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const { items } = await listActionItems(
    db,
    actor,
    and(eq(actionItems.id, id), followUpPolicy.pairWhere(actor))!,
    { page: 1, pageSize: 1 },
    await todayFor(db, actor),
  );
  if (!items[0]) throw new NotFoundError('errors.actionItemNotFound');
  return items[0];
}

/** Next steps (ネクストステップ) and the manager's support commitments, tracked to done. */
export const actionItemsApi = router()
  .openapi(create, async (c) => {
    const id = await addActionItem({ db: c.get('services').db, actor: requireActor(c), meetingId: c.req.valid('param').id, input: c.req.valid('json') });
    (await actionItemSignal(c, id))?.();
    return c.json(await one(c, id), 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    await updateActionItem({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    (await actionItemSignal(c, id))?.();
    return c.json(await one(c, id), 200);
  })
  .openapi(remove, async (c) => {
    const signal = await actionItemSignal(c, c.req.valid('param').id);
    await removeActionItem({ db: c.get('services').db, actor: requireActor(c), id: c.req.valid('param').id });
    signal?.();
    return c.json({ ok: true as const }, 200);
  })
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { scope, status, page, pageSize } = c.req.valid('query');
    const who =
      scope === 'mine'
        ? and(eq(actionItems.ownerId, actor.employeeId), followUpPolicy.pairWhere(actor))
        : scope === 'support'
          ? followUpPolicy.supportForMeWhere(actor)
          : followUpPolicy.teamWhere(actor);
    const where = and(who, status === 'all' ? undefined : eq(actionItems.status, status))!;
    return c.json(await listActionItems(db, actor, where, { page, pageSize }, await todayFor(db, actor)), 200);
  })
  .openapi(openForMeeting, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const row = await loadMeetingForPair(db, actor, c.req.valid('param').id);
    if (!row) throw new NotFoundError('errors.meetingNotFound');
    const where = and(eq(actionItems.seriesId, row.s.id), eq(actionItems.status, 'open'), followUpPolicy.pairWhere(actor))!;
    const { items } = await listActionItems(db, actor, where, { page: 1, pageSize: 200 }, await todayFor(db, actor));
    return c.json({ items }, 200);
  });

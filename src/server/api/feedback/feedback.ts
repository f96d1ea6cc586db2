import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { feedbackCreateSchema, feedbackSchema, feedbackUpdateSchema } from '../../../domain/followUp.js';
import { feedbackLogQuerySchema, feedbackLogSchema } from '../../../domain/goals.js';
import { giveMeetingFeedback, giveSeriesFeedback, loadFeedback, removeFeedback, updateFeedback } from '../../commands/feedback.js';
import type { AppContext } from '../../context.js';
import { employees, feedbackRecords, series } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { goalPolicy } from '../../policies/goals.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';
import { loadMeetingForPair } from '../series/load.js';
import { feedbackSignal } from '../room/signals.js';

const tags = ['feedback'];
const idParams = z.object({ id: idSchema });
const ok = z.object({ ok: z.literal(true) });

const list = createRoute({
  method: 'get',
  path: '/meetings/{id}/feedback',
  tags,
  summary: 'Feedback recorded in this meeting (the pair only)',
  request: { params: idParams },
  responses: { 200: json(z.object({ items: z.array(feedbackSchema) }), 'Feedback'), ...errorResponses },
});
const createInMeeting = createRoute({
  method: 'post',
  path: '/meetings/{id}/feedback',
  tags,
  summary: 'Record fact-based feedback (situation, behaviour, impact) for the partner in this meeting',
  request: { params: idParams, body: jsonBody(feedbackCreateSchema) },
  responses: { 201: json(feedbackSchema, 'Recorded'), ...errorResponses },
});
const createInSeries = createRoute({
  method: 'post',
  path: '/series/{id}/feedback',
  tags,
  summary: 'Record feedback for the partner between meetings',
  request: { params: idParams, body: jsonBody(feedbackCreateSchema) },
  responses: { 201: json(feedbackSchema, 'Recorded'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/feedback/{id}',
  tags,
  summary: 'Edit my feedback (its giver)',
  request: { params: idParams, body: jsonBody(feedbackUpdateSchema) },
  responses: { 200: json(feedbackSchema, 'Updated'), ...errorResponses },
});
const remove = createRoute({
  method: 'delete',
  path: '/feedback/{id}',
  tags,
  summary: 'Withdraw my feedback (its giver)',
  request: { params: idParams },
  responses: { 200: json(ok, 'Removed'), ...errorResponses },
});

const log = createRoute({
  method: 'get',
  path: '/feedback-log',
  tags,
  summary: 'My feedback log: what I received or gave, in meetings and between them, newest first',
  request: { query: feedbackLogQuerySchema },
  responses: { 200: json(feedbackLogSchema, 'Feedback log'), ...errorResponses },
});

async function one(c: AppContext, id: string) {
  const actor = requireActor(c);
  const [f] = await loadFeedback(c.get('services').db, actor, and(eq(feedbackRecords.id, id), followUpPolicy.pairWhere(actor))!);
  if (!f) throw new NotFoundError('errors.feedbackNotFound');
  return f;
}

/** Feedback records (フィードバック) between the two people of a series. */
export const feedbackApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { id } = c.req.valid('param');
    const row = await loadMeetingForPair(db, actor, id);
    if (!row) throw new NotFoundError('errors.meetingNotFound');
    await audit.readPair(c, 'feedback.read', row.s, id);
    return c.json({ items: await loadFeedback(db, actor, and(eq(feedbackRecords.meetingId, id), followUpPolicy.pairWhere(actor))!) }, 200);
  })
  .openapi(log, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { direction, personId, page, pageSize } = c.req.valid('query');
    const other = direction === 'received' ? feedbackRecords.giverId : feedbackRecords.receiverId;
    const where: SQL = and(goalPolicy.feedbackLogWhere(actor, direction), personId ? eq(other, personId) : undefined)!;
    const [[total], pageIds, partners] = await Promise.all([
      db.select({ n: count() }).from(feedbackRecords).innerJoin(series, eq(series.id, feedbackRecords.seriesId)).where(where),
      db
        .select({ id: feedbackRecords.id })
        .from(feedbackRecords)
        .innerJoin(series, eq(series.id, feedbackRecords.seriesId))
        .where(where)
        .orderBy(desc(feedbackRecords.createdAt), desc(feedbackRecords.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db
        .selectDistinct({ id: employees.id, familyName: employees.familyName, givenName: employees.givenName, title: employees.title })
        .from(feedbackRecords)
        .innerJoin(series, eq(series.id, feedbackRecords.seriesId))
        .innerJoin(employees, or(eq(employees.id, feedbackRecords.giverId), eq(employees.id, feedbackRecords.receiverId)))
        .where(and(or(goalPolicy.feedbackLogWhere(actor, 'received'), goalPolicy.feedbackLogWhere(actor, 'given')))),
    ]);
    const ids = pageIds.map((r) => r.id);
    const items = ids.length ? await loadFeedback(db, actor, and(inArray(feedbackRecords.id, ids), followUpPolicy.pairWhere(actor))!) : [];
    items.sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
    const people = partners.filter((p) => p.id !== actor.employeeId).sort((a, b) => `${a.familyName}${a.givenName}`.localeCompare(`${b.familyName}${b.givenName}`, 'ja'));
    return c.json({ items, page, pageSize, total: total?.n ?? 0, people }, 200);
  })
  .openapi(createInMeeting, async (c) => {
    const id = await giveMeetingFeedback({ db: c.get('services').db, actor: requireActor(c), meetingId: c.req.valid('param').id, input: c.req.valid('json') });
    (await feedbackSignal(c, id))?.();
    return c.json(await one(c, id), 201);
  })
  .openapi(createInSeries, async (c) => {
    const id = await giveSeriesFeedback({ db: c.get('services').db, actor: requireActor(c), seriesId: c.req.valid('param').id, input: c.req.valid('json') });
    (await feedbackSignal(c, id))?.();
    return c.json(await one(c, id), 201);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    await updateFeedback({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    (await feedbackSignal(c, id))?.();
    return c.json(await one(c, id), 200);
  })
  .openapi(remove, async (c) => {
    const signal = await feedbackSignal(c, c.req.valid('param').id);
    await removeFeedback({ db: c.get('services').db, actor: requireActor(c), id: c.req.valid('param').id });
    signal?.();
    return c.json({ ok: true as const }, 200);
  });

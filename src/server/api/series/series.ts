import { createRoute } from '@hono/zod-openapi';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema } from '../../../domain/common.js';
import {
  extraMeetingSchema,
  meetingSchema,
  seriesBulkCreateSchema,
  seriesCreateSchema,
  seriesSchema,
  seriesUpdateSchema,
} from '../../../domain/series.js';
import { requestExtraMeeting } from '../../commands/changeMeeting.js';
import { answerSeries, changeSeriesStatus, scheduleDepartment, scheduleSeries, updateSeries } from '../../commands/scheduleSeries.js';
import { meetings, series } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { seriesPolicy } from '../../policies/series.js';
import type { AppContext } from '../../context.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { loadSeriesRows, meetingAheadWhere, meetingBehindWhere, presentMeeting, presentSeries } from './load.js';

const tags = ['series'];
const idParams = z.object({ id: idSchema });

async function oneSeries(c: AppContext, id: string) {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const [row] = await loadSeriesRows(db, eq(series.id, id));
  if (!row || !seriesPolicy.viewMetadata(actor, row.s)) throw new NotFoundError('errors.seriesNotFound');
  return { actor, db, row };
}

const list = createRoute({
  method: 'get',
  path: '/series',
  tags,
  summary: 'My 1on1 series, as manager and as report',
  request: { query: z.object({ status: z.enum(['pending', 'active', 'paused', 'ended', 'declined', 'all']).default('all') }) },
  responses: { 200: json(z.object({ items: z.array(seriesSchema) }), 'Series'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/series',
  tags,
  summary: 'Start a 1on1 series with a report (their manager, or hr/admin)',
  request: { body: jsonBody(seriesCreateSchema) },
  responses: { 201: json(seriesSchema, 'Created'), ...errorResponses },
});
const bulk = createRoute({
  method: 'post',
  path: '/series/bulk',
  tags,
  summary: 'hr/admin: start series for every employee of a department with their manager',
  request: { body: jsonBody(seriesBulkCreateSchema) },
  responses: { 201: json(z.object({ created: z.number(), skipped: z.number() }), 'Created'), ...errorResponses },
});
const get = createRoute({
  method: 'get',
  path: '/series/{id}',
  tags,
  summary: 'One series (purpose only for the pair)',
  request: { params: idParams },
  responses: { 200: json(seriesSchema, 'Series'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/series/{id}',
  tags,
  summary: 'Change the purpose (either side) or the cadence (the manager)',
  request: { params: idParams, body: jsonBody(seriesUpdateSchema) },
  responses: { 200: json(seriesSchema, 'Updated'), ...errorResponses },
});
const statusRoute = (action: 'pause' | 'resume' | 'end') =>
  createRoute({
    method: 'post',
    path: `/series/{id}/${action}`,
    tags,
    summary: `${action[0]!.toUpperCase()}${action.slice(1)} the series (its manager)`,
    request: { params: idParams },
    responses: { 200: json(seriesSchema, 'Updated'), ...errorResponses },
  });
const answerRoute = (action: 'accept' | 'decline') =>
  createRoute({
    method: 'post',
    path: `/series/{id}/${action}`,
    tags,
    summary:
      action === 'accept'
        ? 'Accept a pending series offered by someone other than my primary manager (the report); meetings start'
        : 'Decline a pending series (the report); nothing of it is ever shared',
    request: { params: idParams },
    responses: { 200: json(seriesSchema, 'Answered'), ...errorResponses },
  });
const meetingsList = createRoute({
  method: 'get',
  path: '/series/{id}/meetings',
  tags,
  summary: "The series' meetings: upcoming ones first in time order, or past ones newest first",
  request: { params: idParams, query: pageQuerySchema.extend({ when: z.enum(['upcoming', 'past']).default('upcoming') }) },
  responses: { 200: json(pageOf(meetingSchema), 'Meetings'), ...errorResponses },
});
const extra = createRoute({
  method: 'post',
  path: '/series/{id}/meetings',
  tags,
  summary: 'Ask for an extra 1on1 outside the cadence (either side)',
  request: { params: idParams, body: jsonBody(extraMeetingSchema) },
  responses: { 201: json(meetingSchema, 'Created'), ...errorResponses },
});

/** 1on1 series: the pair's ongoing relationship, its purpose and cadence. */
export const seriesApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { status } = c.req.valid('query');
    const rows = await loadSeriesRows(db, and(seriesPolicy.pairWhere(actor), status === 'all' ? undefined : eq(series.status, status)));
    return c.json({ items: rows.map((r) => presentSeries(actor, r)) }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const s = await scheduleSeries({ db, actor, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    const { row } = await oneSeries(c, s.id);
    return c.json(presentSeries(actor, row), 201);
  })
  .openapi(bulk, async (c) => {
    const actor = requireActor(c);
    const result = await scheduleDepartment({ db: c.get('services').db, actor, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    return c.json(result, 201);
  })
  .openapi(get, async (c) => {
    const { actor, row } = await oneSeries(c, c.req.valid('param').id);
    return c.json(presentSeries(actor, row), 200);
  })
  .openapi(update, async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await updateSeries({ db, actor, id, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    const { row } = await oneSeries(c, id);
    return c.json(presentSeries(actor, row), 200);
  })
  .openapi(statusRoute('pause'), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await changeSeriesStatus({ db, actor, id, action: 'pause' });
    c.get('services').events.emit('scheduleChanged');
    return c.json(presentSeries(actor, (await oneSeries(c, id)).row), 200);
  })
  .openapi(statusRoute('resume'), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await changeSeriesStatus({ db, actor, id, action: 'resume' });
    c.get('services').events.emit('scheduleChanged');
    return c.json(presentSeries(actor, (await oneSeries(c, id)).row), 200);
  })
  .openapi(statusRoute('end'), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await changeSeriesStatus({ db, actor, id, action: 'end' });
    c.get('services').events.emit('scheduleChanged');
    c.get('services').events.emit('seriesEnded', id);
    return c.json(presentSeries(actor, (await oneSeries(c, id)).row), 200);
  })
  .openapi(answerRoute('accept'), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await answerSeries({ db, actor, id, answer: 'accept' });
    c.get('services').events.emit('scheduleChanged');
    return c.json(presentSeries(actor, (await oneSeries(c, id)).row), 200);
  })
  .openapi(answerRoute('decline'), async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db } = await oneSeries(c, id);
    await answerSeries({ db, actor, id, answer: 'decline' });
    c.get('services').events.emit('scheduleChanged');
    return c.json(presentSeries(actor, (await oneSeries(c, id)).row), 200);
  })
  .openapi(meetingsList, async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db, row } = await oneSeries(c, id);
    if (!seriesPolicy.readContent(actor, row.s)) throw new NotFoundError('errors.seriesNotFound');
    const q = c.req.valid('query');
    const now = new Date();
    const upcoming = q.when === 'upcoming';
    const where = and(eq(meetings.seriesId, id), upcoming ? meetingAheadWhere(now) : meetingBehindWhere(now));
    const rows = await db
      .select({ m: meetings, total: sql<number>`count(*) over ()::int` })
      .from(meetings)
      .where(where)
      .orderBy(upcoming ? asc(meetings.startsAt) : desc(meetings.startsAt))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize);
    return c.json(
      { items: rows.map((r) => presentMeeting(actor, row.s, r.m, now)), page: q.page, pageSize: q.pageSize, total: rows[0]?.total ?? 0 },
      200,
    );
  })
  .openapi(extra, async (c) => {
    const { id } = c.req.valid('param');
    const { actor, db, row } = await oneSeries(c, id);
    const meetingId = await requestExtraMeeting({ db, actor, seriesId: id, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    const [m] = await db.select().from(meetings).where(eq(meetings.id, meetingId));
    return c.json(presentMeeting(actor, row.s, m!), 201);
  });

import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import { meetingDetailSchema } from '../../../domain/meetings.js';
import { cancelSchema, meetingSchema, rescheduleSchema } from '../../../domain/series.js';
import { cancelMeeting, keepOriginalDate, rescheduleMeeting } from '../../commands/changeMeeting.js';
import type { AppContext } from '../../context.js';
import { alias } from 'drizzle-orm/pg-core';
import { employees, meetings, series } from '../../db/schema.js';
import { personColumns } from '../../db/json.js';
import { NotFoundError } from '../../errors.js';
import { audit } from '../../audit.js';
import { roleIn, seriesPolicy } from '../../policies/series.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { checkInJson, loadMeetingForPair, preQuestionsJson, presentCheckIn, presentMeeting, presentPreQuestions, presentTopics, topicsJson } from '../series/load.js';

const mgr = alias(employees, 'mgr');
const rep = alias(employees, 'rep');

const tags = ['meetings'];
const idParams = z.object({ id: idSchema });

/**
 * One meeting with its agenda as the caller may see it (a read: carry-over happened when the data
 * changed), in one statement (ADR 0220): the meeting, its series and both people, with the topics
 * (`visibleTopicsWhere` in the sub-select), pre-questions and check-in as JSON. The pair check is
 * `seriesPolicy.readContent` on the row that statement returns, as in `loadMeetingForPair`: when
 * it refuses, nothing of the row is used and the caller gets a 404.
 */
export async function meetingDetail(c: AppContext, id: string) {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const [found] = await db
    .select({
      m: meetings,
      s: series,
      manager: personColumns(mgr),
      report: personColumns(rep),
      topics: topicsJson(db, actor),
      preQuestions: preQuestionsJson(db),
      checkIn: checkInJson(db),
    })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(mgr, eq(mgr.id, series.managerId))
    .innerJoin(rep, eq(rep.id, series.reportId))
    .where(eq(meetings.id, id));
  if (!found || !seriesPolicy.readContent(actor, found.s)) throw new NotFoundError('errors.meetingNotFound');
  const { m, s } = found;
  const row = { m, s };
  const [topicList, questions] = await Promise.all([presentTopics(db, actor, found.topics, s, m), presentPreQuestions(actor, found.preQuestions, s, m)]);
  return {
    actor,
    db,
    row,
    body: {
      meeting: presentMeeting(actor, s, m),
      series: {
        id: s.id,
        purpose: s.purpose,
        manager: found.manager,
        report: found.report,
        myRole: roleIn(actor, s)!,
      },
      topics: topicList,
      preQuestions: questions,
      checkIn: presentCheckIn(found.checkIn),
    },
  };
}

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}',
  tags,
  summary: 'A meeting with its agenda, pre-questions and check-in (the pair only; private drafts for their author only)',
  request: { params: idParams },
  responses: { 200: json(meetingDetailSchema, 'Meeting'), ...errorResponses },
});
const reschedule = createRoute({
  method: 'post',
  path: '/meetings/{id}/reschedule',
  tags,
  summary: 'Move one meeting, with a reason',
  request: { params: idParams, body: jsonBody(rescheduleSchema) },
  responses: { 200: json(meetingSchema, 'Moved'), ...errorResponses },
});
const cancel = createRoute({
  method: 'post',
  path: '/meetings/{id}/cancel',
  tags,
  summary: 'Cancel one meeting, with a reason',
  request: { params: idParams, body: jsonBody(cancelSchema) },
  responses: { 200: json(meetingSchema, 'Cancelled'), ...errorResponses },
});
const keep = createRoute({
  method: 'post',
  path: '/meetings/{id}/keep-original-date',
  tags,
  summary: 'Hold a meeting moved off a national holiday on its original date',
  request: { params: idParams },
  responses: { 200: json(meetingSchema, 'Kept'), ...errorResponses },
});

async function presentOne(c: AppContext, id: string) {
  const actor = requireActor(c);
  const row = await loadMeetingForPair(c.get('services').db, actor, id);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  return presentMeeting(actor, row.s, row.m);
}

/** 1on1 meetings: reading one, and moving, cancelling or keeping it. */
export const meetingsApi = router()
  .openapi(get, async (c) => {
    const { row, body } = await meetingDetail(c, c.req.valid('param').id);
    await audit.readPair(c, 'meeting.read', row.s, row.m.id);
    return c.json(body, 200);
  })
  .openapi(reschedule, async (c) => {
    const { id } = c.req.valid('param');
    await rescheduleMeeting({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    return c.json(await presentOne(c, id), 200);
  })
  .openapi(cancel, async (c) => {
    const { id } = c.req.valid('param');
    await cancelMeeting({ db: c.get('services').db, actor: requireActor(c), id, input: c.req.valid('json') });
    c.get('services').events.emit('scheduleChanged');
    return c.json(await presentOne(c, id), 200);
  })
  .openapi(keep, async (c) => {
    const { id } = c.req.valid('param');
    await keepOriginalDate({ db: c.get('services').db, actor: requireActor(c), id });
    c.get('services').events.emit('scheduleChanged');
    return c.json(await presentOne(c, id), 200);
  });

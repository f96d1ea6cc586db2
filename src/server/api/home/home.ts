import { createRoute } from '@hono/zod-openapi';
import { and, eq, inArray, isNull, ne, sql } from 'drizzle-orm';
import { homeSchema, type HomeTask } from '../../../domain/meetings.js';
import { checkIns, employees, meetings, preQuestions, series, topics } from '../../db/schema.js';
import { managerSignals } from '../../analytics/formality.js';
import { seriesPolicy } from '../../policies/series.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { loadSeriesRows, presentMeeting } from '../series/load.js';

const get = createRoute({
  method: 'get',
  path: '/home',
  tags: ['home'],
  summary: 'My next 1on1 of each series, its preparation status and what I am asked to do',
  responses: { 200: json(homeSchema, 'Home'), ...errorResponses },
});

/** The home page: the next meeting of each of my active series with its preparation, in a fixed number of queries. */
export const homeApi = router().openapi(get, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const now = new Date();
  const rows = await loadSeriesRows(db, and(seriesPolicy.pairWhere(actor), eq(series.status, 'active')));
  const seriesIds = rows.map((r) => r.s.id);
  const next = seriesIds.length
    ? await db
        .selectDistinctOn([meetings.seriesId])
        .from(meetings)
        .where(
          and(
            inArray(meetings.seriesId, seriesIds),
            inArray(meetings.status, ['scheduled', 'inProgress']),
            sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes}) > ${now}`,
          ),
        )
        .orderBy(meetings.seriesId, meetings.startsAt)
    : [];
  const ids = next.map((m) => m.id);
  const topicCounts = ids.length
    ? await db
        .select({ meetingId: topics.meetingId, authorId: topics.authorId, n: sql<number>`count(*)::int` })
        .from(topics)
        .where(and(inArray(topics.meetingId, ids), eq(topics.visibility, 'pair')))
        .groupBy(topics.meetingId, topics.authorId)
    : [];
  const questionCounts = ids.length
    ? await db
        .select({
          meetingId: preQuestions.meetingId,
          total: sql<number>`count(*)::int`,
          answered: sql<number>`count(${preQuestions.answeredAt})::int`,
        })
        .from(preQuestions)
        .where(inArray(preQuestions.meetingId, ids))
        .groupBy(preQuestions.meetingId)
    : [];
  const checked = ids.length ? await db.select({ meetingId: checkIns.meetingId }).from(checkIns).where(inArray(checkIns.meetingId, ids)) : [];
  const upcoming = next
    .map((m) => {
      const r = rows.find((x) => x.s.id === m.seriesId)!;
      const myRole = r.s.managerId === actor.employeeId ? ('manager' as const) : ('report' as const);
      const count = (who: string) => topicCounts.find((t) => t.meetingId === m.id && t.authorId === who)?.n ?? 0;
      const q = questionCounts.find((x) => x.meetingId === m.id);
      const prep = {
        reportTopics: count(r.s.reportId),
        managerTopics: count(r.s.managerId),
        preQuestions: q?.total ?? 0,
        preQuestionsAnswered: q?.answered ?? 0,
        checkedIn: checked.some((x) => x.meetingId === m.id),
      };
      const tasks: HomeTask[] = [];
      if (myRole === 'report') {
        if (prep.reportTopics === 0) tasks.push('addTopics');
        if (prep.preQuestionsAnswered < prep.preQuestions) tasks.push('answerPreQuestions');
        if (!prep.checkedIn) tasks.push('checkIn');
      } else {
        if (prep.preQuestions === 0) tasks.push('askPreQuestions');
        tasks.push('readPrepBrief');
      }
      return { meeting: presentMeeting(actor, r.s, m, now), seriesId: r.s.id, myRole, partner: myRole === 'manager' ? r.report : r.manager, prep, tasks };
    })
    .sort((a, b) => a.meeting.startsAt.localeCompare(b.meeting.startsAt));
  const reportsWithoutSeries = await db
    .select({ id: employees.id, familyName: employees.familyName, givenName: employees.givenName, title: employees.title })
    .from(employees)
    .leftJoin(series, and(eq(series.reportId, employees.id), eq(series.managerId, actor.employeeId), ne(series.status, 'ended')))
    .where(and(eq(employees.managerId, actor.employeeId), eq(employees.active, true), isNull(series.id)))
    .orderBy(employees.familyNameKana);
  // Formality signals only of the series the caller holds as manager: a report never sees them.
  const managed = new Map(rows.filter((r) => r.s.managerId === actor.employeeId).map((r) => [r.s.id, r.report]));
  const signals = await managerSignals(db, actor.employeeId, managed, now);
  return c.json({ upcoming, reportsWithoutSeries, canCreateSeries: actor.directReportIds.length > 0 || actor.isHr || actor.isAdmin, signals }, 200);
});

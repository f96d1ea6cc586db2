import { createRoute } from '@hono/zod-openapi';
import { and, asc, eq, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { homeSchema, type HomeTask } from '../../../domain/meetings.js';
import type { PersonRef } from '../../../domain/employees.js';
import { checkIns, employees, meetings, preQuestions, series, topics } from '../../db/schema.js';
import { personColumns, personJson } from '../../db/json.js';
import { feltHeardMonthsSql, managerSignals, type FeltHeardMonth } from '../../analytics/formality.js';
import { organisationTimeZoneSql } from '../../analytics/timeZone.js';
import { seriesPolicy } from '../../policies/series.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { presentMeeting } from '../series/load.js';

const nm = alias(meetings, 'next_m');
const hmgr = alias(employees, 'mgr');
const hrep = alias(employees, 'rep');

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
  // One statement (ADR 0220): my active series with both people, each with its next meeting (one
  // running now or not yet ended) and that meeting's preparation counts as sub-selects.
  const nextId = db
    .select({ id: nm.id })
    .from(nm)
    .where(and(eq(nm.seriesId, series.id), inArray(nm.status, ['scheduled', 'inProgress']), sql`${nm.startsAt} + make_interval(mins => ${nm.durationMinutes}) > ${now}`))
    .orderBy(asc(nm.startsAt))
    .limit(1);
  const count = (where: SQL) => sql<number>`(select count(*)::int from ${topics} where ${topics.meetingId} = ${meetings.id} and ${topics.visibility} = 'pair' and ${where})`;
  const rows = await db
    .select({
      s: series,
      manager: personColumns(hmgr),
      report: personColumns(hrep),
      m: meetings,
      reportTopics: count(sql`${topics.authorId} = ${series.reportId}`),
      managerTopics: count(sql`${topics.authorId} = ${series.managerId}`),
      preQuestions: sql<number>`(select count(*)::int from ${preQuestions} where ${preQuestions.meetingId} = ${meetings.id})`,
      preQuestionsAnswered: sql<number>`(select count(${preQuestions.answeredAt})::int from ${preQuestions} where ${preQuestions.meetingId} = ${meetings.id})`,
      checkedIn: sql<boolean>`exists (select 1 from ${checkIns} where ${checkIns.meetingId} = ${meetings.id})`,
    })
    .from(series)
    .innerJoin(hmgr, eq(hmgr.id, series.managerId))
    .innerJoin(hrep, eq(hrep.id, series.reportId))
    .leftJoin(meetings, eq(meetings.id, sql`${nextId}`))
    .where(and(seriesPolicy.pairWhere(actor), eq(series.status, 'active')))
    .orderBy(asc(hrep.familyNameKana), asc(hrep.givenNameKana));
  const next = rows.flatMap((r) => (r.m ? [{ ...r, m: r.m }] : []));
  const upcoming = next
    .map((r) => {
      const m = r.m;
      const myRole = r.s.managerId === actor.employeeId ? ('manager' as const) : ('report' as const);
      const prep = {
        reportTopics: r.reportTopics,
        managerTopics: r.managerTopics,
        preQuestions: r.preQuestions,
        preQuestionsAnswered: r.preQuestionsAnswered,
        checkedIn: r.checkedIn,
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
  // One statement for my reports without a series, and for the signals the organisation's time zone
  // and my team's felt-heard months (published only by managerSignals, only for series I manage).
  const without = db
    .select({
      rows: sql`json_agg(${personJson(employees)} order by ${employees.familyNameKana})`,
    })
    .from(employees)
    .leftJoin(series, and(eq(series.reportId, employees.id), eq(series.managerId, actor.employeeId), ne(series.status, 'ended')))
    .where(and(eq(employees.managerId, actor.employeeId), eq(employees.active, true), isNull(series.id)));
  const {
    rows: [extra],
  } = await db.execute<{ without: PersonRef[] | null; time_zone: string; felt_heard: FeltHeardMonth[] }>(
    sql`select ${without} as without, ${organisationTimeZoneSql} as time_zone, ${feltHeardMonthsSql(actor.employeeId, now)} as felt_heard`,
  );
  const reportsWithoutSeries = extra?.without ?? [];
  // Formality signals only of the series the caller holds as manager: a report never sees them.
  const managed = new Map(rows.filter((r) => r.s.managerId === actor.employeeId).map((r) => [r.s.id, r.report]));
  const signals = await managerSignals(db, actor.employeeId, managed, now, { timeZone: extra!.time_zone, feltHeardMonths: extra!.felt_heard });
  return c.json({ upcoming, reportsWithoutSeries, canCreateSeries: actor.directReportIds.length > 0 || actor.isHr || actor.isAdmin, signals }, 200);
});

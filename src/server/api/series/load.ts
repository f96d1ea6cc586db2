import { and, asc, eq, inArray, not, or, sql, type SQL } from 'drizzle-orm';
import { alias, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { CheckIn, PreQuestion, Topic } from '../../../domain/agenda.js';
import type { PersonRef } from '../../../domain/employees.js';
import type { Actor } from '../../../domain/roles.js';
import type { Meeting, Series } from '../../../domain/series.js';
import type { Tx } from '../../db/client.js';
import { checkIns, employees, meetings, preQuestions, series, topics } from '../../db/schema.js';
import { epochMs, personColumns, personJson } from '../../db/json.js';
import { goalRefs } from '../../commands/goals.js';
import { checkQuestion } from '../../guidance/closedQuestions.js';
import { roleIn, seriesPolicy, visibleTopicsWhere } from '../../policies/series.js';

export type SeriesRow = typeof series.$inferSelect;
export type MeetingRow = typeof meetings.$inferSelect;

const mgr = alias(employees, 'mgr');
const rep = alias(employees, 'rep');
const author = alias(employees, 'author');

/**
 * SQL: a meeting still ahead of the pair — one running now, or a scheduled (or cancelled) one that
 * has not ended yet. Every other meeting is behind them. The series' "upcoming" list and its
 * history both split on this one rule, so no meeting is listed in both (a meeting started days
 * early moves to history once finished, not before).
 */
export function meetingAheadWhere(now: Date): SQL {
  const end = sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes})`;
  return or(eq(meetings.status, 'inProgress'), and(inArray(meetings.status, ['scheduled', 'cancelled']), sql`${end} >= ${now.toISOString()}::timestamptz`))!;
}

/** SQL: the complement of `meetingAheadWhere`. */
export function meetingBehindWhere(now: Date): SQL {
  return not(meetingAheadWhere(now));
}

/** Series rows with both people, in one query. */
export async function loadSeriesRows(db: Tx, where: ReturnType<typeof and>) {
  return db
    .select({ s: series, manager: personColumns(mgr), report: personColumns(rep) })
    .from(series)
    .innerJoin(mgr, eq(mgr.id, series.managerId))
    .innerJoin(rep, eq(rep.id, series.reportId))
    .where(where)
    .orderBy(asc(rep.familyNameKana), asc(rep.givenNameKana));
}

/** A series as the caller may see it: the purpose only for the pair. */
export function presentSeries(actor: Actor, row: Awaited<ReturnType<typeof loadSeriesRows>>[number]): Series {
  const { s } = row;
  return {
    id: s.id,
    manager: row.manager,
    report: row.report,
    purpose: seriesPolicy.readContent(actor, s) ? s.purpose : null,
    schedule: {
      cadence: s.cadence,
      weekday: s.weekday,
      dayOfMonth: s.dayOfMonth,
      weekOfMonth: s.weekOfMonth,
      intervalDays: s.intervalDays,
      startDate: s.startDate,
      startTime: s.startTime,
      durationMinutes: s.durationMinutes,
      timeZone: s.timeZone,
    },
    status: s.status,
    myRole: roleIn(actor, s),
    abilities: seriesPolicy.abilities(actor, s),
  };
}

/** A meeting with the caller's abilities; reasons are pair content. */
export function presentMeeting(actor: Actor, s: SeriesRow, m: MeetingRow, now = new Date()): Meeting {
  return {
    id: m.id,
    seriesId: m.seriesId,
    startsAt: m.startsAt.toISOString(),
    startedAt: m.startedAt?.toISOString() ?? null,
    durationMinutes: m.durationMinutes,
    originalDate: m.originalDate,
    status: m.status,
    holiday: m.holidayName ? { name: m.holidayName, nameEn: m.holidayNameEn ?? m.holidayName } : null,
    movedForHoliday: m.movedForHoliday,
    keptOnHoliday: m.keptOnHoliday,
    extra: m.extra,
    rescheduled: m.rescheduledAt !== null,
    reason: seriesPolicy.readContent(actor, s) ? (m.status === 'cancelled' ? m.cancelReason : m.rescheduleReason) : null,
    abilities: seriesPolicy.meetingAbilities(actor, s, m, now),
  };
}


/** The topic columns a presented topic is made of (a row of `topics`, or the same keys from `topicsJson`). */
type TopicFields = Pick<
  typeof topics.$inferSelect,
  'id' | 'meetingId' | 'authorId' | 'title' | 'note' | 'category' | 'wantedResponse' | 'visibility' | 'position' | 'discussed' | 'carriedFromId' | 'goalId' | 'statusReport'
>;
export type TopicRow = { t: TopicFields; author: PersonRef };

/**
 * The topics of some meetings that the caller may see (SPEC §2 applied in the query), in agenda
 * order; `topicId` narrows it to the one topic a write just changed.
 */
export async function loadTopics(db: Tx, actor: Actor, meetingIds: string[], s: SeriesRow, m: MeetingRow, topicId?: string): Promise<Topic[]> {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .select({ t: topics, author: personColumns(author) })
    .from(topics)
    .innerJoin(meetings, eq(meetings.id, topics.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(author, eq(author.id, topics.authorId))
    .where(and(inArray(topics.meetingId, meetingIds), visibleTopicsWhere(actor), topicId === undefined ? undefined : eq(topics.id, topicId)))
    .orderBy(asc(topics.position), asc(topics.createdAt));
  return presentTopics(db, actor, rows, s, m);
}

/**
 * SQL sub-select: the topics of the outer query's meeting (`meetings` unless another column is
 * given; the outer query has the meeting's `series`)
 * that the caller may see — the same `visibleTopicsWhere` as `loadTopics` — as one JSON array in
 * agenda order, with the keys of `TopicRow` (ADR 0220).
 */
export function topicsJson(db: Tx, actor: Actor, meetingId: AnyPgColumn = meetings.id) {
  return sql<TopicRow[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object(
        't', json_build_object('id', ${topics.id}, 'meetingId', ${topics.meetingId}, 'authorId', ${topics.authorId}, 'title', ${topics.title},
          'note', ${topics.note}, 'category', ${topics.category}, 'wantedResponse', ${topics.wantedResponse}, 'visibility', ${topics.visibility},
          'position', ${topics.position}, 'discussed', ${topics.discussed}, 'carriedFromId', ${topics.carriedFromId}, 'goalId', ${topics.goalId},
          'statusReport', ${topics.statusReport}),
        'author', ${personJson(author)})
        order by ${topics.position}, ${topics.createdAt})`,
    })
    .from(topics)
    .innerJoin(author, eq(author.id, topics.authorId))
    .where(and(eq(topics.meetingId, meetingId), visibleTopicsWhere(actor)))}, '[]'::json)`;
}

/** Topic rows as the caller sees them: author's role, linked goal (one statement when any is linked) and abilities. */
export async function presentTopics(db: Tx, actor: Actor, rows: TopicRow[], s: SeriesRow, m: MeetingRow): Promise<Topic[]> {
  const open = seriesPolicy.meetingAbilities(actor, s, m).addTopic;
  const linked = await goalRefs(db, actor, rows.flatMap(({ t }) => (t.goalId ? [t.goalId] : [])));
  return rows.map(({ t, author: a }) => {
    const mine = t.authorId === actor.employeeId;
    return {
      id: t.id,
      meetingId: t.meetingId,
      author: a,
      authorRole: t.authorId === s.managerId ? 'manager' : 'report',
      title: t.title,
      note: t.note,
      category: t.category,
      wantedResponse: t.wantedResponse,
      visibility: t.visibility,
      position: t.position,
      discussed: t.discussed,
      carried: t.carriedFromId !== null,
      goal: (t.goalId && linked.get(t.goalId)) || null,
      statusReport: t.statusReport,
      abilities: { update: mine && open, remove: mine && open, share: mine && open && t.visibility === 'private' },
    };
  });
}

/** The pre-question columns a presented question is made of (`answeredAt` in epoch milliseconds from `preQuestionsJson`). */
type PreQuestionFields = Pick<typeof preQuestions.$inferSelect, 'id' | 'meetingId' | 'text' | 'closed' | 'answer'> & { answeredAt: Date | number | null };

/**
 * The pre-questions of a meeting (pair content), with the yes/no flag and its open alternative;
 * `questionId` narrows it to the one question a write just changed.
 */
export async function loadPreQuestions(db: Tx, actor: Actor, s: SeriesRow, m: MeetingRow, questionId?: string): Promise<PreQuestion[]> {
  if (!seriesPolicy.readContent(actor, s)) return [];
  const rows = await db
    .select()
    .from(preQuestions)
    .where(and(eq(preQuestions.meetingId, m.id), questionId === undefined ? undefined : eq(preQuestions.id, questionId)))
    .orderBy(asc(preQuestions.position));
  return presentPreQuestions(actor, rows, s, m);
}

/** SQL sub-select: the pre-questions of the outer query's meeting as one JSON array in order (pair content: the caller gates it). */
export function preQuestionsJson(db: Tx) {
  return sql<PreQuestionFields[]>`coalesce(${db
    .select({
      rows: sql`json_agg(json_build_object('id', ${preQuestions.id}, 'meetingId', ${preQuestions.meetingId}, 'text', ${preQuestions.text},
        'closed', ${preQuestions.closed}, 'answer', ${preQuestions.answer}, 'answeredAt', ${epochMs(preQuestions.answeredAt)})
        order by ${preQuestions.position})`,
    })
    .from(preQuestions)
    .where(eq(preQuestions.meetingId, meetings.id))}, '[]'::json)`;
}

/** Pre-question rows with the open alternative of a closed question and the caller's abilities. */
export async function presentPreQuestions(actor: Actor, rows: PreQuestionFields[], s: SeriesRow, m: MeetingRow): Promise<PreQuestion[]> {
  const abilities = seriesPolicy.meetingAbilities(actor, s, m);
  return Promise.all(rows.map(async (q) => {
    const openAlternative = q.closed ? (await checkQuestion(q.text)).openAlternative : null;
    return {
      id: q.id,
      meetingId: q.meetingId,
      text: q.text,
      closed: q.closed,
      openAlternative,
      answer: q.answer,
      answeredAt: q.answeredAt === null ? null : new Date(q.answeredAt).toISOString(),
      abilities: { answer: abilities.answerPreQuestion, remove: actor.employeeId === s.managerId && !q.answer },
    };
  }));
}

type CheckInFields = Pick<typeof checkIns.$inferSelect, 'meetingId' | 'score' | 'comment'> & { createdAt: Date | number };

/** The report's check-in for a meeting (pair content), or null. */
export async function loadCheckIn(db: Tx, actor: Actor, s: SeriesRow, meetingId: string): Promise<CheckIn | null> {
  if (!seriesPolicy.readContent(actor, s)) return null;
  const [c] = await db.select().from(checkIns).where(eq(checkIns.meetingId, meetingId));
  return presentCheckIn(c ?? null);
}

/** SQL sub-select: the check-in of the outer query's meeting as a JSON object, or null (pair content: the caller gates it). */
export function checkInJson(db: Tx) {
  return sql<CheckInFields | null>`${db
    .select({ row: sql`json_build_object('meetingId', ${checkIns.meetingId}, 'score', ${checkIns.score}, 'comment', ${checkIns.comment}, 'createdAt', ${epochMs(checkIns.createdAt)})` })
    .from(checkIns)
    .where(eq(checkIns.meetingId, meetings.id))
    .limit(1)}`;
}

export function presentCheckIn(c: CheckInFields | null): CheckIn | null {
  return c ? { meetingId: c.meetingId, score: c.score, comment: c.comment, createdAt: new Date(c.createdAt).toISOString() } : null;
}

/** Loading a meeting for the pair is a policy question; kept here for the handlers that import it. */
export { loadMeetingForPair } from '../../policies/series.js';


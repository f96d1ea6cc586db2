import { createRoute } from '@hono/zod-openapi';
import { and, desc, eq, gte, lt, ne, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { baselineOf, type TopicCategory } from '../../../domain/agenda.js';
import { idSchema } from '../../../domain/common.js';
import type { BankQuestion } from '../../../domain/questionBank.js';
import { prepBriefSchema } from '../../../domain/meetings.js';
import { summariseMinutes } from '../../../domain/minutes.js';
import { openActionItemsJson, presentOpenActionItems, todayIn } from '../../commands/actionItems.js';
import { feedbackJson, presentFeedback } from '../../commands/feedback.js';
import { goalsJson, presentGoals } from '../../commands/goals.js';
import { checkIns, employees, feedbackRecords, goals, meetings, minutes, series } from '../../db/schema.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { ForbiddenError } from '../../errors.js';
import { bankOf, bankRowsJson, visibleOf } from '../../guidance/bank.js';
import { audit } from '../../audit.js';
import { errorResponses, json, router } from '../http.js';
import { meetingDetail } from '../meetings/meetings.js';
import { presentMeeting, presentTopics, topicsJson } from '../series/load.js';
import { epochMs } from '../../db/json.js';

/** The meetings behind the brief's one extra statement: the previous one, the check-in history's, the latest minutes'. */
const pm = alias(meetings, 'prev_m');
const hm = alias(meetings, 'hist_m');
const mm = alias(meetings, 'min_m');

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}/prep-brief',
  tags: ['prep-brief'],
  summary: "The manager's one-page prep brief for a meeting (the series' manager only)",
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(prepBriefSchema, 'Prep brief'), ...errorResponses },
});

/** Feedback given in the pair within this many days is shown in the brief. */
export const briefFeedbackDays = 90;
/** At most this many open action items are listed (overdue first). */
const briefActionItemMax = 50;

/** Bank questions (as hr keeps the bank) that fit the categories of the report's topics, skipping ones already sent. */
function suggest(questionBank: BankQuestion[], categories: TopicCategory[], sent: Set<string>) {
  const wanted = categories.length ? [...new Set(categories)] : (['condition', 'workChallenges', 'career'] as TopicCategory[]);
  const out = [];
  for (const cat of wanted) {
    out.push(...questionBank.filter((q) => q.category === cat && !sent.has(q.ja) && !sent.has(q.en)).slice(0, 2));
  }
  return out.slice(0, 6);
}

/** The manager's prep brief: everything needed to prepare in two minutes, on one page. */
export const prepBriefApi = router().openapi(get, async (c) => {
  const { id } = c.req.valid('param');
  const { actor, db, row, body } = await meetingDetail(c, id);
  if (!body.meeting.abilities.viewPrepBrief) throw new ForbiddenError();
  const { s, m } = row;
  await audit.read(c, 'prepBrief.read', s.reportId, m.id);
  const since = new Date(Date.now() - briefFeedbackDays * 24 * 3600_000);
  // One statement for what the brief adds to the meeting's read (ADR 0220): the previous meeting
  // with the topics the caller may see of it, the check-in history, the latest minutes, the
  // caller's time zone, the question bank, the pair's recent feedback and the report's goals.
  const [extra] = await db
    .select({
      previous: meetings,
      lastTopics: topicsJson(db, actor, meetings.id),
      history: sql<{ score: number; at: number; meetingId: string }[]>`(select coalesce(json_agg(json_build_object('score', h.score, 'at', h.at, 'meetingId', h.id) order by h.at), '[]'::json) from ${db
        .select({ score: checkIns.score, at: sql`${epochMs(hm.startsAt)}`.as('at'), id: hm.id })
        .from(checkIns)
        .innerJoin(hm, eq(hm.id, checkIns.meetingId))
        .where(and(eq(hm.seriesId, s.id), lt(hm.startsAt, m.startsAt)))
        .orderBy(desc(hm.startsAt))
        .limit(11)} h)`,
      latestMinutes: sql<{ body: string; status: 'draft' | 'shared' | 'acknowledged'; meetingId: string; startsAt: number } | null>`${db
        .select({ row: sql`json_build_object('body', ${minutes.body}, 'status', ${minutes.status}, 'meetingId', ${mm.id}, 'startsAt', ${epochMs(mm.startsAt)})` })
        .from(minutes)
        .innerJoin(mm, eq(mm.id, minutes.meetingId))
        .where(and(eq(mm.seriesId, s.id), lt(mm.startsAt, m.startsAt), ne(mm.id, m.id)))
        .orderBy(desc(mm.startsAt))
        .limit(1)}`,
      timeZone: sql<string | null>`${db.select({ tz: employees.timeZone }).from(employees).where(eq(employees.id, actor.employeeId))}`,
      bank: bankRowsJson(db),
      feedback: feedbackJson(db, and(gte(feedbackRecords.createdAt, since), followUpPolicy.pairWhere(actor))!),
      // The report's active goals (goalPolicy.readableWhere inside goalsJson).
      goals: goalsJson(db, actor, and(eq(goals.ownerId, s.reportId), eq(goals.status, 'active'))),
      // The pair's open action items (followUpPolicy.pairWhere), overdue first.
      openItems: openActionItemsJson(db, followUpPolicy.pairWhere(actor), briefActionItemMax),
    })
    .from(series)
    .leftJoin(
      meetings,
      eq(
        meetings.id,
        sql`${db
          .select({ id: pm.id })
          .from(pm)
          .where(and(eq(pm.seriesId, series.id), lt(pm.startsAt, m.startsAt), ne(pm.status, 'cancelled')))
          .orderBy(desc(pm.startsAt))
          .limit(1)}`,
      ),
    )
    .where(eq(series.id, s.id));
  const { previous, history, latestMinutes } = extra!;
  const goalsSince = previous?.startsAt ?? null;
  const feedback = presentFeedback(actor, extra!.feedback.map((r) => ({ ...r, s })));
  // The goals each with the updates and comments posted since the last meeting.
  const reportGoals = presentGoals(actor, extra!.goals, goalsSince ? { entriesSince: goalsSince } : { entryLimit: 5 });
  const lastTopics = previous ? await presentTopics(db, actor, extra!.lastTopics, s, previous) : [];
  const openItems = presentOpenActionItems(actor, s, body.series, extra!.openItems, todayIn(extra!.timeZone));
  const current = body.checkIn;
  const trend = history.map((h) => ({ date: new Date(h.at).toISOString(), score: h.score }));
  if (current) trend.push({ date: m.startsAt.toISOString(), score: current.score });
  const reportTopics = body.topics.filter((t) => t.authorRole === 'report');
  const sent = new Set(body.preQuestions.map((q) => q.text));
  return c.json(
    {
      meeting: body.meeting,
      purpose: s.purpose,
      report: body.series.report,
      reportTopics,
      managerTopics: body.topics.filter((t) => t.authorRole === 'manager'),
      preQuestions: body.preQuestions,
      condition: { current, baseline: baselineOf(history.map((h) => h.score)), trend },
      lastMeeting: previous
        ? {
            meeting: presentMeeting(actor, s, previous),
            topics: lastTopics,
            checkInScore: history.find((h) => h.meetingId === previous.id)?.score ?? null,
          }
        : null,
      suggestedQuestions: suggest(
        visibleOf(bankOf(extra!.bank)),
        reportTopics.map((t) => t.category),
        sent,
      ),
      actionItems: openItems,
      lastMinutes: latestMinutes
        ? {
            meeting: { id: latestMinutes.meetingId, startsAt: new Date(latestMinutes.startsAt).toISOString() },
            status: latestMinutes.status,
            ...summariseMinutes(latestMinutes.body),
          }
        : null,
      recentFeedback: feedback.reverse(),
      feedbackWindowDays: briefFeedbackDays,
      goals: reportGoals,
      goalsSince: goalsSince?.toISOString() ?? null,
    },
    200,
  );
});


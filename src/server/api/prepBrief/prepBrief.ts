import { createRoute } from '@hono/zod-openapi';
import { and, desc, eq, gte, lt, ne } from 'drizzle-orm';
import { z } from 'zod';
import { baselineOf, type TopicCategory } from '../../../domain/agenda.js';
import { idSchema } from '../../../domain/common.js';
import type { BankQuestion } from '../../../domain/questionBank.js';
import { prepBriefSchema } from '../../../domain/meetings.js';
import { summariseMinutes } from '../../../domain/minutes.js';
import { listActionItems, todayFor } from '../../commands/actionItems.js';
import { loadFeedback } from '../../commands/feedback.js';
import { loadGoals } from '../../commands/goals.js';
import { actionItems, checkIns, feedbackRecords, goals, meetings, minutes } from '../../db/schema.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { ForbiddenError } from '../../errors.js';
import { visibleBank } from '../../guidance/bank.js';
import { audit } from '../../audit.js';
import { errorResponses, json, router } from '../http.js';
import { meetingDetail } from '../meetings/meetings.js';
import { loadTopics, presentMeeting } from '../series/load.js';

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
  const history = await db
    .select({ score: checkIns.score, at: meetings.startsAt, meetingId: meetings.id })
    .from(checkIns)
    .innerJoin(meetings, eq(meetings.id, checkIns.meetingId))
    .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, m.startsAt)))
    .orderBy(desc(meetings.startsAt))
    .limit(11);
  history.reverse();
  const [previous] = await db
    .select()
    .from(meetings)
    .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, m.startsAt), ne(meetings.status, 'cancelled')))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  const since = new Date(Date.now() - briefFeedbackDays * 24 * 3600_000);
  // One statement each, whatever the number of rows: open items, the latest minutes, recent feedback.
  const goalsSince = previous?.startsAt ?? null;
  const [lastTopics, open, [latestMinutes], feedback, reportGoals] = await Promise.all([
    previous ? loadTopics(db, actor, [previous.id], s, previous) : Promise.resolve([]),
    todayFor(db, actor).then((today) =>
      listActionItems(
        db,
        actor,
        and(eq(actionItems.seriesId, s.id), eq(actionItems.status, 'open'), followUpPolicy.pairWhere(actor))!,
        { page: 1, pageSize: briefActionItemMax },
        today,
      ),
    ),
    db
      .select({ body: minutes.body, status: minutes.status, meetingId: meetings.id, startsAt: meetings.startsAt })
      .from(minutes)
      .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
      .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, m.startsAt), ne(meetings.id, m.id)))
      .orderBy(desc(meetings.startsAt))
      .limit(1),
    loadFeedback(db, actor, and(eq(feedbackRecords.seriesId, s.id), gte(feedbackRecords.createdAt, since), followUpPolicy.pairWhere(actor))!),
    // The report's active goals, each with the updates and comments posted since the last meeting.
    loadGoals(db, actor, and(eq(goals.ownerId, s.reportId), eq(goals.status, 'active')), goalsSince ? { entriesSince: goalsSince } : { entryLimit: 5 }),
  ]);
  const current = body.checkIn;
  const trend = history.map((h) => ({ date: h.at.toISOString(), score: h.score }));
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
        await visibleBank(db),
        reportTopics.map((t) => t.category),
        sent,
      ),
      actionItems: open.items,
      lastMinutes: latestMinutes
        ? {
            meeting: { id: latestMinutes.meetingId, startsAt: latestMinutes.startsAt.toISOString() },
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


import { createRoute } from '@hono/zod-openapi';
import { and, desc, eq, inArray, lt, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { wantedResponses, type WantedResponse } from '../../../domain/agenda.js';
import { coachingSchema, type Coaching, type Tip } from '../../../domain/coaching.js';
import { idSchema } from '../../../domain/common.js';
import { meetings, topics } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { visibleBank } from '../../guidance/bank.js';
import { presentTip, tipCatalog, topicIdeas } from '../../guidance/tips.js';
import { guidancePolicy } from '../../policies/guidance.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { loadMeetingForPair } from '../series/load.js';

const get = createRoute({
  method: 'get',
  path: '/meetings/{id}/coaching',
  tags: ['guidance'],
  summary: "Coaching tips for the caller's side of this 1on1 (manager or report), with the quiet-report kit when it applies",
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(coachingSchema, 'Coaching'), ...errorResponses },
});

/** Coaching in context: who gets which tip is the guidance policy's call, never the browser's. */
export const coachingApi = router().openapi(get, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const locale = c.get('locale');
  const row = await loadMeetingForPair(db, actor, c.req.valid('param').id);
  if (!row) throw new NotFoundError('errors.meetingNotFound');
  const { m, s } = row;
  const audience = guidancePolicy.tipAudience(actor, s);
  if (!audience) throw new NotFoundError('errors.meetingNotFound');

  const earlier = await db
    .select({ id: meetings.id })
    .from(meetings)
    .where(and(eq(meetings.seriesId, s.id), lt(meetings.startsAt, m.startsAt), ne(meetings.status, 'cancelled')))
    .orderBy(desc(meetings.startsAt))
    .limit(2);
  // The report's topics as the caller may know of them: the manager counts shared ones only, so a
  // private draft never shows through a tip.
  const counted = [m.id, ...earlier.map((e) => e.id)];
  const counts = await db
    .select({ meetingId: topics.meetingId, n: sql<number>`count(*)::int` })
    .from(topics)
    .where(and(inArray(topics.meetingId, counted), eq(topics.authorId, s.reportId), audience === 'manager' ? eq(topics.visibility, 'pair') : undefined))
    .groupBy(topics.meetingId);
  const reportTopics = (id: string) => counts.find((r) => r.meetingId === id)?.n ?? 0;
  const quiet = earlier.length === 2 && earlier.every((e) => reportTopics(e.id) === 0);

  const mine = guidancePolicy.tipsFor(audience, tipCatalog);
  const at = (place: string) => mine.filter((t) => t.place === place).map((t) => presentTip(t, locale));
  const forTopic = Object.fromEntries(wantedResponses.map((w) => [w, at(w)[0]!])) as Record<WantedResponse, Tip>;
  const situational = [...(earlier.length === 0 ? at('firstMeeting') : []), ...(reportTopics(m.id) === 0 && !quiet ? at('noReportTopics') : [])];

  let quietKit: Coaching['quietKit'] = null;
  if (quiet) {
    const tip = at('quietReport')[0]!;
    if (audience === 'manager') {
      const bank = await visibleBank(db);
      const themes = bank.filter((q) => ['career', 'skills', 'workChallenges', 'condition'].includes(q.category) && q.depth === 'light').slice(0, 6);
      const icebreakers = bank.filter((q) => q.category === 'icebreaker' && q.depth === 'light').slice(0, 4);
      quietKit = { tip, themes, icebreakers, topicIdeas: [] };
    } else {
      quietKit = { tip, themes: [], icebreakers: [], topicIdeas: topicIdeas[locale] };
    }
  }
  return c.json({ audience, general: at('general'), forTopic, situational, quietKit }, 200);
});

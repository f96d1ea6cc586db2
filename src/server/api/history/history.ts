import { createRoute } from '@hono/zod-openapi';
import { and, asc, desc, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, pageQuerySchema } from '../../../domain/common.js';
import { historySchema, type History } from '../../../domain/followUp.js';
import { actionItems, meetings, minutes, series, topics } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { visibleTopicsWhere } from '../../policies/series.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';
import { meetingBehindWhere } from '../series/load.js';

const idParams = z.object({ id: idSchema });
const EXCERPT = 160;

const history = createRoute({
  method: 'get',
  path: '/series/{id}/history',
  tags: ['history'],
  summary: 'The pair’s timeline: meetings held so far, newest first, with status, discussed topics, a minutes excerpt and action item counts',
  request: { params: idParams, query: pageQuerySchema },
  responses: { 200: json(historySchema, 'History'), ...errorResponses },
});

/** A plain-text excerpt of Markdown minutes: without headings and list marks. */
function excerpt(body: string): string {
  const text = body
    .split('\n')
    .filter((l) => !l.startsWith('#'))
    .map((l) => l.replace(/^\s*[-*]\s+(\[[ x]\]\s+)?/, '').replace(/\*\*/g, ''))
    .filter((l) => l.trim())
    .join(' / ');
  return text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
}

/** The pair's history (the pair only), in a fixed number of queries whatever the page size. */
export const historyApi = router().openapi(history, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const { id } = c.req.valid('param');
  const { page, pageSize } = c.req.valid('query');
  const [s] = await db
    .select()
    .from(series)
    .where(and(eq(series.id, id), followUpPolicy.pairWhere(actor)));
  if (!s || !followUpPolicy.readPair(actor, s)) throw new NotFoundError('errors.seriesNotFound');
  await audit.readPair(c, 'history.read', s, s.id);
  // Meetings that have happened or been dealt with: not the ones still ahead (the same rule as the upcoming list).
  const held = and(eq(meetings.seriesId, s.id), meetingBehindWhere(new Date()));
  // One statement for the page (ADR 0225): the page's meetings first, then per meeting its
  // discussed shared topics as the policy lets the caller see them (a private draft is never part
  // of the pair's history), its minutes and its action item counts (action_items_meeting_idx).
  const pageOf = db
    .select({ id: meetings.id, total: sql<number>`count(*) over ()`.as('total') })
    .from(meetings)
    .where(held)
    .orderBy(desc(meetings.startsAt), asc(meetings.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize)
    .as('page');
  const countOf = (status: 'open' | 'done') =>
    sql<number>`(select count(*)::int from ${actionItems} where ${actionItems.meetingId} = ${meetings.id} and ${actionItems.status} = ${status})`;
  const rows = await db
    .select({
      m: meetings,
      total: sql<number>`${pageOf.total}`.mapWith(Number),
      discussedTopics: sql<string[]>`(select coalesce(json_agg(${topics.title} order by ${topics.position}, ${topics.createdAt}), '[]'::json) from ${topics}
        where ${topics.meetingId} = ${meetings.id} and ${topics.visibility} = 'pair' and ${topics.discussed} and ${visibleTopicsWhere(actor)})`,
      minutesBody: sql<string | null>`(select ${minutes.body} from ${minutes} where ${minutes.meetingId} = ${meetings.id})`,
      open: countOf('open'),
      done: countOf('done'),
    })
    .from(pageOf)
    .innerJoin(meetings, eq(meetings.id, pageOf.id))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .orderBy(desc(meetings.startsAt), asc(meetings.id));
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page > 1)
    total =
      (
        await db
          .select({ n: sql<number>`count(*)::int` })
          .from(meetings)
          .where(held)
      )[0]?.n ?? 0;
  const items: History['items'] = rows.map(({ m, discussedTopics, minutesBody, open, done }) => ({
    meeting: {
      id: m.id,
      startsAt: m.startsAt.toISOString(),
      status: m.status,
      extra: m.extra,
      cancelReason: m.status === 'cancelled' ? m.cancelReason : null,
      rescheduleReason: m.rescheduledAt ? m.rescheduleReason : null,
    },
    discussedTopics,
    minutesExcerpt: minutesBody === null ? null : excerpt(minutesBody),
    actionItems: { open, done },
  }));
  return c.json({ items, page, pageSize, total }, 200);
});

import { createRoute } from '@hono/zod-openapi';
import { sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn } from 'drizzle-orm/pg-core';
import { likePattern, searchQuerySchema, searchResultListSchema, snippetAround, type SearchResultList } from '../../../domain/followUp.js';
import type { Actor } from '../../../domain/roles.js';
import type { Tx } from '../../db/client.js';
import { actionItems, feedbackRecords, feedbackSearchText, meetings, minutes, series, sharedNotes, topicSearchText, topics } from '../../db/schema.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { topicVisibleInPairWhere } from '../../policies/series.js';
import { errorResponses, json, requireActor, router } from '../http.js';

const MATCHES_PER_RESULT = 5;

const search = createRoute({
  method: 'get',
  path: '/search',
  tags: ['search'],
  summary:
    'Search what the caller may see of their own 1on1s (topics, shared notes, minutes, action items, feedback), grouped per meeting with a snippet; substring match (Japanese has no word boundaries)',
  request: { query: searchQuerySchema },
  responses: { 200: json(searchResultListSchema, 'Results'), ...errorResponses },
});

interface Row {
  meeting_id: string | null;
  series_id: string;
  starts_at: Date | string | null;
  status: string | null;
  hits: { kind: string; text: string }[] | null;
  partner_id: string;
  family_name: string;
  given_name: string;
  title: string | null;
}

/**
 * One query (ADR 0226): the page's groups of matches in series where the caller is one of the pair
 * (SPEC §2 inside the SQL, the policies' own conditions: `followUpPolicy.pairWhere` on the series,
 * `topicVisibleInPairWhere` on their topics), one group per meeting (or per series for records
 * made between meetings), newest meeting first.
 *
 * Each of the pair's series is walked from its newest meeting down, and a meeting is taken when
 * anything in it matches; the walk stops at the page's end, plus one meeting to tell whether
 * another page follows. So a word found in every meeting costs a page of meetings, not the
 * person's whole history: there is no total. Each `exists` is answered per meeting from its
 * foreign-key index or, for a rarer text, once from the pg_trgm index of what it searches,
 * whichever PostgreSQL finds cheaper. The at most five matches shown per group are read only for
 * the page's groups, and only then joined to the partner.
 */
export async function searchContent(db: Tx, actor: Actor, q: string, page: number, pageSize: number): Promise<SearchResultList> {
  const p = likePattern(q);
  const pair = followUpPolicy.pairWhere(actor);
  const me = actor.employeeId;
  const walk = page * pageSize + 1;
  // `contains` is `ilike '%q%'` (PostgreSQL lowercases both sides of an ILIKE on multibyte text)
  // without the planner weighing the pattern against each column's statistics: only the condition
  // an index can answer is an ILIKE, so planning stays cheap.
  const contains = (column: SQL | AnyPgColumn) => sql`strpos(lower(${column}), lower(${q})) > 0`;
  // A match may not span two fields: the index finds candidates, each field is checked.
  const topicContains = sql`(${contains(topics.title)} or ${contains(topics.note)})`;
  const topicMatches = sql`${topicSearchText(topics)} ilike ${p} and ${topicContains}`;
  const feedbackFields = sql`(${contains(feedbackRecords.situation)} or ${contains(feedbackRecords.behaviour)} or ${contains(feedbackRecords.impact)})`;
  const feedbackMatches = sql`${feedbackSearchText(feedbackRecords)} ilike ${p} and ${feedbackFields}`;
  const { rows } = await db.execute<Row & Record<string, unknown>>(sql`
    with groups as (
      select g.meeting_id, g.series_id, g.starts_at, g.status from (
        select m.meeting_id, ${series.id} as series_id, m.starts_at, m.status
          from ${series} cross join lateral (
            select ${meetings.id} as meeting_id, ${meetings.startsAt} as starts_at, ${meetings.status} as status
              from ${meetings}
             where ${meetings.seriesId} = ${series.id}
               and (exists (select from ${topics} where ${topics.meetingId} = ${meetings.id} and ${topicVisibleInPairWhere(actor)} and ${topicMatches})
                 or exists (select from ${sharedNotes} where ${sharedNotes.meetingId} = ${meetings.id} and ${sharedNotes.text} ilike ${p})
                 or exists (select from ${minutes} where ${minutes.meetingId} = ${meetings.id} and ${minutes.body} ilike ${p})
                 or exists (select from ${actionItems} where ${actionItems.meetingId} = ${meetings.id} and ${actionItems.title} ilike ${p})
                 or exists (select from ${feedbackRecords} where ${feedbackRecords.meetingId} = ${meetings.id} and ${feedbackMatches}))
             order by ${meetings.startsAt} desc, ${meetings.id}
             limit ${walk}) m
         where ${pair}
        union all
        select null, ${series.id}, null, null
          from ${series}
         where ${pair}
           and (exists (select from ${actionItems} where ${actionItems.seriesId} = ${series.id} and ${actionItems.meetingId} is null and ${actionItems.title} ilike ${p})
             or exists (select from ${feedbackRecords} where ${feedbackRecords.seriesId} = ${series.id} and ${feedbackRecords.meetingId} is null and ${feedbackMatches}))
      ) g
      order by g.starts_at desc nulls last, g.series_id, g.meeting_id
      offset ${(page - 1) * pageSize} limit ${pageSize + 1}
    )
    select g.meeting_id, g.series_id, g.starts_at, g.status, e.id as partner_id, e.family_name, e.given_name, e.title,
           (select json_agg(json_build_object('kind', h.kind, 'text', h.text) order by h.o, h.n) from (
              select 1 as o, ${topics.position} as n, 'topic' as kind, ${topicSearchText(topics)} as text
                from ${topics}
               where ${topics.meetingId} = g.meeting_id and ${topicVisibleInPairWhere(actor)} and ${topicContains}
              union all
              select 2, 0, 'sharedNote', ${sharedNotes.text} from ${sharedNotes} where ${sharedNotes.meetingId} = g.meeting_id and ${contains(sharedNotes.text)}
              union all
              select 3, 0, 'minutes', ${minutes.body} from ${minutes} where ${minutes.meetingId} = g.meeting_id and ${contains(minutes.body)}
              union all
              select 4, 0, 'actionItem', ${actionItems.title} from ${actionItems} where ${actionItems.meetingId} = g.meeting_id and ${contains(actionItems.title)}
              union all
              select 4, 0, 'actionItem', ${actionItems.title}
                from ${actionItems}
               where g.meeting_id is null and ${actionItems.seriesId} = g.series_id and ${actionItems.meetingId} is null and ${contains(actionItems.title)}
              union all
              select 5, 0, 'feedback', ${feedbackSearchText(feedbackRecords)} from ${feedbackRecords} where ${feedbackRecords.meetingId} = g.meeting_id and ${feedbackFields}
              union all
              select 5, 0, 'feedback', ${feedbackSearchText(feedbackRecords)}
                from ${feedbackRecords}
               where g.meeting_id is null and ${feedbackRecords.seriesId} = g.series_id and ${feedbackRecords.meetingId} is null and ${feedbackFields}
              order by 1, 2
              limit ${MATCHES_PER_RESULT}) h) as hits
      from groups g
      join series s on s.id = g.series_id
      join employees e on e.id = case when s.manager_id = ${me} then s.report_id else s.manager_id end
     order by g.starts_at desc nulls last, g.series_id, g.meeting_id`);
  const items = rows.slice(0, pageSize).map((r) => ({
    seriesId: r.series_id,
    partner: { id: r.partner_id, familyName: r.family_name, givenName: r.given_name, title: r.title },
    meeting:
      r.meeting_id && r.starts_at
        ? {
            id: r.meeting_id,
            startsAt: new Date(r.starts_at).toISOString(),
            status: r.status as NonNullable<SearchResultList['items'][number]['meeting']>['status'],
          }
        : null,
    matches: (r.hits ?? []).map((h) => ({
      kind: h.kind as SearchResultList['items'][number]['matches'][number]['kind'],
      snippet: snippetAround(h.text, q),
    })),
  }));
  return { items, page, pageSize, hasMore: rows.length > pageSize };
}

/** Search over the caller's own 1on1s. */
export const searchApi = router().openapi(search, async (c) => {
  const { q, page, pageSize } = c.req.valid('query');
  return c.json(await searchContent(c.get('services').db, requireActor(c), q, page, pageSize), 200);
});

import { createRoute } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { likePattern, searchQuerySchema, searchResultListSchema, snippetAround, type SearchResultList } from '../../../domain/followUp.js';
import type { Actor } from '../../../domain/roles.js';
import type { Tx } from '../../db/client.js';
import { actionItems, feedbackRecords, feedbackSearchText, meetings, minutes, series, sharedNotes, topicSearchText, topics } from '../../db/schema.js';
import { followUpPolicy } from '../../policies/followUp.js';
import { visibleTopicsWhere } from '../../policies/series.js';
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
  hits: { kind: string; text: string }[];
  partner_id: string;
  family_name: string;
  given_name: string;
  title: string | null;
  total: number | string;
}

/**
 * One query (ADR 0222): every match in series where the caller is one of the pair (SPEC §2 inside
 * the SQL, the policies' own conditions; topics as `visibleTopicsWhere`), grouped per meeting (or per
 * series for records made between meetings), newest meeting first. Each branch is read either from
 * the pair's series down (their indexes) or, for a rarer text, from the pg_trgm index of what it
 * searches (3+ characters), whichever PostgreSQL finds cheaper; the visibility condition is part of
 * every branch, so nothing another person may see reaches the grouping. Only the page's groups are
 * joined to the partner.
 */
export async function searchContent(db: Tx, actor: Actor, q: string, page: number, pageSize: number): Promise<SearchResultList> {
  const p = likePattern(q);
  const pair = followUpPolicy.pairWhere(actor);
  const me = actor.employeeId;
  const { rows } = await db.execute<Row & Record<string, unknown>>(sql`
    with hits as materialized (
      select ${meetings.id} as meeting_id, ${series.id} as series_id, ${meetings.startsAt} as starts_at, ${meetings.status} as status,
             'topic' as kind, ${topics.title} || coalesce(E'\n' || ${topics.note}, '') as text
        from ${topics} join ${meetings} on ${meetings.id} = ${topics.meetingId} join ${series} on ${series.id} = ${meetings.seriesId}
       where ${visibleTopicsWhere(actor)} and ${topicSearchText(topics)} ilike ${p} and (${topics.title} ilike ${p} or ${topics.note} ilike ${p})
      union all
      select ${meetings.id}, ${series.id}, ${meetings.startsAt}, ${meetings.status}, 'sharedNote', ${sharedNotes.text}
        from ${sharedNotes} join ${meetings} on ${meetings.id} = ${sharedNotes.meetingId} join ${series} on ${series.id} = ${meetings.seriesId}
       where ${pair} and ${sharedNotes.text} ilike ${p}
      union all
      select ${meetings.id}, ${series.id}, ${meetings.startsAt}, ${meetings.status}, 'minutes', ${minutes.body}
        from ${minutes} join ${meetings} on ${meetings.id} = ${minutes.meetingId} join ${series} on ${series.id} = ${meetings.seriesId}
       where ${pair} and ${minutes.body} ilike ${p}
      union all
      select ${actionItems.meetingId}, ${series.id}, ${meetings.startsAt}, ${meetings.status}, 'actionItem', ${actionItems.title}
        from ${actionItems} join ${series} on ${series.id} = ${actionItems.seriesId} left join ${meetings} on ${meetings.id} = ${actionItems.meetingId}
       where ${pair} and ${actionItems.title} ilike ${p}
      union all
      select ${feedbackRecords.meetingId}, ${series.id}, ${meetings.startsAt}, ${meetings.status}, 'feedback',
             ${feedbackRecords.situation} || E'\n' || ${feedbackRecords.behaviour} || E'\n' || ${feedbackRecords.impact}
        from ${feedbackRecords} join ${series} on ${series.id} = ${feedbackRecords.seriesId} left join ${meetings} on ${meetings.id} = ${feedbackRecords.meetingId}
       where ${pair} and ${feedbackSearchText(feedbackRecords)} ilike ${p}
         and (${feedbackRecords.situation} ilike ${p} or ${feedbackRecords.behaviour} ilike ${p} or ${feedbackRecords.impact} ilike ${p})
    ), grouped as (
      select h.meeting_id, h.series_id, h.starts_at, h.status, count(*) over () as total
        from hits h group by h.meeting_id, h.series_id, h.starts_at, h.status
       order by h.starts_at desc nulls last, h.series_id, h.meeting_id
       limit ${pageSize} offset ${(page - 1) * pageSize}
    )
    select g.meeting_id, g.series_id, g.starts_at, g.status, e.id as partner_id, e.family_name, e.given_name, e.title, g.total,
           (select json_agg(json_build_object('kind', h.kind, 'text', h.text)) from (
              select h.kind, h.text from hits h
               where h.series_id = g.series_id and h.meeting_id is not distinct from g.meeting_id
               limit ${MATCHES_PER_RESULT}) h) as hits
      from grouped g
      join series s on s.id = g.series_id
      join employees e on e.id = case when s.manager_id = ${me} then s.report_id else s.manager_id end
     order by g.starts_at desc nulls last, g.series_id, g.meeting_id`);
  const items = rows.map((r) => ({
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
    matches: r.hits
      .slice(0, MATCHES_PER_RESULT)
      .map((h) => ({ kind: h.kind as SearchResultList['items'][number]['matches'][number]['kind'], snippet: snippetAround(h.text, q) })),
  }));
  return { items, page, pageSize, total: Number(rows[0]?.total ?? 0) };
}

/** Search over the caller's own 1on1s. */
export const searchApi = router().openapi(search, async (c) => {
  const { q, page, pageSize } = c.req.valid('query');
  return c.json(await searchContent(c.get('services').db, requireActor(c), q, page, pageSize), 200);
});

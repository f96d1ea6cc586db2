import { createRoute } from '@hono/zod-openapi';
import { asc, inArray, sql, and, eq, type SQL } from 'drizzle-orm';
import { baselineOf } from '../../../domain/agenda.js';
import { earlyWarning, sustainedDrop } from '../../../domain/analytics.js';
import { formalityNudges, formalityWindow } from '../../../domain/formality.js';
import { teamConditionPoints, teamSchema, type TeamMember } from '../../../domain/team.js';
import { seriesFigures } from '../../analytics/formality.js';
import type { Db } from '../../db/client.js';
import { employees } from '../../db/schema.js';
import { ForbiddenError } from '../../errors.js';
import { teamPolicy } from '../../policies/team.js';
import { errorResponses, json, requireActor, router } from '../http.js';
import { loadSeriesRows } from '../series/load.js';

const get = createRoute({
  method: 'get',
  path: '/team',
  tags: ['team'],
  summary: 'My team: each report’s next 1on1 preparation, cadence, condition trend and warnings',
  description:
    'For a primary manager or the manager of a series: per direct report and per report of each active or paused series the caller holds, the next meeting’s preparation (counts), the cadence (last held, missed), the report’s check-in scores in that series with their baseline, early warnings (sustained drop, repeated cancellations) and the series’ formality signals. No topic, note or answer text. A report, and hr or admin without reports, are refused.',
  responses: { 200: json(teamSchema, 'Team'), ...errorResponses },
});

const heldStatuses = sql.raw(`('inProgress','minutesDraft','shared','acknowledged')`);
const idList = (ids: readonly string[]): SQL => sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `);

type CadenceRow = {
  series_id: string;
  next_id: string | null;
  next_starts_at: string | Date | null;
  report_topics: number;
  manager_topics: number;
  pre_questions: number;
  answered: number;
  checked_in: boolean;
  last_held_at: string | Date | null;
  missed: number;
  repeated: boolean;
};

/**
 * Per series, in one statement: the next meeting (running or not yet over) with its preparation
 * counts, the last held meeting, cadence meetings missed in the formality window, and whether the
 * last `earlyWarning.repeatedCancellations` cadence meetings that passed were all cancelled (the
 * definition the organisation analytics count).
 */
async function cadenceRows(db: Db, ids: readonly string[], now: Date): Promise<Map<string, CadenceRow>> {
  const at = now.toISOString();
  const since = new Date(now.getTime() - formalityWindow.days * 86_400_000).toISOString();
  const n = earlyWarning.repeatedCancellations;
  if (ids.length === 0) return new Map();
  const rows = await db.execute<CadenceRow>(sql`
    select s.id as series_id, nx.id as next_id, nx.starts_at as next_starts_at,
      (select count(*)::int from topics t where t.meeting_id = nx.id and t.visibility = 'pair' and t.author_id = s.report_id) as report_topics,
      (select count(*)::int from topics t where t.meeting_id = nx.id and t.visibility = 'pair' and t.author_id = s.manager_id) as manager_topics,
      (select count(*)::int from pre_questions q where q.meeting_id = nx.id) as pre_questions,
      (select count(q.answered_at)::int from pre_questions q where q.meeting_id = nx.id) as answered,
      exists (select 1 from check_ins c where c.meeting_id = nx.id and c.report_id = s.report_id) as checked_in,
      (select max(m.starts_at) from meetings m where m.series_id = s.id and m.status in ${heldStatuses} and m.starts_at <= ${at}) as last_held_at,
      (select count(*)::int from meetings m where m.series_id = s.id and not m.extra and m.status = 'scheduled'
         and m.starts_at >= ${since} and m.starts_at + make_interval(mins => m.duration_minutes) <= ${at}) as missed,
      coalesce((select count(*) = ${n} and bool_and(r.status = 'cancelled') from (
         select m.status from meetings m where m.series_id = s.id and not m.extra and m.status <> 'scheduled' and m.starts_at < ${at}
         order by m.starts_at desc limit ${n}) r), false) as repeated
    from series s
    left join lateral (
      select m.id, m.starts_at from meetings m
      where m.series_id = s.id and m.status in ('scheduled', 'inProgress') and m.starts_at + make_interval(mins => m.duration_minutes) > ${at}
      order by m.starts_at limit 1
    ) nx on true
    where s.id in (${idList(ids)})`);
  return new Map(rows.rows.map((r) => [r.series_id, r]));
}

/** The report's newest check-ins in each series (their own, in this pair only), oldest first, in one statement. */
async function conditionRows(db: Db, ids: readonly string[]) {
  const out = new Map<string, { date: string; score: number }[]>();
  if (ids.length === 0) return out;
  const rows = await db.execute<{ series_id: string; starts_at: string | Date; score: number }>(sql`
    select series_id, starts_at, score from (
      select m.series_id, m.starts_at, c.score, row_number() over (partition by m.series_id order by m.starts_at desc) as rn
      from check_ins c
      join meetings m on m.id = c.meeting_id
      join series s on s.id = m.series_id
      where m.series_id in (${idList(ids)}) and c.report_id = s.report_id
    ) x where rn <= ${teamConditionPoints}
    order by series_id, starts_at`);
  for (const r of rows.rows) out.set(r.series_id, [...(out.get(r.series_id) ?? []), { date: new Date(r.starts_at).toISOString(), score: r.score }]);
  return out;
}

const iso = (d: string | Date | null) => (d === null ? null : new Date(d).toISOString());

/** The manager's team view, in five statements whatever the size of the team (no query per report). */
export const teamApi = router().openapi(get, async (c) => {
  const actor = requireActor(c);
  const { db } = c.get('services');
  const now = new Date();
  const rows = (await loadSeriesRows(db, teamPolicy.seriesWhere(actor))).filter((r) => teamPolicy.readSeries(actor, r.s));
  if (!teamPolicy.read(actor, rows.length)) throw new ForbiddenError();
  const ids = rows.map((r) => r.s.id);
  const withSeries = new Set(rows.map((r) => r.s.reportId));
  const alone = actor.directReportIds.filter((id) => !withSeries.has(id));
  const [figures, cadence, condition, others] = await Promise.all([
    ids.length ? seriesFigures(db, now, sql`s.id in (${idList(ids)})`) : Promise.resolve([]),
    cadenceRows(db, ids, now),
    conditionRows(db, ids),
    alone.length
      ? db
          .select({ id: employees.id, familyName: employees.familyName, givenName: employees.givenName, title: employees.title })
          .from(employees)
          .where(and(inArray(employees.id, alone), eq(employees.active, true)))
          .orderBy(asc(employees.familyNameKana), asc(employees.givenNameKana))
      : Promise.resolve([]),
  ]);
  const direct = new Set(actor.directReportIds);
  const members: TeamMember[] = rows.map((r) => {
    const f = figures.find((x) => x.seriesId === r.s.id)!.figures;
    const cd = cadence.get(r.s.id)!;
    const points = condition.get(r.s.id) ?? [];
    const scores = points.map((p) => p.score);
    return {
      person: r.report,
      direct: direct.has(r.s.reportId),
      series: {
        id: r.s.id,
        status: r.s.status as 'active' | 'paused',
        next: cd.next_id
          ? {
              meetingId: cd.next_id,
              startsAt: iso(cd.next_starts_at)!,
              prep: {
                reportTopics: cd.report_topics,
                managerTopics: cd.manager_topics,
                preQuestions: cd.pre_questions,
                preQuestionsAnswered: cd.answered,
                checkedIn: cd.checked_in,
              },
            }
          : null,
        lastHeldAt: iso(cd.last_held_at),
        missed: cd.missed,
        condition: { points, baseline: baselineOf(scores.slice(0, -1)) },
        warnings: { sustainedDrop: sustainedDrop(scores), repeatedCancellations: cd.repeated },
        figures: f,
        nudges: formalityNudges(f),
      },
    };
  });
  for (const p of others) members.push({ person: p, direct: true, series: null });
  return c.json({ window: { days: formalityWindow.days, meetings: formalityWindow.meetings }, members }, 200);
});

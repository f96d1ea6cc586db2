import { eq, sql, type SQL } from 'drizzle-orm';
import { addMonths, latestClosedMonth, type Month } from '../../domain/aggregates.js';
import { feltHeardNudge, formalityNudges, formalitySignalKinds, sumFigures, type FormalitySignalKind, type PracticeTable, type practiceQuerySchema, formalityThresholds, formalityWindow, statusWordingPattern, type FeltHeardTrend, type FormalityFigures, type ManagerSignals } from '../../domain/formality.js';
import type { PersonRef } from '../../domain/employees.js';
import type { z } from 'zod';
import type { Db } from '../db/client.js';
import { analyticsPracticeSnapshot, analyticsSnapshots, departments, employees } from '../db/schema.js';
import { NotFoundError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { organisationTimeZone, organisationTimeZoneSql } from './timeZone.js';
import { limits } from '../../domain/limits.js';

/** Statuses of a meeting that took place (started, or its minutes under way or done). */
const heldStatuses = sql.raw(`('inProgress','minutesDraft','shared','acknowledged')`);

export interface SeriesFigures {
  seriesId: string;
  managerId: string;
  reportId: string;
  figures: FormalityFigures;
}

/**
 * The formality figures of every series matching `where` (a condition on the series `s`),
 * in one statement: the window's meetings per series (last 90 days, at most the 8 most recent,
 * src/domain/formality.ts), their shared topics, the action items created in that window, and
 * when the purpose was last written. Counts only: no title, note or rating leaves this function.
 */
export async function seriesFigures(db: Db, now: Date, where: SQL): Promise<SeriesFigures[]> {
  const since = new Date(now.getTime() - formalityWindow.days * 86_400_000);
  const stale = new Date(now.getTime() - formalityThresholds.purposeStaleDays * 86_400_000);
  const rows = await db.execute<{
    series_id: string;
    manager_id: string;
    report_id: string;
    planned: number;
    held: number;
    cancelled: number;
    rescheduled: number;
    prepared: number;
    topics: number;
    report_topics: number;
    status_topics: number;
    meetings_with_topics: number;
    status_meetings: number;
    action_items: number;
    action_items_done: number;
    purpose_stale: boolean;
    purpose_age_days: number;
  }>(sql`
    with s as (
      select s.id, s.manager_id, s.report_id, s.created_at, coalesce(s.purpose_confirmed_at, s.created_at) as purpose_at
      from series s where ${where}
    ), ranked as (
      select m.id, m.series_id, m.starts_at, m.started_at, m.status, m.extra, m.rescheduled_at,
             row_number() over (partition by m.series_id order by m.starts_at desc) as rn
      from meetings m join s on s.id = m.series_id
      where m.starts_at < ${now.toISOString()} and m.starts_at >= ${since.toISOString()}
    ), win as (select * from ranked where rn <= ${formalityWindow.meetings}),
    t as (
      select tp.meeting_id,
             count(*)::int as topics,
             (count(*) filter (where tp.author_id = s.report_id))::int as report_topics,
             -- The author's own answer wins over the wording (they were asked when they wrote it).
             (count(*) filter (where coalesce(tp.status_report, tp.title ~* ${statusWordingPattern()})))::int as status_topics,
             bool_or(coalesce(tp.shared_at, tp.created_at) < coalesce(win.started_at, win.starts_at)) as prepared
      from topics tp
      join win on win.id = tp.meeting_id
      join s on s.id = win.series_id
      where tp.visibility = 'pair' and win.status in ${heldStatuses}
      group by tp.meeting_id
    ), mm as (
      select win.series_id,
             (count(*) filter (where not win.extra))::int as planned,
             (count(*) filter (where win.status in ${heldStatuses}))::int as held,
             (count(*) filter (where win.status = 'cancelled'))::int as cancelled,
             (count(*) filter (where win.rescheduled_at is not null and win.status <> 'cancelled'))::int as rescheduled,
             (count(*) filter (where t.prepared))::int as prepared,
             coalesce(sum(t.topics), 0)::int as topics,
             coalesce(sum(t.report_topics), 0)::int as report_topics,
             coalesce(sum(t.status_topics), 0)::int as status_topics,
             count(t.meeting_id)::int as meetings_with_topics,
             (count(*) filter (where t.topics > 0 and t.status_topics * 2 >= t.topics))::int as status_meetings,
             min(win.starts_at) as window_start
      from win left join t on t.meeting_id = win.id
      group by win.series_id
    ), ai as (
      select a.series_id, count(*)::int as total, (count(*) filter (where a.status = 'done'))::int as done
      from action_items a
      join s on s.id = a.series_id
      left join mm on mm.series_id = a.series_id
      -- Every window starts at or after the 90-day bound, so repeating it changes nothing but lets the created_at index serve.
      where a.created_at >= coalesce(mm.window_start, ${since.toISOString()}::timestamptz) and a.created_at >= ${since.toISOString()}::timestamptz
        and a.created_at < ${now.toISOString()}
        and (a.due_date is null or a.due_date < (${now.toISOString()}::timestamptz)::date)
      group by a.series_id
    )
    select s.id as series_id, s.manager_id, s.report_id,
           coalesce(mm.planned, 0) as planned, coalesce(mm.held, 0) as held, coalesce(mm.cancelled, 0) as cancelled,
           coalesce(mm.rescheduled, 0) as rescheduled, coalesce(mm.prepared, 0) as prepared, coalesce(mm.topics, 0) as topics,
           coalesce(mm.report_topics, 0) as report_topics, coalesce(mm.status_topics, 0) as status_topics,
           coalesce(mm.meetings_with_topics, 0) as meetings_with_topics, coalesce(mm.status_meetings, 0) as status_meetings,
           coalesce(ai.total, 0) as action_items, coalesce(ai.done, 0) as action_items_done,
           (s.created_at < ${stale.toISOString()} and s.purpose_at < ${stale.toISOString()}) as purpose_stale,
           floor(extract(epoch from (${now.toISOString()}::timestamptz - s.purpose_at)) / 86400)::int as purpose_age_days
    from s left join mm on mm.series_id = s.id left join ai on ai.series_id = s.id`);
  return rows.rows.map((r) => ({
    seriesId: r.series_id,
    managerId: r.manager_id,
    reportId: r.report_id,
    figures: {
      planned: r.planned,
      held: r.held,
      cancelled: r.cancelled,
      rescheduled: r.rescheduled,
      prepared: r.prepared,
      topics: r.topics,
      reportTopics: r.report_topics,
      statusTopics: r.status_topics,
      meetingsWithTopics: r.meetings_with_topics,
      statusMeetings: r.status_meetings,
      actionItems: r.action_items,
      actionItemsDone: r.action_items_done,
      purposeStale: r.purpose_stale ? 1 : 0,
      series: 1,
      purposeAgeDays: r.purpose_age_days,
    },
  }));
}

/** The report ratings of a manager's series in one month of the organisation's calendar. */
export interface FeltHeardMonth {
  month: string;
  raters: number;
  average: string | number | null;
}

/**
 * Days back from now that cover the month before the newest closed one: during the grace days of
 * last month that month started three calendar months ago, so three months of at most 31 days, the
 * grace days and two days for any time zone's offset (tested on every day of a year).
 */
export const feltHeardDays = 3 * 31 + limits.periodGraceDays + 2;

/**
 * SQL: the report ratings of `managerId`'s series per month of the organisation's time zone, over
 * the months `feltHeardTrendOf` may publish, as a JSON array of `FeltHeardMonth` (a scalar
 * sub-select, so a read can carry it beside its own rows). Distinct raters and the average only.
 */
export function feltHeardMonthsSql(managerId: string, now: Date) {
  const since = new Date(now.getTime() - feltHeardDays * 86_400_000);
  return sql<FeltHeardMonth[]>`(select coalesce(json_agg(json_build_object('month', f.month, 'raters', f.raters, 'average', f.average)), '[]'::json) from (
    select to_char(m.starts_at at time zone ${organisationTimeZoneSql}, 'YYYY-MM') as month,
           count(distinct r.author_id)::int as raters, avg(r.felt_heard) as average
    from reflections r
    join meetings m on m.id = r.meeting_id
    join series s on s.id = m.series_id
    where s.manager_id = ${managerId} and r.role = 'report' and r.author_id = s.report_id and r.felt_heard is not null
      and m.starts_at >= ${since.toISOString()} and m.starts_at < ${now.toISOString()}
    group by 1) f)`;
}

/**
 * The manager's team "felt heard" average for the two newest closed months, each only over at
 * least 3 distinct reports (the one rule of src/domain/aggregates.ts, pair-aggregate): never a
 * figure per series or per report, and never the month under way.
 */
export function feltHeardTrendOf(months: readonly FeltHeardMonth[], now: Date, timeZone: string): FeltHeardTrend {
  const month: Month = latestClosedMonth(now, timeZone);
  const previousMonth = addMonths(month, -1);
  const of = (m: Month) => {
    const row = months.find((r) => r.month === m);
    if (!row || !aggregatePolicy.shown(row.raters, 'ownTeam')) return { value: null, reason: row ? ('tooFew' as const) : ('noData' as const) };
    return { value: Math.round(Number(row.average) * 10) / 10, reason: null };
  };
  const current = of(month);
  const previous = of(previousMonth);
  return { month, previousMonth, average: current.value, previous: previous.value, hiddenReason: current.reason ?? previous.reason };
}

/** `feltHeardTrendOf` read on its own: one statement for the months and the organisation's time zone. */
export async function feltHeardTrend(db: Db, managerId: string, now: Date): Promise<FeltHeardTrend> {
  const { rows } = await db.execute<{ months: FeltHeardMonth[]; time_zone: string }>(
    sql`select ${feltHeardMonthsSql(managerId, now)} as months, ${organisationTimeZoneSql} as time_zone`,
  );
  return feltHeardTrendOf(rows[0]!.months, now, rows[0]!.time_zone);
}

/**
 * A manager's own signals: each active series they hold (reports are given by the caller, who has
 * already loaded them with the pair), with its nudges, and the team's felt-heard trend. Null when
 * they hold no active series. Only series where `managerId` is the manager are ever counted.
 * `known`: the felt-heard months (`feltHeardMonthsSql`) and the organisation's time zone, when the
 * caller read them with its own rows (else they are read here).
 */
export async function managerSignals(
  db: Db,
  managerId: string,
  reports: ReadonlyMap<string, PersonRef>,
  now: Date,
  known?: { feltHeardMonths: readonly FeltHeardMonth[]; timeZone: string },
): Promise<ManagerSignals | null> {
  const ids = [...reports.keys()];
  if (ids.length === 0) return null;
  const figures = await seriesFigures(db, now, sql`s.status = 'active' and s.manager_id = ${managerId} and s.id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`);
  if (figures.length === 0) return null;
  const trend = known ? feltHeardTrendOf(known.feltHeardMonths, now, known.timeZone) : await feltHeardTrend(db, managerId, now);
  const team = feltHeardNudge(trend);
  return {
    window: { days: formalityWindow.days, meetings: formalityWindow.meetings },
    series: figures.map((f) => ({ seriesId: f.seriesId, report: reports.get(f.seriesId)!, figures: f.figures, nudges: formalityNudges(f.figures) })),
    feltHeard: trend,
    teamNudges: team ? [team] : [],
  };
}

const ratio = (n: number, d: number) => (d === 0 ? -1 : n / d);

/** Per manager with active series: their series' figures added up, and per kind of signal how many of the series cross it. */
type SignalCounts = PracticeTable['items'][number]['seriesSignals'];
type PracticeByManager = Map<string, { figures: FormalityFigures; seriesSignals: SignalCounts }>;

async function practiceByManager(db: Db, now: Date): Promise<PracticeByManager> {
  const all = await seriesFigures(db, now, sql`s.status = 'active'`);
  const byManager = new Map<string, FormalityFigures[]>();
  for (const f of all) {
    const list = byManager.get(f.managerId);
    if (list) list.push(f.figures);
    else byManager.set(f.managerId, [f.figures]);
  }
  const out: PracticeByManager = new Map();
  for (const [managerId, own] of byManager) {
    const perSeries = new Map<FormalitySignalKind, number>();
    for (const f of own) for (const n of formalityNudges(f)) perSeries.set(n.kind, (perSeries.get(n.kind) ?? 0) + 1);
    out.set(managerId, { figures: sumFigures(own), seriesSignals: formalitySignalKinds.filter((k) => perSeries.has(k)).map((kind) => ({ kind, series: perSeries.get(kind)! })) });
  }
  return out;
}

/** Serialises snapshots: two processes taking one at once would each delete and insert. */
const PRACTICE_SNAPSHOT_LOCK = 0x7461_6970; // 'taip'

/**
 * The analytics job's snapshot of the practice table as of `now` (ADR 0216): computing the window
 * of every active series takes seconds at 10,000 employees, so hr's table reads the last snapshot
 * (hourly) and says when it was taken. Replaced whole, in one transaction.
 */
export async function snapshotPractice(db: Db, now: Date): Promise<number> {
  const figures = await practiceByManager(db, now);
  const rows = [...figures].map(([managerId, f]) => ({ managerId, figures: f.figures, seriesSignals: f.seriesSignals }));
  await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${PRACTICE_SNAPSHOT_LOCK})`);
    const [last] = await tx.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.name, 'practice'));
    if (last && last.takenAt > now) return; // a later one was taken meanwhile
    await tx.delete(analyticsPracticeSnapshot);
    // Managers who left meanwhile are not in it (their rows would break the key to employees).
    for (let i = 0; i < rows.length; i += 1000) {
      await tx.execute(sql`
        insert into analytics_practice_snapshot (manager_id, figures, series_signals)
        select v.manager_id, v.figures, v.series_signals
        from jsonb_to_recordset(${JSON.stringify(rows.slice(i, i + 1000).map((r) => ({ manager_id: r.managerId, figures: r.figures, series_signals: r.seriesSignals })))}::jsonb)
             as v(manager_id uuid, figures jsonb, series_signals jsonb)
        where exists (select 1 from employees e where e.id = v.manager_id)`);
    }
    await tx
      .insert(analyticsSnapshots)
      .values({ name: 'practice', takenAt: now })
      .onConflictDoUpdate({ target: analyticsSnapshots.name, set: { takenAt: now } });
  });
  return rows.length;
}

/** The practice figures per manager: from the last snapshot, or computed now when none was taken yet (or `live`). */
async function practiceFigures(db: Db, now: Date, live: boolean): Promise<{ byManager: PracticeByManager; takenAt: Date }> {
  if (!live) {
    const [mark] = await db.select().from(analyticsSnapshots).where(eq(analyticsSnapshots.name, 'practice'));
    if (mark) {
      const rows = await db.select().from(analyticsPracticeSnapshot);
      return {
        takenAt: mark.takenAt,
        byManager: new Map(rows.map((r) => [r.managerId, { figures: r.figures as FormalityFigures, seriesSignals: r.seriesSignals as SignalCounts }])),
      };
    }
  }
  return { byManager: await practiceByManager(db, now), takenAt: now };
}

/**
 * hr's manager practice table (issue 10 item 3): per manager with active series, the figures of
 * all their series added up and the signals those sums cross. Counts and shares only: no title,
 * no note, no rating, no condition, and no felt-heard figure (a manager's team overlaps the
 * departments of the organisation analytics, so a per-manager average could be subtracted from a
 * department's; the felt-heard trend stays with the department figures and the manager's own home).
 * The figures come from the job's last snapshot (`takenAt` says when), else are computed now;
 * sorted and paged after adding up.
 */
export async function practiceTable(db: Db, now: Date, q: z.output<typeof practiceQuerySchema>, options: { live?: boolean } = {}): Promise<PracticeTable> {
  const depts = await db.select({ id: departments.id, parentId: departments.parentId, name: departments.name }).from(departments);
  if (q.department && !depts.some((d) => d.id === q.department)) throw new NotFoundError('errors.departmentNotFound');
  let inScope: Set<string> | null = null;
  if (q.department) {
    inScope = new Set([q.department]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const d of depts) {
        if (d.parentId && inScope.has(d.parentId) && !inScope.has(d.id)) {
          inScope.add(d.id);
          grew = true;
        }
      }
    }
  }
  const { byManager, takenAt } = await practiceFigures(db, now, options.live ?? false);
  const managerIds = [...byManager.keys()];
  const people = managerIds.length
    ? await db
        .select({ id: employees.id, familyName: employees.familyName, givenName: employees.givenName, kana: sql<string>`${employees.familyNameKana} || ${employees.givenNameKana}`, title: employees.title, departmentId: employees.departmentId })
        .from(employees)
        .where(sql`${employees.id} in (${sql.join(managerIds.map((id) => sql`${id}::uuid`), sql`, `)})`)
    : [];
  const deptName = new Map(depts.map((d) => [d.id, d.name]));
  const rows = people
    .filter((p) => !inScope || (p.departmentId !== null && inScope.has(p.departmentId)))
    .map((p) => {
      const { figures, seriesSignals } = byManager.get(p.id)!;
      return {
        kana: p.kana,
        manager: { id: p.id, name: `${p.familyName} ${p.givenName}`, title: p.title, department: p.departmentId ? (deptName.get(p.departmentId) ?? null) : null },
        figures,
        signals: formalityNudges(figures).map((n) => n.kind),
        seriesSignals,
      };
    });
  const key = (r: (typeof rows)[number]): number | string => {
    const f = r.figures;
    switch (q.sort) {
      case 'name':
        return r.kana;
      case 'signals':
        return r.signals.length * 100 + r.seriesSignals.reduce((sum, x) => sum + x.series, 0);
      case 'implementation':
        return ratio(Math.min(f.held, f.planned), f.planned);
      case 'cancelled':
        return ratio(f.cancelled, f.planned);
      case 'prepared':
        return ratio(f.prepared, f.held);
      case 'reportTopics':
        return ratio(f.reportTopics, f.topics);
      case 'statusMeetings':
        return ratio(f.statusMeetings, f.meetingsWithTopics);
      case 'actionItems':
        return ratio(f.actionItemsDone, f.actionItems);
    }
  };
  const dir = q.order === 'asc' ? 1 : -1;
  const collator = new Intl.Collator('ja');
  const keyed = rows.map((r) => ({ r, k: key(r) }));
  keyed.sort((a, b) => {
    const c = typeof a.k === 'string' ? collator.compare(a.k, b.k as string) : a.k - (b.k as number);
    return c !== 0 ? dir * c : collator.compare(a.r.kana, b.r.kana);
  });
  const sorted = keyed.map((x) => x.r);
  const start = (q.page - 1) * q.pageSize;
  return {
    window: { days: formalityWindow.days, meetings: formalityWindow.meetings },
    takenAt: takenAt.toISOString(),
    timeZone: await organisationTimeZone(db),
    items: sorted.slice(start, start + q.pageSize).map(({ manager, figures, signals, seriesSignals }) => ({ manager, figures, signals, seriesSignals })),
    page: q.page,
    pageSize: q.pageSize,
    total: rows.length,
  };
}

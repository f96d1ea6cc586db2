import { sql, type SQL } from 'drizzle-orm';
import { topicCategories, type TopicCategory } from '../../domain/agenda.js';
import { cancelCategories, type CancelCategory } from '../../domain/series.js';
import { earlyWarning, sustainedDrop } from '../../domain/analytics.js';
import type { Db } from '../db/client.js';

/**
 * The sums hr's dashboard is made of, read from the meetings per (group, month of the meeting): the
 * group is the report's current department for the dashboard, or the report for the monthly rollups
 * (src/server/analytics/rollups.ts), whose rows are then summed per department at request time. One
 * set of statements serves both, so a rolled-up month gives the figures the meetings give.
 */

const heldStatuses = sql.raw(`('minutesDraft','shared','acknowledged')`);

export type PracticeSums = Record<CancelCategory, number> & {
  planned: number;
  held: number;
  cancelled: number;
  byManager: number;
  byReport: number;
  seriesMonths: number;
  seriesKept: number;
};
export type QualitySums = {
  responses: number;
  feltSum: number;
  feltCount: number;
  usefulSum: number;
  usefulCount: number;
};
export type TopicSums = Record<TopicCategory, number>;
export type ConditionSums = { s1: number; s2: number; s3: number; s4: number; s5: number };
export type WarningSums = { drops: number; repeated: number };
export type Sums = Record<string, number>;
/** One grouped row: a group (a department, null: none; or a report), a month, the distinct people behind it, and its sums. */
export type MeasureRow<S extends Sums> = { group_id: string | null; month: string; people: number } & S;
/** A row of any figure. */
export type AnyRow = { group_id: string | null; month: string; people: number; [sum: string]: number | string | null };

/** The zero of each figure's sums; the order of their keys is the order of the rollups' arrays. */
export const zeros = {
  practice: (): PracticeSums => ({
    ...(Object.fromEntries(cancelCategories.map((c) => [c, 0])) as Record<CancelCategory, number>),
    planned: 0,
    held: 0,
    cancelled: 0,
    byManager: 0,
    byReport: 0,
    seriesMonths: 0,
    seriesKept: 0,
  }),
  quality: (): QualitySums => ({ responses: 0, feltSum: 0, feltCount: 0, usefulSum: 0, usefulCount: 0 }),
  topics: (): TopicSums => Object.fromEntries(topicCategories.map((c) => [c, 0])) as TopicSums,
  condition: (): ConditionSums => ({ s1: 0, s2: 0, s3: 0, s4: 0, s5: 0 }),
  warnings: (): WarningSums => ({ drops: 0, repeated: 0 }),
};
export type Figure = keyof typeof zeros;
export const figures = Object.keys(zeros) as Figure[];

export interface Period {
  start: string;
  end: string;
  timeZone: string;
}
export type GroupBy = 'department' | 'report';

/** The group of a row: the current department of the report `reportId` (through `e`), or the report. */
const groupOf = (by: GroupBy, reportId: SQL) => (by === 'department' ? sql`e.department_id` : reportId);
const monthOf = (timeZone: string) => sql`to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM')`;

/** Meetings that fell in the period, per (group, month): held, cancelled and by whom, cadence kept. */
export async function readPractice(db: Db, { start, end, timeZone }: Period, by: GroupBy) {
  const categoryCounts = sql.join(
    cancelCategories.map((c) => sql`(count(*) filter (where status = 'cancelled' and cancel_category = ${c}))::int as ${sql.identifier(c)}`),
    sql`, `,
  );
  const categorySums = sql.join(
    cancelCategories.map((c) => sql`sum(${sql.identifier(c)})::int as ${sql.identifier(c)}`),
    sql`, `,
  );
  const r = await db.execute<MeasureRow<PracticeSums>>(sql`
    with m as (
      select s.id as series_id, s.report_id, s.manager_id, ${groupOf(by, sql`s.report_id`)} as group_id, m.status, m.extra, m.cancelled_by_id,
             coalesce(m.cancel_category, 'other') as cancel_category,
             ${monthOf(timeZone)} as month
      from meetings m
      join series s on s.id = m.series_id
      join employees e on e.id = s.report_id
      where m.starts_at >= ${start} and m.starts_at < ${end} and s.status not in ('pending', 'declined')
    ), per_series as (
      select group_id, month, series_id, report_id,
             count(*)::int as planned,
             (count(*) filter (where status in ${heldStatuses}))::int as held,
             (count(*) filter (where status = 'cancelled'))::int as cancelled,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = manager_id))::int as by_manager,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = report_id))::int as by_report,
             ${categoryCounts},
             bool_and(extra or status in ${heldStatuses}) as kept
      from m group by group_id, month, series_id, report_id
    )
    select group_id, month, count(distinct report_id)::int as "people", sum(planned)::int as "planned", sum(held)::int as "held",
           sum(cancelled)::int as "cancelled", sum(by_manager)::int as "byManager", sum(by_report)::int as "byReport",
           ${categorySums},
           count(*)::int as "seriesMonths", (count(*) filter (where kept))::int as "seriesKept"
    from per_series group by group_id, month`);
  return r.rows;
}

/** The reports' own ratings of their meetings, per (group, month): sums and counts, never one rating. */
export async function readQuality(db: Db, { start, end, timeZone }: Period, by: GroupBy) {
  const r = await db.execute<MeasureRow<QualitySums>>(sql`
    select ${groupOf(by, sql`s.report_id`)} as group_id, ${monthOf(timeZone)} as month,
           count(distinct r.author_id)::int as "people", count(*)::int as "responses",
           coalesce(sum(r.felt_heard), 0)::int as "feltSum", count(r.felt_heard)::int as "feltCount",
           coalesce(sum(r.useful), 0)::int as "usefulSum", count(r.useful)::int as "usefulCount"
    from reflections r
    join meetings m on m.id = r.meeting_id
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where r.role = 'report' and r.author_id = s.report_id and (r.felt_heard is not null or r.useful is not null)
      and m.starts_at >= ${start} and m.starts_at < ${end}
    group by 1, 2`);
  return r.rows;
}

/**
 * Topics of held meetings per category, per (group of the report, month). Only topics shared with
 * the pair count: a private draft's existence, even its category, stays its author's.
 */
export async function readTopics(db: Db, { start, end, timeZone }: Period, by: GroupBy) {
  const counts = sql.join(
    topicCategories.map((c) => sql`(count(*) filter (where t.category = ${c}))::int as ${sql.identifier(c)}`),
    sql`, `,
  );
  const r = await db.execute<MeasureRow<TopicSums>>(sql`
    select ${groupOf(by, sql`s.report_id`)} as group_id, ${monthOf(timeZone)} as month,
           count(distinct s.report_id)::int as "people", ${counts}
    from topics t
    join meetings m on m.id = t.meeting_id
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where t.visibility = 'pair' and m.status in ${heldStatuses} and s.status not in ('pending', 'declined')
      and m.starts_at >= ${start} and m.starts_at < ${end}
    group by 1, 2`);
  return r.rows;
}

/** Condition check-ins (1–5) per score, per (group of the report, month of the meeting). */
export async function readCondition(db: Db, { start, end, timeZone }: Period, by: GroupBy) {
  const r = await db.execute<MeasureRow<ConditionSums>>(sql`
    select ${groupOf(by, sql`c.report_id`)} as group_id, ${monthOf(timeZone)} as month,
           count(distinct c.report_id)::int as "people",
           (count(*) filter (where c.score = 1))::int as "s1", (count(*) filter (where c.score = 2))::int as "s2",
           (count(*) filter (where c.score = 3))::int as "s3", (count(*) filter (where c.score = 4))::int as "s4",
           (count(*) filter (where c.score = 5))::int as "s5"
    from check_ins c
    join meetings m on m.id = c.meeting_id
    join employees e on e.id = c.report_id
    where m.starts_at >= ${start} and m.starts_at < ${end}
    group by 1, 2`);
  return r.rows;
}

/** A drop is judged on the streak and the 8 check-ins before it: no more of a report's history is needed. */
const judged = earlyWarning.dropStreak + 8;
/** Check-ins read before the period for everyone; a report with fewer than `judged - 1` in it has the rest read too. */
const LOOKBACK_DAYS = 120;

/**
 * Early warnings per (group, month), counted over the people with a meeting that month (the practice
 * figure's group): reports whose condition dropped and stayed down against their own baseline, and
 * series whose meetings were cancelled again and again (src/domain/analytics.ts has the definitions).
 * Each report's check-ins of the period are judged with the ones just before it: those of the
 * previous 120 days, and for a report with too few of them there, its earlier ones.
 * Grouped by report (the rollups), a row carries the report's warnings even in a month it had no
 * meeting of its own; the department's people decide when the rows are summed.
 */
export async function readWarnings(db: Db, { start, end, timeZone }: Period, by: GroupBy) {
  const people = await db.execute<{ group_id: string | null; month: string; people: number }>(sql`
    select ${groupOf(by, sql`s.report_id`)} as group_id, ${monthOf(timeZone)} as month, count(distinct s.report_id)::int as people
    from meetings m
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where m.starts_at >= ${start} and m.starts_at < ${end} and s.status not in ('pending', 'declined')
    group by 1, 2`);
  type CheckIn = { report_id: string; group_id: string | null; month: string; score: number; in_period: boolean };
  const lookback = new Date(new Date(start).getTime() - LOOKBACK_DAYS * 86_400_000).toISOString();
  const checkInsFrom = (from: string | null, to: string, reports: SQL) =>
    db.execute<CheckIn>(sql`
      select c.report_id, ${groupOf(by, sql`c.report_id`)} as group_id, ${monthOf(timeZone)} as month, c.score, m.starts_at >= ${start} as in_period
      from check_ins c
      join meetings m on m.id = c.meeting_id
      join employees e on e.id = c.report_id
      where ${from ? sql`m.starts_at >= ${from} and ` : sql``}m.starts_at < ${to} and c.report_id in (${reports})
      order by c.report_id, m.starts_at`);
  const inPeriod = sql`select c2.report_id from check_ins c2 join meetings m2 on m2.id = c2.meeting_id where m2.starts_at >= ${start} and m2.starts_at < ${end}`;
  const recent = await checkInsFrom(lookback, end, inPeriod);
  const cancellations = await db.execute<{ group_id: string | null; month: string; repeated: number }>(sql`
    select ${groupOf(by, sql`s.report_id`)} as group_id, ${monthOf(timeZone)} as month, count(distinct s.id)::int as repeated
    from meetings m
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    -- The cadence meetings just before this one (held or cancelled), read through the series' index.
    cross join lateral (
      select array_agg(p.status) as statuses
      from (
        select p.status from meetings p
        where p.series_id = m.series_id and p.starts_at < m.starts_at and not p.extra and p.status <> 'scheduled'
        order by p.starts_at desc
        limit ${earlyWarning.repeatedCancellations - 1}
      ) p
    ) before
    where m.starts_at >= ${start} and m.starts_at < ${end} and m.status = 'cancelled' and not m.extra and s.status not in ('pending', 'declined')
      and cardinality(before.statuses) = ${earlyWarning.repeatedCancellations - 1} and 'cancelled' = all(before.statuses)
    group by 1, 2`);

  // Each report's check-ins in order.
  const byReport = new Map<string, CheckIn[]>();
  for (const c of recent.rows) {
    const list = byReport.get(c.report_id);
    if (list) list.push(c);
    else byReport.set(c.report_id, [c]);
  }
  // Reports with fewer than `judged - 1` check-ins in the lookback before the period: their earlier ones too.
  const short = [...byReport].filter(([, list]) => list.findIndex((c) => c.in_period) < judged - 1).map(([id]) => id);
  if (short.length > 0) {
    const earlier = await checkInsFrom(null, lookback, sql.join(short.map((id) => sql`${id}::uuid`), sql`, `));
    const before = new Map<string, CheckIn[]>();
    for (const c of earlier.rows) {
      const list = before.get(c.report_id);
      if (list) list.push(c);
      else before.set(c.report_id, [c]);
    }
    for (const [id, list] of before) byReport.set(id, [...list, ...byReport.get(id)!]);
  }

  const key = (g: string | null, m: string) => `${g ?? ''}|${m}`;
  const rows = new Map<string, MeasureRow<WarningSums>>();
  for (const p of people.rows) rows.set(key(p.group_id, p.month), { group_id: p.group_id, month: p.month, people: p.people, drops: 0, repeated: 0 });
  const rowOf = (g: string | null, month: string) => {
    const k = key(g, month);
    let row = rows.get(k);
    if (!row && by === 'report') rows.set(k, (row = { group_id: g, month, people: 0, drops: 0, repeated: 0 }));
    return row;
  };
  // A month counts a report once when a sustained drop ends in it.
  for (const list of byReport.values()) {
    const flagged = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (!c.in_period || !sustainedDrop(list.slice(Math.max(0, i + 1 - judged), i + 1).map((x) => x.score))) continue;
      const k = key(c.group_id, c.month);
      if (flagged.has(k)) continue;
      flagged.add(k);
      const row = rowOf(c.group_id, c.month);
      if (row) row.drops += 1;
    }
  }
  for (const c of cancellations.rows) {
    const row = rowOf(c.group_id, c.month);
    if (row) row.repeated += c.repeated;
  }
  return [...rows.values()];
}

/** Every figure's rows over the period. */
export async function readSums(db: Db, period: Period, by: GroupBy) {
  const reads = [readPractice, readQuality, readTopics, readCondition, readWarnings] as const;
  // Per report, the rollup job reads in its transaction (one connection): one statement at a time.
  const [practice, quality, topics, condition, warnings] =
    by === 'department' ? await Promise.all(reads.map((read) => read(db, period, by))) : await reads.reduce<Promise<unknown[]>>(async (all, read) => [...(await all), await read(db, period, by)], Promise.resolve([]));
  return {
    practice: practice as Awaited<ReturnType<typeof readPractice>>,
    quality: quality as Awaited<ReturnType<typeof readQuality>>,
    topics: topics as Awaited<ReturnType<typeof readTopics>>,
    condition: condition as Awaited<ReturnType<typeof readCondition>>,
    warnings: warnings as Awaited<ReturnType<typeof readWarnings>>,
  };
}
export type SumRows = Awaited<ReturnType<typeof readSums>>;

import { sql } from 'drizzle-orm';
import { addMonths, latestClosedMonth, monthBounds, monthOf, monthsBetween, type GroupNode, type GroupVisibility, type Month, type SuppressionReason } from '../../domain/aggregates.js';
import { topicCategories, type TopicCategory } from '../../domain/agenda.js';
import { cancelCategories } from '../../domain/series.js';
import { analyticsDefaultMonths, analyticsMaxMonths, earlyWarning, sustainedDrop, type AnalyticsDepartments, type PracticeFigures, type QualityFigures } from '../../domain/analytics.js';
import type { Db } from '../db/client.js';
import { departments } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { organisationTimeZone } from './timeZone.js';

/** The id the whole organisation goes by in the tree (people without a department belong to it directly). */
const ROOT = 'organisation';
const heldStatuses = sql.raw(`('minutesDraft','shared','acknowledged')`);

type PracticeSums = {
  workload: number;
  conflict: number;
  absence: number;
  nothingToDiscuss: number;
  other: number;
  planned: number;
  held: number;
  cancelled: number;
  byManager: number;
  byReport: number;
  seriesMonths: number;
  seriesKept: number;
};
type QualitySums = {
  responses: number;
  feltSum: number;
  feltCount: number;
  usefulSum: number;
  usefulCount: number;
};
type TopicSums = Record<TopicCategory, number>;
type ConditionSums = {
  s1: number;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
};
type WarningSums = {
  drops: number;
  repeated: number;
};
type Sums = Record<string, number>;
/** One grouped row: a department (null: none), a month, the distinct people behind it, and its sums. */
type MeasureRow<S extends Sums> = { department_id: string | null; month: string; people: number } & S;

function addInto<T extends Sums>(into: T, from: T): void {
  for (const k of Object.keys(from) as (keyof T)[]) (into[k] as number) += from[k] as number;
}
const percent = (n: number, d: number) => (d === 0 ? null : Math.round((1000 * n) / d) / 10);
const average = (sum: number, count: number) => (count === 0 ? null : Math.round((10 * sum) / count) / 10);

function practiceOut(s: PracticeSums, people: number | null): PracticeFigures {
  return {
    shown: true,
    people,
    planned: s.planned,
    held: s.held,
    cancelled: s.cancelled,
    cancelledByManager: s.byManager,
    cancelledByReport: s.byReport,
    cancelledByCategory: { workload: s.workload, conflict: s.conflict, absence: s.absence, nothingToDiscuss: s.nothingToDiscuss, other: s.other },
    implementationRate: percent(s.held, s.planned),
    cadenceAdherence: percent(s.seriesKept, s.seriesMonths),
    seriesMonths: s.seriesMonths,
  };
}
function qualityOut(s: QualitySums, raters: number | null): QualityFigures {
  return { shown: true, raters, responses: s.responses, feltHeard: average(s.feltSum, s.feltCount), useful: average(s.usefulSum, s.usefulCount) };
}
/** Over several months, the strongest reason any month was hidden. */
function worstReason(reasons: SuppressionReason[]): SuppressionReason {
  if (reasons.includes('tooFew')) return 'tooFew';
  if (reasons.includes('complementary')) return 'complementary';
  return 'noData';
}

/** The department tree of one request: ids, parents, and the way up from any group. */
interface Tree {
  nodes: (people: (id: string) => number) => GroupNode[];
  key: (departmentId: string | null) => string;
  ancestorsOf: (id: string) => string[];
}

/**
 * One figure of the dashboard over the tree and the months: its rows are summed into every
 * ancestor, each month's groups are suppressed by the one rule over the distinct people behind the
 * figure, and a figure over the period is the sum of the group's shown months only, so it adds
 * nothing the months do not show.
 */
function measure<S extends Sums>(tree: Tree, months: readonly Month[], rows: readonly MeasureRow<S>[], zero: () => S) {
  const own = new Map<Month, Map<string, number>>(months.map((m) => [m, new Map()]));
  const sums = new Map<Month, Map<string, S>>(months.map((m) => [m, new Map()]));
  for (const row of rows) {
    const ownPeople = own.get(row.month);
    if (!ownPeople) continue;
    const { department_id: _d, month: _m, people, ...rest } = row;
    const key = tree.key(row.department_id);
    ownPeople.set(key, (ownPeople.get(key) ?? 0) + people);
    const inMonth = sums.get(row.month)!;
    for (const a of tree.ancestorsOf(key)) {
      const into = inMonth.get(a) ?? zero();
      addInto(into, rest as unknown as S);
      inMonth.set(a, into);
    }
  }
  const visible = new Map<Month, Map<string, GroupVisibility>>(
    months.map((m) => [m, aggregatePolicy.tree(tree.nodes((id) => own.get(m)!.get(id) ?? 0), 'organisation')]),
  );
  return {
    month(group: string, month: Month): { shown: true; people: number; sums: S } | { shown: false; reason: SuppressionReason } {
      const v = visible.get(month)!.get(group)!;
      return v.shown ? { shown: true, people: v.people, sums: sums.get(month)!.get(group) ?? zero() } : { shown: false, reason: v.reason };
    },
    range(group: string): { shown: true; monthsShown: number; sums: S } | { shown: false; reason: SuppressionReason } {
      const total = zero();
      const hidden: SuppressionReason[] = [];
      let shown = 0;
      for (const m of months) {
        const v = visible.get(m)!.get(group)!;
        if (v.shown) {
          addInto(total, sums.get(m)!.get(group) ?? zero());
          shown += 1;
        } else hidden.push(v.reason);
      }
      return shown > 0 ? { shown: true, monthsShown: shown, sums: total } : { shown: false, reason: worstReason(hidden) };
    },
  };
}

/**
 * The dashboard of one group (a department or the whole organisation) over closed months for hr and
 * admin: practice and quality per month and per sub-department, the topic-category and condition
 * distributions, and early-warning counts. Sums are read per (department of the report, month of the
 * meeting) in grouped queries; every figure then goes through `measure` (the one suppression rule).
 */
export async function departmentAnalytics(props: { db: Db; now: Date; from?: Month; to?: Month; department?: string }): Promise<AnalyticsDepartments> {
  const { db, now } = props;
  const timeZone = await organisationTimeZone(db);
  const latestClosed = latestClosedMonth(now, timeZone);
  const to = props.to && props.to < latestClosed ? props.to : latestClosed;
  const from = props.from ?? addMonths(to, -(analyticsDefaultMonths - 1));
  if (from > to) throw new ValidationError({ from: { key: 'errors.analyticsPeriodOrder' } });
  const months = monthsBetween(from, to);
  if (months.length > analyticsMaxMonths) throw new ValidationError({ from: { key: 'errors.analyticsPeriodTooLong', params: { max: analyticsMaxMonths } } });
  const start = monthBounds(from, timeZone).start;
  const end = monthBounds(to, timeZone).end;

  const depts = await db.select({ id: departments.id, name: departments.name, parentId: departments.parentId }).from(departments);
  const known = new Set(depts.map((d) => d.id));
  if (props.department && !known.has(props.department)) throw new NotFoundError('errors.departmentNotFound');
  const parentOf = new Map<string, string>(depts.map((d) => [d.id, d.parentId && known.has(d.parentId) ? d.parentId : ROOT]));
  const tree: Tree = {
    key: (id) => (id && known.has(id) ? id : ROOT),
    ancestorsOf: (id) => {
      const out = [id];
      for (let p = id; p !== ROOT; ) {
        p = parentOf.get(p) ?? ROOT;
        out.push(p);
      }
      return out;
    },
    nodes: (people) => [{ id: ROOT, parentId: null, ownPeople: people(ROOT) }, ...depts.map((d) => ({ id: d.id, parentId: parentOf.get(d.id)!, ownPeople: people(d.id) }))],
  };
  const range = { start: start.toISOString(), end: end.toISOString(), timeZone };
  const [practiceRows, qualityRows, topicRows, conditionRows, warningRows] = await Promise.all([
    readPractice(db, range),
    readQuality(db, range),
    readTopics(db, range),
    readCondition(db, range),
    readWarnings(db, range),
  ]);
  const practice = measure(tree, months, practiceRows, () => ({ workload: 0, conflict: 0, absence: 0, nothingToDiscuss: 0, other: 0, planned: 0, held: 0, cancelled: 0, byManager: 0, byReport: 0, seriesMonths: 0, seriesKept: 0 }));
  const quality = measure(tree, months, qualityRows, () => ({ responses: 0, feltSum: 0, feltCount: 0, usefulSum: 0, usefulCount: 0 }));
  const topics = measure(tree, months, topicRows, () => Object.fromEntries(topicCategories.map((c) => [c, 0])) as TopicSums);
  const condition = measure(tree, months, conditionRows, () => ({ s1: 0, s2: 0, s3: 0, s4: 0, s5: 0 }));
  const warnings = measure(tree, months, warningRows, () => ({ drops: 0, repeated: 0 }));

  const monthCell = (group: string, month: Month) => {
    const p = practice.month(group, month);
    const q = quality.month(group, month);
    return {
      practice: p.shown ? practiceOut(p.sums, p.people) : { shown: false as const, reason: p.reason },
      quality: q.shown ? qualityOut(q.sums, q.people) : { shown: false as const, reason: q.reason },
    };
  };
  const rangeCell = (group: string) => {
    const p = practice.range(group);
    const q = quality.range(group);
    return {
      monthsShown: p.shown ? p.monthsShown : 0,
      practice: p.shown ? practiceOut(p.sums, null) : { shown: false as const, reason: p.reason },
      quality: q.shown ? qualityOut(q.sums, null) : { shown: false as const, reason: q.reason },
    };
  };

  const selected = props.department ?? ROOT;
  const t = topics.range(selected);
  const c = condition.range(selected);
  const w = warnings.range(selected);
  const byId = new Map(depts.map((d) => [d.id, d]));
  const path = tree
    .ancestorsOf(selected)
    .reverse()
    .map((id) => (id === ROOT ? { id: null, name: null } : { id, name: byId.get(id)!.name }));
  const childIds = depts.filter((d) => parentOf.get(d.id) === selected).map((d) => d.id);
  const hasChildren = new Set(depts.map((d) => parentOf.get(d.id)));
  return {
    timeZone,
    minimum: aggregatePolicy.minimum('organisation'),
    inProgress: monthOf(now, timeZone),
    latestClosed,
    from,
    to,
    group: path[path.length - 1]!,
    path: path.slice(0, -1),
    summary: rangeCell(selected),
    distributions: {
      topics: t.shown ? { shown: true, monthsShown: t.monthsShown, byCategory: t.sums } : { shown: false, reason: t.reason },
      condition: c.shown ? { shown: true, monthsShown: c.monthsShown, byScore: [c.sums.s1, c.sums.s2, c.sums.s3, c.sums.s4, c.sums.s5] } : { shown: false, reason: c.reason },
      warnings: w.shown ? { shown: true, monthsShown: w.monthsShown, sustainedDrops: w.sums.drops, repeatedCancellations: w.sums.repeated } : { shown: false, reason: w.reason },
    },
    months: months.map((month) => ({ month, ...monthCell(selected, month) })),
    children: childIds
      .map((id) => ({ id, name: byId.get(id)!.name, hasChildren: hasChildren.has(id), ...rangeCell(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
  };
}

interface Period {
  start: string;
  end: string;
  timeZone: string;
}

/** Meetings that fell in the period, per (department of the report, month): held, cancelled and by whom, cadence kept. */
async function readPractice(db: Db, { start, end, timeZone }: Period) {
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
      select s.id as series_id, s.report_id, s.manager_id, e.department_id, m.status, m.extra, m.cancelled_by_id,
             coalesce(m.cancel_category, 'other') as cancel_category,
             to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month
      from meetings m
      join series s on s.id = m.series_id
      join employees e on e.id = s.report_id
      where m.starts_at >= ${start} and m.starts_at < ${end} and s.status not in ('pending', 'declined')
    ), per_series as (
      select department_id, month, series_id, report_id,
             count(*)::int as planned,
             (count(*) filter (where status in ${heldStatuses}))::int as held,
             (count(*) filter (where status = 'cancelled'))::int as cancelled,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = manager_id))::int as by_manager,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = report_id))::int as by_report,
             ${categoryCounts},
             bool_and(extra or status in ${heldStatuses}) as kept
      from m group by department_id, month, series_id, report_id
    )
    select department_id, month, count(distinct report_id)::int as "people", sum(planned)::int as "planned", sum(held)::int as "held",
           sum(cancelled)::int as "cancelled", sum(by_manager)::int as "byManager", sum(by_report)::int as "byReport",
           ${categorySums},
           count(*)::int as "seriesMonths", (count(*) filter (where kept))::int as "seriesKept"
    from per_series group by department_id, month`);
  return r.rows;
}

/** The reports' own ratings of their meetings, per (department, month): sums and counts, never one rating. */
async function readQuality(db: Db, { start, end, timeZone }: Period) {
  const r = await db.execute<MeasureRow<QualitySums>>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month,
           count(distinct r.author_id)::int as "people", count(*)::int as "responses",
           coalesce(sum(r.felt_heard), 0)::int as "feltSum", count(r.felt_heard)::int as "feltCount",
           coalesce(sum(r.useful), 0)::int as "usefulSum", count(r.useful)::int as "usefulCount"
    from reflections r
    join meetings m on m.id = r.meeting_id
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where r.role = 'report' and r.author_id = s.report_id and (r.felt_heard is not null or r.useful is not null)
      and m.starts_at >= ${start} and m.starts_at < ${end}
    group by e.department_id, month`);
  return r.rows;
}

/**
 * Topics of held meetings per category, per (department of the report, month). Only topics shared
 * with the pair count: a private draft's existence, even its category, stays its author's.
 */
async function readTopics(db: Db, { start, end, timeZone }: Period) {
  const counts = sql.join(
    topicCategories.map((c) => sql`(count(*) filter (where t.category = ${c}))::int as ${sql.identifier(c)}`),
    sql`, `,
  );
  const r = await db.execute<MeasureRow<TopicSums>>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month,
           count(distinct s.report_id)::int as "people", ${counts}
    from topics t
    join meetings m on m.id = t.meeting_id
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where t.visibility = 'pair' and m.status in ${heldStatuses} and s.status not in ('pending', 'declined')
      and m.starts_at >= ${start} and m.starts_at < ${end}
    group by e.department_id, month`);
  return r.rows;
}

/** Condition check-ins (1–5) per score, per (department of the report, month of the meeting). */
async function readCondition(db: Db, { start, end, timeZone }: Period) {
  const r = await db.execute<MeasureRow<ConditionSums>>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month,
           count(distinct c.report_id)::int as "people",
           (count(*) filter (where c.score = 1))::int as "s1", (count(*) filter (where c.score = 2))::int as "s2",
           (count(*) filter (where c.score = 3))::int as "s3", (count(*) filter (where c.score = 4))::int as "s4",
           (count(*) filter (where c.score = 5))::int as "s5"
    from check_ins c
    join meetings m on m.id = c.meeting_id
    join employees e on e.id = c.report_id
    where m.starts_at >= ${start} and m.starts_at < ${end}
    group by e.department_id, month`);
  return r.rows;
}

/**
 * Early warnings per (department of the report, month), counted over the people with a meeting that
 * month (the practice figure's group): reports whose condition dropped and stayed down against their
 * own baseline, and series whose meetings were cancelled again and again (src/domain/analytics.ts has
 * the definitions). The baseline is the median of a report's earlier check-ins, so each report's
 * check-ins of the period and the ones before it are read in order and judged here.
 */
async function readWarnings(db: Db, { start, end, timeZone }: Period) {
  const people = await db.execute<{ department_id: string | null; month: string; people: number }>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month, count(distinct s.report_id)::int as people
    from meetings m
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where m.starts_at >= ${start} and m.starts_at < ${end} and s.status not in ('pending', 'declined')
    group by e.department_id, month`);
  const checkIns = await db.execute<{ report_id: string; department_id: string | null; month: string; score: number; in_period: boolean }>(sql`
    select c.report_id, e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month, c.score, m.starts_at >= ${start} as in_period
    from check_ins c
    join meetings m on m.id = c.meeting_id
    join employees e on e.id = c.report_id
    where m.starts_at < ${end}
      and c.report_id in (select c2.report_id from check_ins c2 join meetings m2 on m2.id = c2.meeting_id where m2.starts_at >= ${start} and m2.starts_at < ${end})
    order by c.report_id, m.starts_at`);
  const cancellations = await db.execute<{ department_id: string | null; month: string; repeated: number }>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month, count(distinct s.id)::int as repeated
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
    group by e.department_id, month`);

  const key = (d: string | null, m: string) => `${d ?? ''}|${m}`;
  const rows = new Map<string, MeasureRow<WarningSums>>();
  for (const p of people.rows) rows.set(key(p.department_id, p.month), { department_id: p.department_id, month: p.month, people: p.people, drops: 0, repeated: 0 });
  // Each report's check-ins in order: a month counts a report once when a sustained drop ends in it.
  const byReport = new Map<string, typeof checkIns.rows>();
  for (const c of checkIns.rows) {
    const list = byReport.get(c.report_id);
    if (list) list.push(c);
    else byReport.set(c.report_id, [c]);
  }
  // A drop is judged on the streak and the 8 check-ins before it: no more of the history is needed.
  const judged = earlyWarning.dropStreak + 8;
  for (const list of byReport.values()) {
    const flagged = new Set<string>();
    for (let i = 0; i < list.length; i++) {
      const c = list[i]!;
      if (!c.in_period || !sustainedDrop(list.slice(Math.max(0, i + 1 - judged), i + 1).map((x) => x.score))) continue;
      const k = key(c.department_id, c.month);
      if (flagged.has(k)) continue;
      flagged.add(k);
      const row = rows.get(k);
      if (row) row.drops += 1;
    }
  }
  for (const c of cancellations.rows) {
    const row = rows.get(key(c.department_id, c.month));
    if (row) row.repeated += c.repeated;
  }
  return [...rows.values()];
}

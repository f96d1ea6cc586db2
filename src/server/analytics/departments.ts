import { sql } from 'drizzle-orm';
import { addMonths, latestClosedMonth, monthBounds, monthOf, monthsBetween, type GroupVisibility, type Month, type SuppressionReason } from '../../domain/aggregates.js';
import { analyticsDefaultMonths, analyticsMaxMonths, type AnalyticsDepartments, type PracticeFigures, type QualityFigures } from '../../domain/analytics.js';
import type { Db } from '../db/client.js';
import { departments } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { organisationTimeZone } from './timeZone.js';

/** The id the whole organisation goes by in the tree (people without a department belong to it directly). */
const ROOT = 'organisation';
const heldStatuses = sql.raw(`('minutesDraft','shared','acknowledged')`);

interface PracticeSums {
  people: number;
  planned: number;
  held: number;
  cancelled: number;
  byManager: number;
  byReport: number;
  seriesMonths: number;
  seriesKept: number;
}
interface QualitySums {
  raters: number;
  responses: number;
  feltSum: number;
  feltCount: number;
  usefulSum: number;
  usefulCount: number;
}
const zeroPractice = (): PracticeSums => ({ people: 0, planned: 0, held: 0, cancelled: 0, byManager: 0, byReport: 0, seriesMonths: 0, seriesKept: 0 });
const zeroQuality = (): QualitySums => ({ raters: 0, responses: 0, feltSum: 0, feltCount: 0, usefulSum: 0, usefulCount: 0 });
function addInto<T extends object>(into: T, from: T): void {
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

/**
 * Practice and quality figures per department and closed month for hr and admin. Sums are read
 * per (department of the report, month of the meeting) in two grouped queries; the department tree
 * is then suppressed month by month (src/domain/aggregates.ts), and a figure over several months
 * is the sum of that group's shown months only, so it adds nothing the months do not show.
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
  const deptKey = (id: string | null) => (id && known.has(id) ? id : ROOT);

  const practiceRows = await db.execute<{ department_id: string | null; month: string } & Record<keyof PracticeSums, number>>(sql`
    with m as (
      select s.id as series_id, s.report_id, s.manager_id, e.department_id, m.status, m.extra, m.cancelled_by_id,
             to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month
      from meetings m
      join series s on s.id = m.series_id
      join employees e on e.id = s.report_id
      where m.starts_at >= ${start.toISOString()} and m.starts_at < ${end.toISOString()} and s.status not in ('pending', 'declined')
    ), per_series as (
      select department_id, month, series_id, report_id,
             count(*)::int as planned,
             (count(*) filter (where status in ${heldStatuses}))::int as held,
             (count(*) filter (where status = 'cancelled'))::int as cancelled,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = manager_id))::int as by_manager,
             (count(*) filter (where status = 'cancelled' and cancelled_by_id = report_id))::int as by_report,
             bool_and(extra or status in ${heldStatuses}) as kept
      from m group by department_id, month, series_id, report_id
    )
    select department_id, month, count(distinct report_id)::int as "people", sum(planned)::int as "planned", sum(held)::int as "held",
           sum(cancelled)::int as "cancelled", sum(by_manager)::int as "byManager", sum(by_report)::int as "byReport",
           count(*)::int as "seriesMonths", (count(*) filter (where kept))::int as "seriesKept"
    from per_series group by department_id, month`);
  const qualityRows = await db.execute<{ department_id: string | null; month: string } & Record<keyof QualitySums, number>>(sql`
    select e.department_id, to_char(m.starts_at at time zone ${timeZone}, 'YYYY-MM') as month,
           count(distinct r.author_id)::int as "raters", count(*)::int as "responses",
           coalesce(sum(r.felt_heard), 0)::int as "feltSum", count(r.felt_heard)::int as "feltCount",
           coalesce(sum(r.useful), 0)::int as "usefulSum", count(r.useful)::int as "usefulCount"
    from reflections r
    join meetings m on m.id = r.meeting_id
    join series s on s.id = m.series_id
    join employees e on e.id = s.report_id
    where r.role = 'report' and r.author_id = s.report_id and (r.felt_heard is not null or r.useful is not null)
      and m.starts_at >= ${start.toISOString()} and m.starts_at < ${end.toISOString()}
    group by e.department_id, month`);

  // Own sums per (group, month); subtree sums by adding each group's rows to all its ancestors.
  const ancestorsOf = (id: string): string[] => {
    const out = [id];
    for (let p = id; p !== ROOT; ) {
      p = parentOf.get(p) ?? ROOT;
      out.push(p);
    }
    return out;
  };
  const ownPractice = new Map<Month, Map<string, PracticeSums>>();
  const treePractice = new Map<Month, Map<string, PracticeSums>>();
  const ownQuality = new Map<Month, Map<string, QualitySums>>();
  const treeQuality = new Map<Month, Map<string, QualitySums>>();
  for (const month of months) {
    ownPractice.set(month, new Map());
    treePractice.set(month, new Map());
    ownQuality.set(month, new Map());
    treeQuality.set(month, new Map());
  }
  for (const r of practiceRows.rows) {
    const key = deptKey(r.department_id);
    const own = ownPractice.get(r.month);
    if (!own) continue;
    const sums = { people: r.people, planned: r.planned, held: r.held, cancelled: r.cancelled, byManager: r.byManager, byReport: r.byReport, seriesMonths: r.seriesMonths, seriesKept: r.seriesKept };
    own.set(key, sums);
    for (const a of ancestorsOf(key)) {
      const tree = treePractice.get(r.month)!;
      const into = tree.get(a) ?? zeroPractice();
      addInto(into, sums);
      tree.set(a, into);
    }
  }
  for (const r of qualityRows.rows) {
    const key = deptKey(r.department_id);
    const own = ownQuality.get(r.month);
    if (!own) continue;
    const sums = { raters: r.raters, responses: r.responses, feltSum: r.feltSum, feltCount: r.feltCount, usefulSum: r.usefulSum, usefulCount: r.usefulCount };
    own.set(key, sums);
    for (const a of ancestorsOf(key)) {
      const tree = treeQuality.get(r.month)!;
      const into = tree.get(a) ?? zeroQuality();
      addInto(into, sums);
      tree.set(a, into);
    }
  }

  // Month by month: which groups may show their figures (the same rule for every month and group).
  const nodesWith = (people: (id: string) => number) => [
    { id: ROOT, parentId: null, ownPeople: people(ROOT) },
    ...depts.map((d) => ({ id: d.id, parentId: parentOf.get(d.id)!, ownPeople: people(d.id) })),
  ];
  const practiceVisible = new Map<Month, Map<string, GroupVisibility>>();
  const qualityVisible = new Map<Month, Map<string, GroupVisibility>>();
  for (const month of months) {
    practiceVisible.set(month, aggregatePolicy.tree(nodesWith((id) => ownPractice.get(month)!.get(id)?.people ?? 0), 'organisation'));
    qualityVisible.set(month, aggregatePolicy.tree(nodesWith((id) => ownQuality.get(month)!.get(id)?.raters ?? 0), 'organisation'));
  }

  const monthCell = (group: string, month: Month) => {
    const pv = practiceVisible.get(month)!.get(group)!;
    const qv = qualityVisible.get(month)!.get(group)!;
    return {
      practice: pv.shown ? practiceOut(treePractice.get(month)!.get(group) ?? zeroPractice(), pv.people) : { shown: false as const, reason: pv.reason },
      quality: qv.shown ? qualityOut(treeQuality.get(month)!.get(group) ?? zeroQuality(), qv.people) : { shown: false as const, reason: qv.reason },
    };
  };
  const rangeCell = (group: string) => {
    const p = zeroPractice();
    const q = zeroQuality();
    const pHidden: SuppressionReason[] = [];
    const qHidden: SuppressionReason[] = [];
    let pShown = 0;
    let qShown = 0;
    for (const month of months) {
      const pv = practiceVisible.get(month)!.get(group)!;
      if (pv.shown) {
        addInto(p, treePractice.get(month)!.get(group) ?? zeroPractice());
        pShown += 1;
      } else pHidden.push(pv.reason);
      const qv = qualityVisible.get(month)!.get(group)!;
      if (qv.shown) {
        addInto(q, treeQuality.get(month)!.get(group) ?? zeroQuality());
        qShown += 1;
      } else qHidden.push(qv.reason);
    }
    return {
      monthsShown: pShown,
      practice: pShown > 0 ? practiceOut(p, null) : { shown: false as const, reason: worstReason(pHidden) },
      quality: qShown > 0 ? qualityOut(q, null) : { shown: false as const, reason: worstReason(qHidden) },
    };
  };

  const selected = props.department ?? ROOT;
  const byId = new Map(depts.map((d) => [d.id, d]));
  const path = ancestorsOf(selected)
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
    months: months.map((month) => ({ month, ...monthCell(selected, month) })),
    children: childIds
      .map((id) => ({ id, name: byId.get(id)!.name, hasChildren: hasChildren.has(id), ...rangeCell(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
  };
}

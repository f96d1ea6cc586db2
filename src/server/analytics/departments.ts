import { addMonths, latestClosedMonth, monthOf, monthsBetween, type GroupNode, type GroupVisibility, type Month, type SuppressionReason } from '../../domain/aggregates.js';
import { analyticsDefaultMonths, analyticsMaxMonths, type AnalyticsDepartments, type PracticeFigures, type QualityFigures } from '../../domain/analytics.js';
import type { Db } from '../db/client.js';
import { departments } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { readDashboardSums } from './rollups.js';
import { zeros, type MeasureRow, type PracticeSums, type QualitySums, type Sums } from './sums.js';
import { organisationTimeZone } from './timeZone.js';

/** The id the whole organisation goes by in the tree (people without a department belong to it directly). */
const ROOT = 'organisation';

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
    const { group_id: _g, month: _m, people, ...rest } = row;
    const key = tree.key(row.group_id);
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
 * meeting): from the monthly rollups where the month is rolled up, else from the meetings
 * (src/server/analytics/rollups.ts); every figure then goes through `measure` (the one suppression rule).
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
  const read = await readDashboardSums(db, months, timeZone);
  const practice = measure(tree, months, read.rows.practice, zeros.practice);
  const quality = measure(tree, months, read.rows.quality, zeros.quality);
  const topics = measure(tree, months, read.rows.topics, zeros.topics);
  const condition = measure(tree, months, read.rows.condition, zeros.condition);
  const warnings = measure(tree, months, read.rows.warnings, zeros.warnings);

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
    rollups: read.rollups,
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

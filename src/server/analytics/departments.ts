import { addMonths, latestClosedMonth, monthOf, monthsBetween, type GroupNode, type GroupVisibility, type Month, type SuppressionReason } from '../../domain/aggregates.js';
import { analyticsDefaultMonths, analyticsMaxMonths, type AnalyticsDepartments, type PracticeFigures, type QualityFigures } from '../../domain/analytics.js';
import type { Db } from '../db/client.js';
import { departments } from '../db/schema.js';
import { NotFoundError, ValidationError } from '../errors.js';
import { aggregatePolicy } from '../policies/analytics.js';
import { readDashboardSums, type FigureColumns } from './rollups.js';
import { zeros, type PracticeSums, type QualitySums, type Sums } from './sums.js';
import { organisationTimeZone } from './timeZone.js';

/** The id the whole organisation goes by in the tree (people without a department belong to it directly). */
const ROOT = 'organisation';

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

/**
 * The department tree of one request. Nodes are numbered so that a parent always comes before its
 * children (the organisation is 0): sums over a subtree are then one pass from the last node to the
 * first, each adding into its parent.
 */
interface Tree {
  ids: readonly string[];
  index: ReadonlyMap<string, number>;
  /** The parent's number of each node (-1 for the organisation). */
  parent: Int32Array;
  key: (departmentId: string | null) => string;
  ancestorsOf: (id: string) => string[];
  childrenOf: (id: string) => string[];
  nodes: (people: Int32Array) => GroupNode[];
}

/** The tree of `depts` under the organisation, parents numbered before their children. */
function treeOf(depts: readonly { id: string; parentId: string | null }[]): Tree {
  const known = new Set(depts.map((d) => d.id));
  const parentOf = new Map<string, string>(depts.map((d) => [d.id, d.parentId && known.has(d.parentId) ? d.parentId : ROOT]));
  const children = new Map<string, string[]>();
  for (const d of depts) {
    const p = parentOf.get(d.id)!;
    const list = children.get(p);
    if (list) list.push(d.id);
    else children.set(p, [d.id]);
  }
  // Breadth first from the organisation. A department in a cycle (never written, but not trusted) hangs from the organisation.
  const ids: string[] = [ROOT];
  const index = new Map<string, number>([[ROOT, 0]]);
  const visit = (from: number) => {
    for (let i = from; i < ids.length; i++) {
      for (const c of children.get(ids[i]!) ?? []) {
        if (index.has(c)) continue;
        index.set(c, ids.length);
        ids.push(c);
      }
    }
  };
  visit(0);
  for (const d of depts) {
    if (index.has(d.id)) continue;
    children.set(parentOf.get(d.id)!, children.get(parentOf.get(d.id)!)!.filter((c) => c !== d.id));
    parentOf.set(d.id, ROOT);
    children.set(ROOT, [...(children.get(ROOT) ?? []), d.id]);
    index.set(d.id, ids.length);
    ids.push(d.id);
    visit(ids.length - 1);
  }
  const parent = Int32Array.from(ids, (id) => (id === ROOT ? -1 : index.get(parentOf.get(id)!)!));
  return {
    ids,
    index,
    parent,
    key: (id) => (id && known.has(id) ? id : ROOT),
    ancestorsOf: (id) => {
      const out = [id];
      for (let i = index.get(id)!; parent[i]! >= 0; i = parent[i]!) out.push(ids[parent[i]!]!);
      return out;
    },
    childrenOf: (id) => children.get(id) ?? [],
    nodes: (people) => ids.map((id, i) => ({ id, parentId: i === 0 ? null : ids[parent[i]!]!, ownPeople: people[i]! })),
  };
}

/**
 * One figure of the dashboard over the tree and the months: its rows are summed into every
 * ancestor, each month's groups are suppressed by the one rule over the distinct people behind the
 * figure, and a figure over the period is the sum of the group's shown months only, so it adds
 * nothing the months do not show. Sums are kept in one flat array per month (node × sum).
 */
function measure<S extends Sums>(tree: Tree, months: readonly Month[], columns: readonly FigureColumns[], zero: () => S, suppress: (people: Int32Array) => Map<string, GroupVisibility>) {
  const keys = Object.keys(zero());
  const K = keys.length;
  const N = tree.ids.length;
  const monthIndex = new Map(months.map((m, i) => [m, i]));
  const own = months.map(() => new Int32Array(N));
  const sums = months.map(() => new Float64Array(N * K));
  for (const c of columns) {
    const m = monthIndex.get(c.month);
    if (m === undefined) continue;
    const into = sums[m]!;
    const people = own[m]!;
    for (let i = 0; i < c.groups.length; i++) {
      // A group without people has nothing to add (early warnings: no meeting that month, so not counted).
      if (c.people[i] === 0) continue;
      const node = tree.index.get(tree.key(c.groups[i]!))!;
      people[node] = people[node]! + c.people[i]!;
      for (let k = 0; k < K; k++) into[node * K + k] = into[node * K + k]! + c.sums[i * K + k]!;
    }
  }
  // Children come after their parents: from the last node up, each subtree's sums go into its parent.
  for (const into of sums) {
    for (let node = N - 1; node > 0; node--) {
      const up = tree.parent[node]!;
      for (let k = 0; k < K; k++) into[up * K + k] = into[up * K + k]! + into[node * K + k]!;
    }
  }
  const visible = own.map(suppress);
  const sumsOf = (m: number, node: number): S => {
    const out: Record<string, number> = {};
    for (let k = 0; k < K; k++) out[keys[k]!] = sums[m]![node * K + k]!;
    return out as S;
  };
  return {
    month(group: string, month: Month): { shown: true; people: number; sums: S } | { shown: false; reason: SuppressionReason } {
      const m = monthIndex.get(month)!;
      const v = visible[m]!.get(group)!;
      return v.shown ? { shown: true, people: v.people, sums: sumsOf(m, tree.index.get(group)!) } : { shown: false, reason: v.reason };
    },
    range(group: string): { shown: true; monthsShown: number; sums: S } | { shown: false; reason: SuppressionReason } {
      const node = tree.index.get(group)!;
      const total: Record<string, number> = zero();
      const hidden: SuppressionReason[] = [];
      let shown = 0;
      for (let m = 0; m < months.length; m++) {
        const v = visible[m]!.get(group)!;
        if (v.shown) {
          for (let k = 0; k < K; k++) total[keys[k]!]! += sums[m]![node * K + k]!;
          shown += 1;
        } else hidden.push(v.reason);
      }
      return shown > 0 ? { shown: true, monthsShown: shown, sums: total as S } : { shown: false, reason: worstReason(hidden) };
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
  if (props.department && !depts.some((d) => d.id === props.department)) throw new NotFoundError('errors.departmentNotFound');
  const tree = treeOf(depts);
  const read = await readDashboardSums(db, months, timeZone);
  // The one rule over each month's people per group; figures with the same people (early warnings
  // count those of the practice figure) are suppressed once.
  const decided = new Map<string, Map<string, GroupVisibility>>();
  const suppress = (people: Int32Array) => {
    const key = people.join(',');
    let v = decided.get(key);
    if (!v) decided.set(key, (v = aggregatePolicy.tree(tree.nodes(people), 'organisation')));
    return v;
  };
  const practice = measure(tree, months, read.rows.practice, zeros.practice, suppress);
  const quality = measure(tree, months, read.rows.quality, zeros.quality, suppress);
  const topics = measure(tree, months, read.rows.topics, zeros.topics, suppress);
  const condition = measure(tree, months, read.rows.condition, zeros.condition, suppress);
  const warnings = measure(tree, months, read.rows.warnings, zeros.warnings, suppress);

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
  const childIds = tree.childrenOf(selected);
  const hasChildren = (id: string) => tree.childrenOf(id).length > 0;
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
      .map((id) => ({ id, name: byId.get(id)!.name, hasChildren: hasChildren(id), ...rangeCell(id) }))
      .sort((a, b) => a.name.localeCompare(b.name, 'ja')),
  };
}

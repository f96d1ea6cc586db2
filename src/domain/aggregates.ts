import { z } from 'zod';
import { limits } from './limits.js';

/**
 * The one suppression rule of Taiwa (SPEC §2 pair-aggregate and org-aggregate). Every figure
 * built from other people's 1on1s goes through these functions: a figure over too few people is
 * hidden with its reason, figures are published per closed calendar month, and a department tree
 * is suppressed complementarily so that no difference of shown figures isolates a small group.
 * Pure: no database, no clock of its own (`now` is always passed in).
 */

/** Who sees the figure: hr/admin over the organisation (5), or a manager over their own reports (3). */
export type Audience = 'organisation' | 'ownTeam';

/** The smallest group a figure may be shown for. */
export function minimumGroup(audience: Audience): number {
  return audience === 'organisation' ? limits.orgAggregateMinGroup : limits.pairAggregateMinGroup;
}

/** Why a figure is hidden: too few people, or hiding it keeps a smaller group from being subtracted. */
export const suppressionReasons = ['tooFew', 'complementary', 'noData'] as const;
export type SuppressionReason = (typeof suppressionReasons)[number];

/** Whether a figure over `people` distinct people may be shown at all. */
export function groupLargeEnough(people: number, audience: Audience): boolean {
  return people >= minimumGroup(audience);
}

// ---- Periods ----

/** A calendar month as `YYYY-MM`. */
export const monthSchema = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
export type Month = z.infer<typeof monthSchema>;

function partsIn(instant: Date, timeZone: string): { year: number; month: number; day: number; hour: number; minute: number; second: number } {
  const f = new Intl.DateTimeFormat('en-US', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric', hourCycle: 'h23' });
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(instant)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year!, month: p.month!, day: p.day!, hour: p.hour!, minute: p.minute!, second: p.second! };
}

/** The instant a wall-clock date-time in `timeZone` happens (for month starts: midnight local time). */
function zonedInstant(year: number, month: number, day: number, timeZone: string): Date {
  const guess = Date.UTC(year, month - 1, day);
  const p = partsIn(new Date(guess), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const offset = asUtc - guess;
  const first = guess - offset;
  // A second pass settles months whose start crosses an offset change.
  const p2 = partsIn(new Date(first), timeZone);
  const offset2 = Date.UTC(p2.year, p2.month - 1, p2.day, p2.hour, p2.minute, p2.second) - first;
  return new Date(guess - offset2);
}

/** The calendar month an instant falls in, in the organisation's time zone. */
export function monthOf(instant: Date, timeZone: string): Month {
  const p = partsIn(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** The month `delta` months after `month` (negative: before). */
export function addMonths(month: Month, delta: number): Month {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

/** Every month from `from` to `to`, both included, oldest first. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const out: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) out.push(m);
  return out;
}

/**
 * A month's bounds: it starts and ends at local midnight of the first; its figures are published
 * (the period closes) `limits.periodGraceDays` days after it ends, so reflections on its last
 * meetings can still be written. After that its ratings can no longer be given or changed, so a
 * published figure never moves.
 */
export function monthBounds(month: Month, timeZone: string): { start: Date; end: Date; closesAt: Date } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const start = zonedInstant(y, m, 1, timeZone);
  const next = addMonths(month, 1).split('-').map(Number) as [number, number];
  const end = zonedInstant(next[0], next[1], 1, timeZone);
  const closesAt = zonedInstant(next[0], next[1], 1 + limits.periodGraceDays, timeZone);
  return { start, end, closesAt };
}

/** Whether a month's figures are published (closed) at `now`. */
export function isClosed(month: Month, now: Date, timeZone: string): boolean {
  return now.getTime() >= monthBounds(month, timeZone).closesAt.getTime();
}

/** The newest closed month at `now`: the previous month once its grace days are over, else the one before. */
export function latestClosedMonth(now: Date, timeZone: string): Month {
  const previous = addMonths(monthOf(now, timeZone), -1);
  return isClosed(previous, now, timeZone) ? previous : addMonths(previous, -1);
}

// ---- Complementary suppression over a tree of groups ----

/** One group of a tree (a department): the distinct people counted directly in it, not in its children. */
export interface GroupNode {
  id: string;
  parentId: string | null;
  /** Distinct people of this group who are in none of its child groups. */
  ownPeople: number;
}

export type GroupVisibility = { shown: true; people: number } | { shown: false; reason: SuppressionReason; people: null };

/**
 * Decides which groups of a tree may show a figure over their whole subtree. A group under the
 * minimum is hidden (`tooFew`). Because a parent's figure minus its shown children's figures gives
 * the figure of the remainder (the parent's own people plus every hidden subtree under it), every
 * shown group's remainder must be empty or at least the minimum too; where it is not, the smallest
 * shown child is hidden as well (`complementary`) until it is. Then every group that can be
 * derived from shown figures by adding and subtracting them is empty or at least the minimum.
 * People must belong to one group each (a person's current department).
 */
export function suppressTree(nodes: readonly GroupNode[], audience: Audience): Map<string, GroupVisibility> {
  const min = minimumGroup(audience);
  const n = nodes.length;
  // Nodes by number (their position); children as one list per parent, in the nodes' order.
  const number = new Map<string, number>(nodes.map((node, i) => [node.id, i]));
  const parent = Int32Array.from(nodes, (node) => (node.parentId !== null && number.has(node.parentId) ? number.get(node.parentId)! : -1));
  const childCount = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) childCount[parent[i]! + 1]! += 1;
  for (let i = 0; i < n; i++) childCount[i + 1]! += childCount[i]!;
  const childStart = childCount.slice();
  const children = new Int32Array(n);
  const fill = childStart.slice();
  for (let i = 0; i < n; i++) if (parent[i]! >= 0) children[fill[parent[i]!]!++] = i;
  // People in each subtree.
  const size = new Float64Array(n).fill(-1);
  const subtree = (i: number): number => {
    if (size[i]! >= 0) return size[i]!;
    let total = nodes[i]!.ownPeople;
    for (let c = childStart[i]!; c < childStart[i + 1]!; c++) total += subtree(children[c]!);
    size[i] = total;
    return total;
  };
  const shown = new Uint8Array(n);
  const reason: (SuppressionReason | undefined)[] = new Array(n);
  for (let i = 0; i < n; i++) {
    const people = subtree(i);
    if (people === 0) reason[i] = 'noData';
    else if (people < min) reason[i] = 'tooFew';
    else shown[i] = 1;
  }
  // Under a shown node: the people not covered by a shown node below it, and the smallest of the
  // shown nodes that cover the rest (the first met, depth first, among equals).
  let smallest = -1;
  const uncovered = (i: number): number => {
    let people = nodes[i]!.ownPeople;
    for (let c = childStart[i]!; c < childStart[i + 1]!; c++) {
      const child = children[c]!;
      if (shown[child]) {
        if (smallest < 0 || subtree(child) < subtree(smallest)) smallest = child;
      } else people += uncovered(child);
    }
    return people;
  };
  // Hiding a node only ever grows its ancestors' remainders, so this reaches a fixed point.
  for (let changed = true; changed; ) {
    changed = false;
    for (let i = 0; i < n; i++) {
      if (!shown[i]) continue;
      smallest = -1;
      const people = uncovered(i);
      if (people === 0 || people >= min || smallest < 0) continue;
      shown[smallest] = 0;
      reason[smallest] = 'complementary';
      changed = true;
    }
  }
  const out = new Map<string, GroupVisibility>();
  for (let i = 0; i < n; i++) out.set(nodes[i]!.id, shown[i] ? { shown: true, people: subtree(i) } : { shown: false, reason: reason[i] ?? 'tooFew', people: null });
  return out;
}

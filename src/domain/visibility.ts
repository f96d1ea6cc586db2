import { limits } from './limits.js';
import type { Actor } from './roles.js';

/**
 * SPEC §2: every stored field of 1on1 content has exactly one of these visibilities.
 * - private: its author only
 * - pair: the two people of the series
 * - pairAggregate: the manager sees it only averaged over >= 3 of their reports (the report sees their own)
 * - orgAggregate: hr/admin see it only as counts/averages over groups of >= 5
 * - practiceMetadata: hr/admin, per manager; and the manager of the series
 */
export const visibilities = ['private', 'pair', 'pairAggregate', 'orgAggregate', 'practiceMetadata'] as const;
export type Visibility = (typeof visibilities)[number];

/** The people a piece of 1on1 content belongs to. */
export interface ContentOwner {
  authorId: string;
  /** The series this content belongs to: its manager and its report. */
  pair: { managerId: string; reportId: string };
}

/** How a reader may see a piece of content: as itself, only inside an aggregate of a minimum size, or not at all. */
export type ReadAccess =
  | { kind: 'individual' }
  | { kind: 'aggregate'; minGroup: number }
  | { kind: 'none' };

const none: ReadAccess = { kind: 'none' };
const individual: ReadAccess = { kind: 'individual' };

/**
 * The single rule of who may read a piece of 1on1 content (SPEC §2). Every policy that returns
 * 1on1 content asks this function; nothing else decides it. `actor` is null for anonymous callers.
 */
export function readAccess(actor: Actor | null, visibility: Visibility, owner: ContentOwner): ReadAccess {
  if (!actor) return none;
  const me = actor.employeeId;
  const inPair = me === owner.pair.managerId || me === owner.pair.reportId;
  switch (visibility) {
    case 'private':
      return me === owner.authorId ? individual : none;
    case 'pair':
      return inPair ? individual : none;
    case 'pairAggregate':
      if (me === owner.pair.reportId || me === owner.authorId) return individual;
      if (me === owner.pair.managerId) return { kind: 'aggregate', minGroup: limits.pairAggregateMinGroup };
      return none;
    case 'orgAggregate':
      if (inPair) return individual;
      if (actor.isHr || actor.isAdmin) return { kind: 'aggregate', minGroup: limits.orgAggregateMinGroup };
      return none;
    case 'practiceMetadata':
      if (inPair || actor.isHr || actor.isAdmin) return individual;
      return none;
  }
}

/** Whether an aggregate over `groupSize` people may be shown under `access`. */
export function aggregateAllowed(access: ReadAccess, groupSize: number): boolean {
  if (access.kind === 'individual') return true;
  if (access.kind === 'aggregate') return groupSize >= access.minGroup;
  return false;
}

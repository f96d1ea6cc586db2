import { groupLargeEnough, minimumGroup, suppressTree, type Audience, type GroupNode } from '../../domain/aggregates.js';
import type { Actor } from '../../domain/roles.js';

/**
 * Who may read aggregates of other people's 1on1s, and how small a group may be. The rule itself
 * lives in src/domain/aggregates.ts; every aggregate endpoint (organisation analytics, the talk
 * balance aggregate, the manager's own "felt heard" average) asks here.
 */
export const aggregatePolicy = {
  /** Organisation analytics (SPEC §8): hr and admin only. */
  readOrganisation(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
  /** The smallest group a figure may be shown for. */
  minimum(audience: Audience): number {
    return minimumGroup(audience);
  },
  /** Whether one figure over `people` distinct people may be shown. */
  shown(people: number, audience: Audience): boolean {
    return groupLargeEnough(people, audience);
  },
  /** Which groups of a department tree may be shown, complementary suppression included. */
  tree(nodes: readonly GroupNode[], audience: Audience) {
    return suppressTree(nodes, audience);
  },
};

/**
 * Formality signals (SPEC §5): a manager reads the signals of the series they hold, never a report
 * (the nudges are written for the manager); hr and admin read them per manager as practice
 * metadata (SPEC §2), counts only. The felt-heard trend reaches the manager only through
 * `aggregatePolicy` (≥ 3 reports, closed months) and is not part of hr's practice table.
 */
export const formalityPolicy = {
  /** The signals of one series: its manager only. */
  readSeries(actor: Actor, s: { managerId: string }): boolean {
    return actor.employeeId === s.managerId;
  },
  /** hr's manager practice table. */
  readPractice(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
};

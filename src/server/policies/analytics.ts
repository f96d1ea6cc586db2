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

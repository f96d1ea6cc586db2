import type { Actor } from '../../domain/roles.js';
import { readAccess, type ContentOwner, type ReadAccess, type Visibility } from '../../domain/visibility.js';

/**
 * The policy for 1on1 content (topics, notes, answers, check-ins, ratings): SPEC §2 applied to a
 * stored record. Endpoints that return content ask this and nothing else.
 */
export const contentPolicy = {
  access(actor: Actor | null, visibility: Visibility, owner: ContentOwner): ReadAccess {
    return readAccess(actor, visibility, owner);
  },
  /** Whether the actor may read this record itself (not merely inside an aggregate). */
  canReadIndividually(actor: Actor | null, visibility: Visibility, owner: ContentOwner): boolean {
    return readAccess(actor, visibility, owner).kind === 'individual';
  },
};

import type { TipAudience } from '../../domain/coaching.js';
import type { Actor } from '../../domain/roles.js';
import type { TipEntry } from '../guidance/tips.js';
import { roleIn, type Pair } from './series.js';

/**
 * Who may change the guidance content, and who receives which coaching tip. SPEC §1: hr owns
 * templates and the question bank (admins too, with the same content limits); reading the bank is
 * open to everyone signed in, as it holds no one's 1on1 content. SPEC §3.3: tips for the manager
 * go to the manager, tips for the report to the report, and to nobody outside the pair.
 */
export const guidancePolicy = {
  readBank(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  manageBank(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
  /** Agenda templates: hr and admins rewrite and hide them; applying one is adding topics (series policy). */
  manageTemplates(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
  /** The side whose tips the caller receives for this pair: their own role in it, or none. */
  tipAudience(actor: Actor | null, pair: Pair): TipAudience | null {
    return roleIn(actor, pair);
  },
  /** The tips written for this audience, and only those. */
  tipsFor<T extends Pick<TipEntry, 'audience'>>(audience: TipAudience, tips: readonly T[]): T[] {
    return tips.filter((t) => t.audience === audience);
  },
};

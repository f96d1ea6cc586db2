import type { Actor } from '../../domain/roles.js';
import { followUpPolicy } from './followUp.js';
import { seriesPolicy, topicVisibleInPair } from './series.js';

type Pair = { managerId: string; reportId: string; status?: 'pending' | 'active' | 'paused' | 'ended' | 'declined' };

/**
 * Personal data rights (APPI; SPEC §1, §3.2; ADR 0213). Each person downloads their own data and
 * nobody else's: not hr, not an admin — an export path to anyone but the person would hand 1on1
 * content to the organisation (SPEC §2). Admins anonymise a person on a documented request, never
 * themselves. Inside an export, each record passes the same rule it passes when read one by one.
 */
export const privacyPolicy = {
  /** Downloading my own data (JSON or the readable document). */
  exportOwn(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  /** Giving or withdrawing my consent to condition check-ins. */
  manageOwnConsent(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  /** Anonymising employees on request at all: admins only (asked before anything about the employee is read). */
  anonymiseAnyone(actor: Actor | null): actor is Actor {
    return !!actor && actor.isAdmin;
  },
  /** Anonymising this employee: admins, never themselves, and only once. */
  anonymise(actor: Actor | null, target: { id: string; anonymisedAt: Date | null }): boolean {
    return privacyPolicy.anonymiseAnyone(actor) && actor.employeeId !== target.id && target.anonymisedAt === null;
  },
  /** A series the export lists: one the person may read the content of (a pending offer only for the report). */
  exportSeries(actor: Actor, s: Pair): boolean {
    return seriesPolicy.readContent(actor, s);
  },
  /** A topic in the export: shared ones of the pair, and the person's own private drafts. */
  exportTopic(actor: Actor, t: { visibility: 'private' | 'pair'; authorId: string }): boolean {
    return topicVisibleInPair(actor, t);
  },
  /** A private note in the export: the person's own only, never the partner's. */
  exportPrivateNote(actor: Actor, note: { authorId: string; pair: Pair }): boolean {
    return followUpPolicy.readPrivateNote(actor, note);
  },
};

import { and, eq, or, sql, type SQL } from 'drizzle-orm';
import type { MeetingAbilities } from '../../domain/series.js';
import type { Actor } from '../../domain/roles.js';
import { readAccess } from '../../domain/visibility.js';
import { meetings, series, topics } from '../db/schema.js';

/** The two people of a series. */
export interface Pair {
  managerId: string;
  reportId: string;
}

type SeriesStatus = 'pending' | 'active' | 'paused' | 'ended' | 'declined';
type SeriesState = Pair & { status: SeriesStatus };

/** A series the report has not (or not yet) said yes to: the partner reads nothing of it. */
const unaccepted = (s: Pair & { status?: SeriesStatus }) => s.status === 'pending' || s.status === 'declined';
type MeetingState = { status: string; startsAt: Date; movedForHoliday: boolean };

/** The actor's place in a pair, or null when they are not one of its two people. */
export function roleIn(actor: Actor | null, pair: Pair): 'manager' | 'report' | null {
  if (!actor) return null;
  if (actor.employeeId === pair.managerId) return 'manager';
  if (actor.employeeId === pair.reportId) return 'report';
  return null;
}

/**
 * Who may do what with 1on1 series and meetings (SPEC §1–3). The pair reads and prepares its own
 * series; the manager runs the cadence; hr and admin see series only as practice metadata (no
 * purpose, no content); a skip-level manager sees nothing.
 */
export const seriesPolicy = {
  /**
   * Create a series for `report`: their primary manager, or hr/admin for any pair. A series whose
   * partner is not the report's primary manager starts `pending` (see `needsAcceptance`).
   */
  create(actor: Actor | null, report: { id: string; managerId: string | null }): boolean {
    if (!actor) return false;
    if (actor.isHr || actor.isAdmin) return true;
    return report.managerId === actor.employeeId;
  },
  /** SPEC §1: nobody but the primary manager becomes a report's partner without the report's yes. */
  needsAcceptance(report: { managerId: string | null }, partnerId: string): boolean {
    return report.managerId !== partnerId;
  },
  bulkCreate(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
  /** Seeing that a series exists, its cadence and status: the pair, or hr/admin as practice metadata. */
  viewMetadata(actor: Actor | null, s: Pair): boolean {
    return readAccess(actor, 'practiceMetadata', { authorId: s.managerId, pair: s }).kind === 'individual';
  },
  /**
   * Reading the purpose and everything shared inside the series. Until the report accepts a
   * pending series only the report reads it (to decide); the offering partner reads nothing.
   */
  readContent(actor: Actor | null, s: Pair & { status?: SeriesStatus }): boolean {
    if (unaccepted(s) && actor?.employeeId !== s.reportId) return false;
    return readAccess(actor, 'pair', { authorId: s.managerId, pair: s }).kind === 'individual';
  },
  abilities(actor: Actor | null, s: SeriesState) {
    const role = roleIn(actor, s);
    const manager = role === 'manager';
    const pending = s.status === 'pending';
    const closed = s.status === 'ended' || s.status === 'declined';
    return {
      update: role !== null && !closed && !pending,
      pause: manager && s.status === 'active',
      resume: manager && s.status === 'paused',
      // The offering partner may withdraw a pending offer.
      end: manager && !closed,
      requestExtra: role !== null && s.status === 'active',
      readContent: role !== null && (role === 'report' || !unaccepted(s)),
      accept: role === 'report' && pending,
      decline: role === 'report' && pending,
    };
  },
  meetingAbilities(actor: Actor | null, s: SeriesState, m: MeetingState, now = new Date()): MeetingAbilities {
    const role = unaccepted(s) ? null : roleIn(actor, s);
    const open = m.status === 'scheduled' && s.status !== 'ended';
    const upcoming = open && m.startsAt.getTime() + 24 * 3600_000 > now.getTime();
    return {
      reschedule: role !== null && upcoming,
      cancel: role !== null && upcoming,
      keepOriginalDate: role !== null && upcoming && m.movedForHoliday,
      addTopic: role !== null && (m.status === 'scheduled' || m.status === 'inProgress'),
      askPreQuestion: role === 'manager' && upcoming,
      answerPreQuestion: role === 'report' && (m.status === 'scheduled' || m.status === 'inProgress'),
      checkIn: role === 'report' && (m.status === 'scheduled' || m.status === 'inProgress'),
      viewPrepBrief: role === 'manager' && m.status !== 'cancelled',
    };
  },
  /** SQL: series the actor is one of the pair of. */
  pairWhere(actor: Actor): SQL {
    return or(eq(series.managerId, actor.employeeId), eq(series.reportId, actor.employeeId))!;
  },
  /** SQL: meetings whose series has the actor in its pair (joined with `series`). */
  meetingsWhere(actor: Actor): SQL {
    return and(eq(meetings.seriesId, series.id), this.pairWhere(actor))!;
  },
};

/**
 * Whether the actor may see a topic of a meeting of their own pair (SPEC §2): shared topics, and
 * their own private drafts. The pair check itself is `seriesPolicy.readContent`.
 */
export function topicVisibleInPair(actor: Actor, t: { visibility: 'private' | 'pair'; authorId: string }): boolean {
  return t.visibility === 'pair' || t.authorId === actor.employeeId;
}

/** SQL form of `topicVisibleInPair`, for queries already limited to the actor's pair. */
export function topicVisibleInPairWhere(actor: Actor): SQL {
  return or(eq(topics.visibility, 'pair'), eq(topics.authorId, actor.employeeId))!;
}

/**
 * SQL: topics the actor may read, applying SPEC §2 inside the query (joined with `series`):
 * shared topics for the pair, private drafts for their author only.
 */
export function visibleTopicsWhere(actor: Actor): SQL {
  return and(topicVisibleInPairWhere(actor), seriesPolicy.pairWhere(actor))!;
}

/** SQL fragment used where a raw condition is easier: whether the actor is in the pair of `series`. */
export const inPairSql = (actor: Actor) => sql`(${series.managerId} = ${actor.employeeId} or ${series.reportId} = ${actor.employeeId})`;

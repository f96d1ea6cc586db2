import { and, eq, or, type SQL } from 'drizzle-orm';
import type { MeetingAbilities } from '../../domain/series.js';
import type { Actor } from '../../domain/roles.js';
import { readAccess } from '../../domain/visibility.js';
import type { Tx } from '../db/client.js';
import { meetings, series, topics } from '../db/schema.js';
import { ConflictError, ForbiddenError } from '../errors.js';

/** The two people of a series. */
export interface Pair {
  managerId: string;
  reportId: string;
}

export type SeriesStatus = 'pending' | 'active' | 'paused' | 'ended' | 'declined';
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
  /** What the caller may do with a meeting now: each ability as declared in `meetingAbilityRules`. */
  meetingAbilities(actor: Actor | null, s: SeriesState, m: MeetingState, now = new Date()): MeetingAbilities {
    // A series the report has not accepted gives nobody any ability on its meetings.
    const role = unaccepted(s) ? null : roleIn(actor, s);
    const out = {} as MeetingAbilities;
    for (const [name, rule] of Object.entries(meetingAbilityRules) as [keyof MeetingAbilities, AbilityRule][]) {
      out[name] = role !== null && rule.who.includes(role) && rule.when(s, m, now);
    }
    return out;
  },
  /**
   * Throws unless the actor may use `ability` on the meeting now: 403 when it is not theirs to use
   * (the wrong side of the pair), 409 when it is theirs but the meeting's state does not allow it.
   * The pair check itself (404 to outsiders) is the loader's.
   */
  assertMeetingAbility(actor: Actor, s: SeriesState, m: MeetingState, ability: keyof MeetingAbilities, now = new Date()): void {
    const role = unaccepted(s) ? null : roleIn(actor, s);
    const rule = meetingAbilityRules[ability];
    if (role === null || !rule.who.includes(role)) throw new ForbiddenError();
    if (!rule.when(s, m, now)) throw new ConflictError(rule.conflict);
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

type AbilityRule = {
  /** Which side of the pair the ability belongs to: anyone else is refused with 403. */
  who: readonly ('manager' | 'report')[];
  /** When the meeting's state allows it: otherwise 409 with `conflict`. */
  when: (s: SeriesState, m: MeetingState, now: Date) => boolean;
  conflict: 'errors.meetingNotOpen' | 'errors.meetingNotMoved';
};

const both = ['manager', 'report'] as const;
const open = (s: SeriesState, m: MeetingState) => m.status === 'scheduled' && s.status !== 'ended';
const upcoming = (s: SeriesState, m: MeetingState, now: Date) => open(s, m) && m.startsAt.getTime() + 24 * 3600_000 > now.getTime();
const beforeOver = (_s: SeriesState, m: MeetingState) => m.status === 'scheduled' || m.status === 'inProgress';

/**
 * Every ability on a meeting, declared once: who may use it and when. The same declaration answers
 * the abilities object sent to the client and the check a command makes (403 or 409).
 */
const meetingAbilityRules: Record<keyof MeetingAbilities, AbilityRule> = {
  reschedule: { who: both, when: upcoming, conflict: 'errors.meetingNotOpen' },
  cancel: { who: both, when: upcoming, conflict: 'errors.meetingNotOpen' },
  keepOriginalDate: { who: both, when: (s, m, now) => upcoming(s, m, now) && m.movedForHoliday, conflict: 'errors.meetingNotMoved' },
  addTopic: { who: both, when: beforeOver, conflict: 'errors.meetingNotOpen' },
  askPreQuestion: { who: ['manager'], when: upcoming, conflict: 'errors.meetingNotOpen' },
  answerPreQuestion: { who: ['report'], when: beforeOver, conflict: 'errors.meetingNotOpen' },
  checkIn: { who: ['report'], when: beforeOver, conflict: 'errors.meetingNotOpen' },
  viewPrepBrief: { who: ['manager'], when: (_s, m) => m.status !== 'cancelled', conflict: 'errors.meetingNotOpen' },
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

/** Loads one meeting with its series when the caller is one of the pair; else null (a 404 to them). */
export async function loadMeetingForPair(db: Tx, actor: Actor, id: string) {
  const [row] = await db.select({ m: meetings, s: series }).from(meetings).innerJoin(series, eq(series.id, meetings.seriesId)).where(eq(meetings.id, id));
  if (!row || !seriesPolicy.readContent(actor, row.s)) return null;
  return row;
}

import { and, eq, inArray, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { aggregateAllowed, readAccess } from '../../domain/visibility.js';
import { actionItems, series } from '../db/schema.js';
import { roleIn, seriesPolicy, type Pair } from './series.js';

type MeetingStatus = 'scheduled' | 'inProgress' | 'minutesDraft' | 'shared' | 'acknowledged' | 'cancelled';
type MinutesStatus = 'draft' | 'shared' | 'acknowledged';
type SeriesStatus = 'pending' | 'active' | 'paused' | 'ended' | 'declined';

/**
 * Who may read and do what with a meeting's follow-up (SPEC §2, §3.3–3.4). Every read decision is
 * `readAccess` from src/domain/visibility.ts applied to the record's owner; list queries use the
 * SQL fragments below so that nothing outside the caller's pairs is ever loaded.
 */
export const followUpPolicy = {
  /** A private note (自分用メモ): its author only, never the partner, hr, admin or a skip-level manager. */
  readPrivateNote(actor: Actor | null, note: { authorId: string; pair: Pair }): boolean {
    return readAccess(actor, 'private', { authorId: note.authorId, pair: note.pair }).kind === 'individual';
  },
  /** Pair content: shared notes, minutes, action items, feedback records, reflection text. */
  readPair(actor: Actor | null, pair: Pair, authorId: string = pair.managerId): boolean {
    return readAccess(actor, 'pair', { authorId, pair }).kind === 'individual';
  },
  /**
   * The ratings of one reflection, as an individual record. The report's "felt heard" and "useful"
   * are pair-aggregate (the manager never reads them one by one); the manager's rating of their own
   * listening is theirs alone.
   */
  readReflectionRatings(actor: Actor | null, reflection: { authorId: string; role: 'manager' | 'report'; pair: Pair }): boolean {
    const visibility = reflection.role === 'report' ? 'pairAggregate' : 'private';
    return readAccess(actor, visibility, { authorId: reflection.authorId, pair: reflection.pair }).kind === 'individual';
  },
  /** Whether the manager may see the average of their reports' ratings over `contributors` distinct reports. */
  ratingsSummaryAllowed(actor: Actor | null, contributors: number): boolean {
    if (!actor) return false;
    // The owner of an aggregate over the manager's reports: their pairs, authored by the reports.
    const access = readAccess(actor, 'pairAggregate', { authorId: '', pair: { managerId: actor.employeeId, reportId: '' } });
    return access.kind === 'aggregate' && aggregateAllowed(access, contributors);
  },

  /** What the caller may do with a meeting now. */
  meetingAbilities(actor: Actor | null, s: Pair & { status: SeriesStatus }, m: { status: MeetingStatus }) {
    const role = roleIn(actor, s);
    const inPair = role !== null;
    return {
      start: inPair && m.status === 'scheduled' && s.status !== 'ended',
      markDiscussed: inPair && (m.status === 'scheduled' || m.status === 'inProgress'),
      finish: inPair && m.status === 'inProgress',
      addActionItem: inPair && m.status !== 'cancelled',
      addFeedback: inPair && m.status !== 'cancelled',
      reflect: inPair && (m.status === 'shared' || m.status === 'acknowledged'),
    };
  },
  /** What the caller may do with a meeting's minutes now. */
  minutesAbilities(actor: Actor | null, s: Pair, m: { status: MeetingStatus }, minutes: { status: MinutesStatus }) {
    const role = roleIn(actor, s);
    const draft = role !== null && minutes.status === 'draft' && m.status === 'minutesDraft';
    return {
      edit: draft,
      share: draft,
      acknowledge: role === 'report' && minutes.status === 'shared',
      correct: role !== null && minutes.status !== 'draft',
    };
  },
  /** Feedback records: the giver edits and removes their own. */
  feedbackAbilities(actor: Actor | null, f: { giverId: string }) {
    const mine = !!actor && actor.employeeId === f.giverId;
    return { update: mine, remove: mine };
  },
  /**
   * Action items: either side of the pair keeps them up to date (title, due date, done). Only the
   * item's owner or the person who added it may remove it or hand it to the other side, so a
   * report cannot take back the support their manager committed to, nor the manager a report's step.
   */
  actionItemAbilities(actor: Actor | null, s: Pair & { status: SeriesStatus }, item: { ownerId: string; createdById: string }) {
    const inPair = roleIn(actor, s) !== null;
    const mine = inPair && (actor!.employeeId === item.ownerId || actor!.employeeId === item.createdById);
    return { update: inPair, remove: mine, handOver: mine };
  },

  /** SQL (joined with `series`): series the actor is one of the pair of. */
  pairWhere(actor: Actor): SQL {
    return seriesPolicy.pairWhere(actor);
  },
  /** SQL (joined with `series`): the support their managers committed to in the series where the actor is the report. */
  supportForMeWhere(actor: Actor): SQL {
    return and(eq(series.reportId, actor.employeeId), eq(actionItems.support, true))!;
  },
  /** SQL (joined with `series`): the series of the actor's direct reports in which the actor is the manager. */
  teamWhere(actor: Actor): SQL {
    if (actor.directReportIds.length === 0) return sql`false`;
    return and(eq(series.managerId, actor.employeeId), inArray(series.reportId, [...actor.directReportIds]))!;
  },
};

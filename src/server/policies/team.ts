import { and, eq, inArray, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { series } from '../db/schema.js';
import { seriesPolicy } from './series.js';

/**
 * The manager's team view (issue 10 item 4). It is for the people who hold 1on1s as managers: a
 * primary manager of someone, or the manager of an accepted series. What it shows of a report comes
 * only from the series the caller holds as manager (SPEC §2 `pair`): a skip-level manager sees
 * their own direct reports, never the reports of those reports; hr and admin get nothing here for
 * their role (their view is the organisation analytics); a report is refused.
 */
export const teamPolicy = {
  /** Whether the actor has a team view at all (`heldSeries`: series found by `seriesWhere`). */
  read(actor: Actor | null, heldSeries: number): boolean {
    return !!actor && (actor.directReportIds.length > 0 || heldSeries > 0);
  },
  /** SQL: the series whose preparation, cadence and condition the team view reads. */
  seriesWhere(actor: Actor): SQL {
    return and(eq(series.managerId, actor.employeeId), inArray(series.status, ['active', 'paused']))!;
  },
  /** A second look at each loaded series: the actor is its manager and may read its content. */
  readSeries(actor: Actor, s: { managerId: string; reportId: string; status: 'pending' | 'active' | 'paused' | 'ended' | 'declined' }): boolean {
    return s.managerId === actor.employeeId && (s.status === 'active' || s.status === 'paused') && seriesPolicy.readContent(actor, s);
  },
};

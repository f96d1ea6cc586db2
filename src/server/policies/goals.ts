import { and, eq, exists, or, sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { feedbackRecords, goals, series } from '../db/schema.js';
import { seriesPolicy } from './series.js';

/**
 * Who may read and do what with goals (SPEC §6, ADR 0206). A goal is pair content of the series in
 * which its owner is the report: readable by its owner and by the partner of each of the owner's
 * active series where the owner is the report (their manager, a mentor the owner accepted). A
 * manager's own goals are not shown to their reports; hr, admin and a skip-level manager without
 * an accepted series with the owner read nothing.
 */
export const goalPolicy = {
  /** SQL (on `goals`): the goals the actor may read. */
  readableWhere(actor: Actor): SQL {
    return or(
      eq(goals.ownerId, actor.employeeId),
      exists(
        sql`(select 1 from ${series} where ${series.reportId} = ${goals.ownerId} and ${series.managerId} = ${actor.employeeId} and ${series.status} = 'active')`,
      ),
    )!;
  },
  /** What the actor may do with a goal they can read: the owner edits it and updates progress; a partner comments. */
  abilities(actor: Actor, goal: { ownerId: string; status: 'active' | 'archived' }) {
    const owner = actor.employeeId === goal.ownerId;
    const open = goal.status === 'active';
    return { edit: owner, updateProgress: owner && open, comment: open };
  },
  /** Anyone signed in creates goals, always for themselves. */
  create(actor: Actor | null): boolean {
    return !!actor;
  },
  /**
   * SQL (on `feedbackRecords` joined with `series`): the feedback log of the actor — feedback of
   * their own pairs that they gave or received.
   */
  feedbackLogWhere(actor: Actor, direction: 'received' | 'given'): SQL {
    const column = direction === 'received' ? feedbackRecords.receiverId : feedbackRecords.giverId;
    return and(eq(column, actor.employeeId), seriesPolicy.pairWhere(actor))!;
  },
};

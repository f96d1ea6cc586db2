import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../db/client.js';
import { employees, session } from '../db/schema.js';

const reports = alias(employees, 'reports');

/**
 * The policy input of the joined employee row, as columns: their id, roles and active direct
 * reports (the manager role; SPEC §2 gives managers above that nothing of a report's 1on1s). Every
 * API request reads it, so the direct reports come back as an array in the same statement.
 */
function actorColumns(db: Tx) {
  const directReports = db
    .select({ ids: sql<string[]>`coalesce(array_agg(${reports.id}), '{}')` })
    .from(reports)
    .where(and(eq(reports.managerId, employees.id), eq(reports.active, true)));
  return { employeeId: employees.id, isHr: employees.isHr, isAdmin: employees.isAdmin, directReportIds: sql<string[]>`(${directReports})` };
}

type ActorRow = { employeeId: string | null; isHr: boolean | null; isAdmin: boolean | null; directReportIds: string[] | null };

const actorOf = (row: ActorRow | undefined): Actor | null =>
  row?.employeeId ? { employeeId: row.employeeId, isHr: row.isHr === true, isAdmin: row.isAdmin === true, directReportIds: row.directReportIds ?? [] } : null;

/**
 * Loads the policy input for a signed-in user: their employee record and direct reports.
 * Returns null when the user has no active employee record (deactivated people are anonymous).
 */
export async function loadActor(db: Tx, userId: string): Promise<Actor | null> {
  const [me] = await db
    .select(actorColumns(db))
    .from(employees)
    .where(and(eq(employees.userId, userId), eq(employees.active, true)))
    .limit(1);
  return actorOf(me);
}

/**
 * A session by its token with the policy input of its user, in one statement (ADR 0217): null when
 * there is no such session; `actor` is null when the user has no active employee record.
 */
export async function loadSessionActor(db: Tx, token: string): Promise<{ expiresAt: Date; actor: Actor | null } | null> {
  const [row] = await db
    .select({ expiresAt: session.expiresAt, ...actorColumns(db) })
    .from(session)
    .leftJoin(employees, and(eq(employees.userId, session.userId), eq(employees.active, true)))
    .where(eq(session.token, token))
    .limit(1);
  return row ? { expiresAt: row.expiresAt, actor: actorOf(row) } : null;
}

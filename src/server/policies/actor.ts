import { and, eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../db/client.js';
import { employees } from '../db/schema.js';

const reports = alias(employees, 'reports');

/**
 * Loads the policy input for a signed-in user: their employee record and direct reports
 * (the manager role; SPEC §2 gives managers above that nothing of a report's 1on1s).
 * Returns null when the user has no active employee record (deactivated people are anonymous).
 */
export async function loadActor(db: Tx, userId: string): Promise<Actor | null> {
  // One statement: every API request runs this, so the direct reports come back as an array.
  const directReports = db
    .select({ ids: sql<string[]>`coalesce(array_agg(${reports.id}), '{}')` })
    .from(reports)
    .where(and(eq(reports.managerId, employees.id), eq(reports.active, true)));
  const [me] = await db
    .select({ id: employees.id, isHr: employees.isHr, isAdmin: employees.isAdmin, directReportIds: sql<string[]>`(${directReports})` })
    .from(employees)
    .where(and(eq(employees.userId, userId), eq(employees.active, true)))
    .limit(1);
  if (!me) return null;
  return { employeeId: me.id, isHr: me.isHr, isAdmin: me.isAdmin, directReportIds: me.directReportIds };
}

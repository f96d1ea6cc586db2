import { and, eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../db/client.js';
import { employees } from '../db/schema.js';

/**
 * Loads the policy input for a signed-in user: their employee record and direct reports
 * (the manager role; SPEC §2 gives managers above that nothing of a report's 1on1s).
 * Returns null when the user has no active employee record (deactivated people are anonymous).
 */
export async function loadActor(db: Tx, userId: string): Promise<Actor | null> {
  const [me] = await db
    .select({ id: employees.id, isHr: employees.isHr, isAdmin: employees.isAdmin })
    .from(employees)
    .where(and(eq(employees.userId, userId), eq(employees.active, true)))
    .limit(1);
  if (!me) return null;
  const reports = await db
    .select({ id: employees.id })
    .from(employees)
    .where(and(eq(employees.managerId, me.id), eq(employees.active, true)));
  return { employeeId: me.id, isHr: me.isHr, isAdmin: me.isAdmin, directReportIds: reports.map((r) => r.id) };
}

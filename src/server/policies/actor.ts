import { and, eq, sql } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../db/client.js';
import { employees } from '../db/schema.js';

/**
 * Loads the policy input for a signed-in user: their employee record and reporting lines.
 * Returns null when the user has no active employee record (deactivated people are anonymous).
 */
export async function loadActor(db: Tx, userId: string): Promise<Actor | null> {
  const [me] = await db
    .select({ id: employees.id, isHr: employees.isHr, isAdmin: employees.isAdmin })
    .from(employees)
    .where(and(eq(employees.userId, userId), eq(employees.active, true)))
    .limit(1);
  if (!me) return null;
  const below = await db.execute<{ id: string; depth: number }>(sql`
    with recursive below(id, depth) as (
      select id, 1 from employees where manager_id = ${me.id} and active
      union all
      select e.id, b.depth + 1 from employees e join below b on e.manager_id = b.id where e.active and b.depth < 50
    )
    select id, depth from below`);
  return {
    employeeId: me.id,
    isHr: me.isHr,
    isAdmin: me.isAdmin,
    directReportIds: below.rows.filter((r) => Number(r.depth) === 1).map((r) => r.id),
    indirectReportIds: below.rows.map((r) => r.id),
  };
}

import { sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { ConflictError } from '../errors.js';

/** Serialises changes to reporting lines and departments, so two concurrent edits cannot form a cycle. */
export async function lockOrganisation(tx: Tx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(7264212)`);
}

/**
 * Rejects making `managerId` the manager of `employeeId` when `managerId` already reports,
 * directly or not, to `employeeId` — or is `employeeId` itself.
 */
export async function assertNoReportingCycle(
  tx: Tx,
  employeeId: string,
  managerId: string,
  names: { employee: string; manager: string },
): Promise<void> {
  if (employeeId === managerId) throw new ConflictError('errors.selfManager', {}, 'managerId');
  const found = await tx.execute<{ id: string }>(sql`
    with recursive up(id, depth) as (
      select manager_id, 1 from employees where id = ${managerId}
      union all
      select e.manager_id, u.depth + 1 from employees e join up u on e.id = u.id where u.id is not null and u.depth < 1000
    )
    select id from up where id = ${employeeId} limit 1`);
  if (found.rows.length > 0) throw new ConflictError('errors.reportingCycle', names, 'managerId');
}

/** Rejects moving department `id` under `parentId` when that parent lies inside `id`'s own subtree. */
export async function assertNoDepartmentCycle(tx: Tx, id: string, parentId: string): Promise<void> {
  if (id === parentId) throw new ConflictError('errors.departmentCycle', {}, 'parentId');
  const found = await tx.execute<{ id: string }>(sql`
    with recursive up(id, depth) as (
      select parent_id, 1 from departments where id = ${parentId}
      union all
      select d.parent_id, u.depth + 1 from departments d join up u on d.id = u.id where u.id is not null and u.depth < 1000
    )
    select id from up where id = ${id} limit 1`);
  if (found.rows.length > 0) throw new ConflictError('errors.departmentCycle', {}, 'parentId');
}

import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { departmentCreateSchema, departmentUpdateSchema } from '../../domain/departments.js';
import type { Db, Tx } from '../db/client.js';
import { departments, employees } from '../db/schema.js';
import { ConflictError, NotFoundError } from '../errors.js';
import { assertNoDepartmentCycle, lockOrganisation } from './reportingLines.js';

async function assertParent(tx: Tx, parentId: string) {
  const [p] = await tx.select({ active: departments.active }).from(departments).where(eq(departments.id, parentId));
  if (!p) throw new ConflictError('errors.parentNotFound', {}, 'parentId');
  if (!p.active) throw new ConflictError('errors.departmentInactive', {}, 'parentId');
}

/** Creates a department, optionally under a parent. */
export async function createDepartment(props: { db: Db; input: z.output<typeof departmentCreateSchema> }): Promise<string> {
  const { db, input } = props;
  return db.transaction(async (tx) => {
    await lockOrganisation(tx);
    if (input.parentId) await assertParent(tx, input.parentId);
    const [row] = await tx.insert(departments).values(input).returning({ id: departments.id });
    return row!.id;
  });
}

/** Renames, moves (never into its own subtree) or (de)activates a department. */
export async function updateDepartment(props: { db: Db; id: string; input: z.output<typeof departmentUpdateSchema> }): Promise<void> {
  const { db, id, input } = props;
  await db.transaction(async (tx) => {
    await lockOrganisation(tx);
    const [current] = await tx.select().from(departments).where(eq(departments.id, id));
    if (!current) throw new NotFoundError('errors.departmentNotFound');
    if (input.parentId) {
      await assertNoDepartmentCycle(tx, id, input.parentId);
      if (input.parentId !== current.parentId) await assertParent(tx, input.parentId);
    }
    if (input.active === false && current.active) {
      const [busy] = await tx.select({ n: sql<number>`count(*)::int` }).from(employees).where(and(eq(employees.departmentId, id), eq(employees.active, true)));
      const [children] = await tx.select({ n: sql<number>`count(*)::int` }).from(departments).where(and(eq(departments.parentId, id), eq(departments.active, true)));
      if ((busy?.n ?? 0) > 0 || (children?.n ?? 0) > 0) throw new ConflictError('errors.departmentHasMembers', {}, 'active');
    }
    await tx.update(departments).set(input).where(eq(departments.id, id));
  });
}

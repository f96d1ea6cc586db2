import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { setupSchema } from '../../domain/me.js';
import type { Auth } from '../auth.js';
import type { Db } from '../db/client.js';
import { employees, settings } from '../db/schema.js';
import { ConflictError } from '../errors.js';
import { createEmployee } from './saveEmployee.js';

/** Whether the installation still has no employee (the first visit then creates the first admin). */
export async function needsSetup(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(employees);
  return (row?.n ?? 0) === 0;
}

/** First-run set-up: names the organisation and creates its first admin. Refused once anyone exists. */
export async function setupOrganisation(props: { db: Db; auth: Auth; input: z.output<typeof setupSchema> }): Promise<void> {
  const { db, auth, input } = props;
  await createEmployee({
    db,
    auth,
    guard: async (tx) => {
      const [row] = await tx.select({ n: sql<number>`count(*)::int` }).from(employees);
      if ((row?.n ?? 0) > 0) throw new ConflictError('errors.setupDone');
      await tx
        .insert(settings)
        .values({ key: 'organisationName', value: input.organisationName })
        .onConflictDoUpdate({ target: settings.key, set: { value: input.organisationName } });
    },
    input: {
      familyName: input.familyName,
      givenName: input.givenName,
      familyNameKana: input.familyNameKana,
      givenNameKana: input.givenNameKana,
      email: input.email,
      employeeNumber: 'ADMIN-0001',
      title: null,
      departmentId: null,
      managerId: null,
      isHr: false,
      isAdmin: true,
      password: input.password,
    },
  });
}

import { randomUUID } from 'node:crypto';
import { and, eq, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { employeeCreateSchema, employeeUpdateSchema } from '../../domain/employees.js';
import { hashPassword, type Auth } from '../auth.js';
import type { Db, Tx } from '../db/client.js';
import { account, departments, employees, session, user } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { passwordProblem, type PasswordOwner } from '../passwordPolicy.js';
import { assertNoReportingCycle, lockOrganisation } from './reportingLines.js';

type CreateInput = z.output<typeof employeeCreateSchema>;
type UpdateInput = z.output<typeof employeeUpdateSchema>;

/** Refuses a guessable password with a field message before anything is hashed or written. */
export function assertPasswordAllowed(password: string, owner: PasswordOwner, field = 'password'): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw new ValidationError({ [field]: { key: problem } });
}

function displayName(e: { familyName: string; givenName: string }): string {
  return `${e.familyName} ${e.givenName}`;
}

async function assertUnique(tx: Tx, fields: { email?: string | null; employeeNumber?: string }, exceptId?: string) {
  if (fields.email) {
    const clash = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(and(sql`lower(${employees.email}) = ${fields.email.toLowerCase()}`, exceptId ? ne(employees.id, exceptId) : undefined))
      .limit(1);
    const userClash = await tx.select({ id: user.id }).from(user).where(eq(user.email, fields.email)).limit(1);
    const own = exceptId ? await tx.select({ userId: employees.userId }).from(employees).where(eq(employees.id, exceptId)) : [];
    if (clash.length || (userClash.length && userClash[0]?.id !== own[0]?.userId)) throw new ConflictError('errors.emailTaken', {}, 'email');
  }
  if (fields.employeeNumber) {
    const clash = await tx
      .select({ id: employees.id })
      .from(employees)
      .where(and(eq(employees.employeeNumber, fields.employeeNumber), exceptId ? ne(employees.id, exceptId) : undefined))
      .limit(1);
    if (clash.length) throw new ConflictError('errors.employeeNumberTaken', {}, 'employeeNumber');
  }
}

async function assertDepartment(tx: Tx, departmentId: string | null | undefined) {
  if (!departmentId) return;
  const [d] = await tx.select({ active: departments.active }).from(departments).where(eq(departments.id, departmentId));
  if (!d) throw new ConflictError('errors.departmentNotFound', {}, 'departmentId');
  if (!d.active) throw new ConflictError('errors.departmentInactive', {}, 'departmentId');
}

async function managerFor(tx: Tx, managerId: string) {
  const [m] = await tx
    .select({ id: employees.id, active: employees.active, familyName: employees.familyName, givenName: employees.givenName })
    .from(employees)
    .where(eq(employees.id, managerId));
  if (!m) throw new ConflictError('errors.managerNotFound', {}, 'managerId');
  if (!m.active) throw new ConflictError('errors.managerInactive', {}, 'managerId');
  return m;
}

/** A password is for signing in, and signing in goes by e-mail address (ADR 0215). */
function assertPasswordHasEmail(password: string | undefined, email: string | null | undefined): void {
  if (password && !email) throw new ValidationError({ password: { key: 'errors.passwordNeedsEmail' } });
}

/**
 * Creates an employee with their sign-in user (and password, when one is given). Without an e-mail
 * address there is no sign-in user: the person exists in the organisation but cannot sign in.
 */
export async function createEmployee(props: {
  db: Db;
  auth: Auth;
  input: CreateInput;
  /** Runs inside the transaction, under the organisation lock, before anything is written. */
  guard?: (tx: Tx) => Promise<void>;
}): Promise<string> {
  const { db, auth, input } = props;
  assertPasswordHasEmail(input.password, input.email);
  if (input.password && input.email) assertPasswordAllowed(input.password, { ...input, email: input.email });
  const passwordHash = input.password ? await hashPassword(auth, input.password) : null;
  return db.transaction(async (tx) => {
    await lockOrganisation(tx);
    await props.guard?.(tx);
    await assertUnique(tx, input);
    await assertDepartment(tx, input.departmentId);
    if (input.managerId) await managerFor(tx, input.managerId);
    const userId = input.email ? randomUUID() : null;
    if (userId && input.email) await tx.insert(user).values({ id: userId, name: displayName(input), email: input.email, emailVerified: true });
    if (userId && passwordHash) {
      await tx.insert(account).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: passwordHash });
    }
    const [row] = await tx
      .insert(employees)
      .values({
        userId,
        familyName: input.familyName,
        givenName: input.givenName,
        familyNameKana: input.familyNameKana,
        givenNameKana: input.givenNameKana,
        email: input.email,
        employeeNumber: input.employeeNumber,
        title: input.title,
        departmentId: input.departmentId,
        managerId: input.managerId,
        isHr: input.isHr,
        isAdmin: input.isAdmin,
      })
      .returning({ id: employees.id });
    return row!.id;
  });
}

/**
 * Changes an employee. Reporting lines are checked for cycles under a lock; deactivation signs
 * the person out everywhere and is refused while they still have active direct reports.
 */
export async function updateEmployee(props: { db: Db; auth: Auth; actorId: string; id: string; input: UpdateInput }): Promise<void> {
  const { db, auth, actorId, id, input } = props;
  if (input.password) {
    const [owner] = await db.select().from(employees).where(eq(employees.id, id));
    if (!owner) throw new NotFoundError('errors.employeeNotFound');
    const email = input.email ?? owner.email;
    assertPasswordHasEmail(input.password, email);
    assertPasswordAllowed(input.password, {
      email: email!,
      familyName: input.familyName ?? owner.familyName,
      givenName: input.givenName ?? owner.givenName,
      familyNameKana: input.familyNameKana ?? owner.familyNameKana,
      givenNameKana: input.givenNameKana ?? owner.givenNameKana,
    });
  }
  const passwordHash = input.password ? await hashPassword(auth, input.password) : null;
  await db.transaction(async (tx) => {
    await lockOrganisation(tx);
    const [current] = await tx.select().from(employees).where(eq(employees.id, id));
    if (!current) throw new NotFoundError('errors.employeeNotFound');
    await assertUnique(tx, { email: input.email, employeeNumber: input.employeeNumber }, id);
    if (input.departmentId !== undefined && input.departmentId !== current.departmentId) await assertDepartment(tx, input.departmentId);
    if (input.managerId) {
      const m = await managerFor(tx, input.managerId);
      await assertNoReportingCycle(tx, id, input.managerId, {
        employee: displayName({ familyName: input.familyName ?? current.familyName, givenName: input.givenName ?? current.givenName }),
        manager: displayName(m),
      });
    }
    if (input.active === false && current.active) {
      if (id === actorId) throw new ConflictError('errors.selfDeactivate', {}, 'active');
      const reports = await tx
        .select({ id: employees.id })
        .from(employees)
        .where(and(eq(employees.managerId, id), eq(employees.active, true)))
        .limit(1);
      if (reports.length) throw new ConflictError('errors.hasActiveReports', {}, 'active');
    }
    const losesAdmin = current.isAdmin && (input.isAdmin === false || input.active === false);
    if (losesAdmin) {
      const [others] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(employees)
        .where(and(eq(employees.isAdmin, true), eq(employees.active, true), ne(employees.id, id)));
      if (!others || others.n === 0) throw new ConflictError('errors.lastAdmin', {}, input.isAdmin === false ? 'isAdmin' : 'active');
    }
    const { password: _password, ...fields } = input;
    const deactivating = input.active === false && current.active;
    const name = displayName({ familyName: input.familyName ?? current.familyName, givenName: input.givenName ?? current.givenName });
    let userId = current.userId;
    // The first address: the person gets their sign-in user now, written with it (ADR 0215).
    const firstUser = !userId && input.email ? randomUUID() : null;
    if (firstUser && input.email) await tx.insert(user).values({ id: firstUser, name, email: input.email, emailVerified: true });
    const changes = {
      ...fields,
      ...(firstUser ? { userId: firstUser } : {}),
      ...(input.active !== undefined && input.active !== current.active ? { deactivatedAt: input.active ? null : new Date() } : {}),
    };
    // A password-only change has nothing to write here (Drizzle throws on an empty SET).
    if (Object.keys(changes).length > 0) await tx.update(employees).set(changes).where(eq(employees.id, id));
    if (firstUser) {
      userId = firstUser;
    } else if (userId && (input.email || input.familyName || input.givenName)) {
      await tx
        .update(user)
        .set({ email: input.email ?? current.email!, name })
        .where(eq(user.id, userId));
    }
    if (!userId) return;
    if (passwordHash) {
      const updated = await tx
        .update(account)
        .set({ password: passwordHash })
        .where(and(eq(account.userId, userId), eq(account.providerId, 'credential')))
        .returning({ id: account.id });
      if (updated.length === 0) {
        await tx.insert(account).values({ id: randomUUID(), accountId: userId, providerId: 'credential', userId, password: passwordHash });
      }
    }
    // A new password or a deactivation ends every session the person had.
    if (deactivating || passwordHash) {
      await tx.delete(session).where(eq(session.userId, userId));
    }
  });
}

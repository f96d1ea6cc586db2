import { randomBytes } from 'node:crypto';
import { and, asc, eq, inArray, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import { idSchema } from '../../domain/common.js';
import { employeeCreateSchema, kanaSchema, optionalEmailSchema, type employeeUpdateSchema } from '../../domain/employees.js';
import { createEmployee, updateEmployee } from '../commands/saveEmployee.js';
import type { Db } from '../db/client.js';
import { departments, employees, scimIdentities } from '../db/schema.js';
import { SCHEMA, getAttr, isObject, toBoolean, type EqFilter, type Json, type JsonObject } from './protocol.js';
import type { ScimContext } from './context.js';

type EmployeeUpdateInput = z.output<typeof employeeUpdateSchema>;

const manager = alias(employees, 'manager');

const userColumns = {
  id: employees.id,
  familyName: employees.familyName,
  givenName: employees.givenName,
  familyNameKana: employees.familyNameKana,
  givenNameKana: employees.givenNameKana,
  email: employees.email,
  employeeNumber: employees.employeeNumber,
  title: employees.title,
  active: employees.active,
  createdAt: employees.createdAt,
  updatedAt: employees.updatedAt,
  departmentId: departments.id,
  departmentName: departments.name,
  managerId: manager.id,
  managerFamilyName: manager.familyName,
  managerGivenName: manager.givenName,
  externalId: scimIdentities.externalId,
  userName: scimIdentities.userName,
};
type UserRow = { [K in keyof typeof userColumns]: (typeof userColumns)[K]['_']['data'] | null } & { id: string; createdAt: Date; updatedAt: Date };

function selectUsers(db: Db) {
  return db
    .select(userColumns)
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId))
    .leftJoin(scimIdentities, and(eq(scimIdentities.resourceId, employees.id), eq(scimIdentities.resourceType, 'User')));
}

/** An employee as a SCIM User (RFC 7643 §4.1), with the enterprise extension and Taiwa's kana extension. */
export function presentUser(row: UserRow, base: string): JsonObject {
  const fullName = `${row.familyName} ${row.givenName}`;
  const enterprise: JsonObject = { employeeNumber: row.employeeNumber };
  if (row.departmentName) enterprise.department = row.departmentName;
  if (row.managerId) {
    enterprise.manager = { value: row.managerId, $ref: `${base}/Users/${row.managerId}`, displayName: `${row.managerFamilyName} ${row.managerGivenName}` };
  }
  return {
    schemas: [SCHEMA.user, SCHEMA.enterprise, SCHEMA.taiwa],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    // Someone without an address always has their userName in scim_identities (saveIdentity).
    userName: row.userName ?? row.email ?? '',
    name: { formatted: fullName, familyName: row.familyName, givenName: row.givenName },
    displayName: fullName,
    ...(row.title ? { title: row.title } : {}),
    ...(row.email ? { emails: [{ value: row.email, type: 'work', primary: true }] } : {}),
    active: row.active,
    groups: row.departmentId ? [{ value: row.departmentId, display: row.departmentName, $ref: `${base}/Groups/${row.departmentId}`, type: 'direct' }] : [],
    [SCHEMA.enterprise]: enterprise,
    [SCHEMA.taiwa]: { familyNameKana: row.familyNameKana, givenNameKana: row.givenNameKana },
    meta: { resourceType: 'User', created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Users/${row.id}` },
  };
}

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  if (!idSchema.safeParse(id).success) return null;
  const [row] = await selectUsers(db).where(eq(employees.id, id));
  return (row as UserRow | undefined) ?? null;
}

/** A page of Users matching an `eq` filter (or all), oldest first so pages stay stable. */
export async function listUsers(db: Db, filters: EqFilter[], page: { startIndex: number; count: number }, sc: ScimContext) {
  const where = and(...filters.map((f) => userCondition(f, sc)));
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(employees)
    .leftJoin(scimIdentities, and(eq(scimIdentities.resourceId, employees.id), eq(scimIdentities.resourceType, 'User')))
    .where(where);
  const rows = page.count === 0 ? [] : await selectUsers(db).where(where).orderBy(asc(employees.createdAt), asc(employees.id)).limit(page.count).offset(page.startIndex - 1);
  return { total: total?.n ?? 0, rows: rows as UserRow[] };
}

function userCondition(filter: EqFilter, sc: ScimContext): SQL {
  const v = typeof filter.value === 'string' ? filter.value : null;
  if (v === null) throw sc.invalidFilter();
  switch (filter.attribute) {
    case 'username':
    case 'emails.value':
    case 'emails':
      return sql`(lower(${employees.email}) = ${v.toLowerCase()} or lower(${scimIdentities.userName}) = ${v.toLowerCase()})`;
    case 'externalid':
      return eq(scimIdentities.externalId, v);
    case 'id':
      return idSchema.safeParse(v).success ? eq(employees.id, v) : sql`false`;
    case 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:user:employeenumber':
      return eq(employees.employeeNumber, v);
    default:
      throw sc.invalidFilter();
  }
}

/** What a SCIM User body says about an employee, before it is checked. */
interface UserFields {
  userName: string;
  /** Null: none was sent and userName is no address (ADR 0215). */
  email: string | null;
  familyName: string;
  givenName: string;
  title: string | null;
  active: boolean | undefined;
  externalId: string | null | undefined;
  /** Undefined: leave as it is (the enterprise extension was not sent). */
  employeeNumber: string | undefined;
  managerId: string | null | undefined;
  familyNameKana: string | undefined;
  givenNameKana: string | undefined;
}

const str = (v: Json | undefined): string | undefined => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/**
 * Reads a User representation (a POST or PUT body, or the result of a PATCH). Attributes Taiwa keeps
 * that an identity provider may not know (the enterprise and kana extensions) are left as they are
 * when their extension object is absent; inside a sent extension, an absent attribute is cleared.
 */
function readUser(body: unknown, sc: ScimContext): UserFields {
  if (!isObject(body)) throw sc.invalidSyntax('body');
  const name = getAttr(body, 'name');
  const familyName = isObject(name) ? str(getAttr(name, 'familyName')) : undefined;
  const givenName = isObject(name) ? str(getAttr(name, 'givenName')) : undefined;
  if (!familyName || !givenName) throw sc.invalid('errors.scim.nameRequired');

  const userName = str(getAttr(body, 'userName'));
  if (!userName) throw sc.invalid('errors.scim.userNameRequired');
  const emails = getAttr(body, 'emails');
  const list = Array.isArray(emails) ? emails.filter(isObject) : [];
  const chosen = list.find((e) => toBoolean(getAttr(e, 'primary')) === true) ?? list.find((e) => str(getAttr(e, 'type'))?.toLowerCase() === 'work') ?? list[0];
  const email = (chosen && str(getAttr(chosen, 'value'))) || (userName.includes('@') ? userName : null);

  const activeRaw = getAttr(body, 'active');
  const active = activeRaw === undefined || activeRaw === null ? undefined : toBoolean(activeRaw);
  if (activeRaw !== undefined && activeRaw !== null && active === undefined) throw sc.invalidField('active', 'errors.scim.notBoolean');

  const externalRaw = getAttr(body, 'externalId');
  const externalId = externalRaw === undefined ? undefined : (str(externalRaw) ?? null);

  const enterprise = getAttr(body, SCHEMA.enterprise);
  let employeeNumber: string | undefined;
  let managerId: string | null | undefined;
  if (isObject(enterprise)) {
    employeeNumber = str(getAttr(enterprise, 'employeeNumber')) || undefined;
    const raw = getAttr(enterprise, 'manager');
    // The manager arrives as `{value}`, as the bare id, or as a one-element list; an empty value clears it.
    const m = Array.isArray(raw) ? raw[0] : raw;
    const mv = isObject(m) ? str(getAttr(m, 'value')) : str(m);
    managerId = mv ? mv : null;
  }
  const taiwa = getAttr(body, SCHEMA.taiwa);
  let familyNameKana: string | undefined;
  let givenNameKana: string | undefined;
  if (isObject(taiwa)) {
    familyNameKana = str(getAttr(taiwa, 'familyNameKana')) ?? '';
    givenNameKana = str(getAttr(taiwa, 'givenNameKana')) ?? '';
  }
  return { userName, email, familyName, givenName, title: str(getAttr(body, 'title')) || null, active, externalId, employeeNumber, managerId, familyNameKana, givenNameKana };
}

/** The checks an employee's fields get anywhere in Taiwa; kana may be empty (an identity provider rarely has it). */
const scimEmployeeSchema = employeeCreateSchema
  .pick({ familyName: true, givenName: true, email: true, employeeNumber: true, title: true })
  .extend({
    email: optionalEmailSchema,
    familyNameKana: kanaSchema.or(z.literal('')),
    givenNameKana: kanaSchema.or(z.literal('')),
    managerId: idSchema.nullable(),
  });

function check(fields: z.input<typeof scimEmployeeSchema>, sc: ScimContext) {
  const result = scimEmployeeSchema.safeParse(fields);
  if (!result.success) throw sc.fromZod(result.error.issues, fields);
  return result.data;
}

/** Keeps the identity provider's externalId and userName (when it is not simply the e-mail address). */
async function saveIdentity(db: Db, id: string, f: Pick<UserFields, 'externalId' | 'userName' | 'email'>) {
  const userName = f.email && f.userName.toLowerCase() === f.email.toLowerCase() ? null : f.userName;
  const set = { userName, ...(f.externalId !== undefined ? { externalId: f.externalId } : {}), updatedAt: new Date() };
  await db
    .insert(scimIdentities)
    .values({ resourceId: id, resourceType: 'User', ...set })
    .onConflictDoUpdate({ target: scimIdentities.resourceId, set });
}

/**
 * POST /Users: a new employee (no password: they sign in once an admin or single sign-on lets them).
 * Without an address (RFC 7644 §3.3's own example) the employee has no sign-in user until one
 * arrives by PATCH or PUT, the CSV import or the admin's form (ADR 0215).
 */
export async function createUser(body: unknown, sc: ScimContext): Promise<string> {
  const f = readUser(body, sc);
  // Taiwa requires an employee number; without the enterprise attribute the identity provider's
  // externalId serves when it has the same form (RFC 7644 §3.3's "bjensen"), else one is made up
  // (`scim-` and 8 hex digits) that an administrator may change (ADR 0207).
  const employeeNumber =
    f.employeeNumber ?? (f.externalId && /^[A-Za-z0-9_-]{1,32}$/.test(f.externalId) ? f.externalId : `scim-${randomBytes(4).toString('hex')}`);
  const input = check(
    {
      familyName: f.familyName,
      givenName: f.givenName,
      email: f.email,
      employeeNumber,
      title: f.title,
      familyNameKana: f.familyNameKana ?? '',
      givenNameKana: f.givenNameKana ?? '',
      managerId: f.managerId ?? null,
    },
    sc,
  );
  if (f.active === false) throw sc.invalid('errors.scim.createInactive');
  const id = await createEmployee({ db: sc.db, auth: sc.auth, input: { ...input, departmentId: null, isHr: false, isAdmin: false } });
  await saveIdentity(sc.db, id, f);
  return id;
}

/** PUT /Users/{id}, and PATCH after its operations are applied: the employee becomes what the body says. */
export async function replaceUser(id: string, current: UserRow, body: unknown, sc: ScimContext): Promise<void> {
  const f = readUser(body, sc);
  // An address is how the person signs in: it may be added or changed, never taken away.
  if (!f.email && current.email) throw sc.invalid('errors.scim.emailRemoved');
  const input = check(
    {
      familyName: f.familyName,
      givenName: f.givenName,
      email: f.email,
      employeeNumber: f.employeeNumber ?? current.employeeNumber!,
      title: f.title,
      familyNameKana: f.familyNameKana ?? current.familyNameKana!,
      givenNameKana: f.givenNameKana ?? current.givenNameKana!,
      managerId: f.managerId === undefined ? current.managerId : f.managerId,
    },
    sc,
  );
  const changes: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(input)) if (v !== (current as Record<string, unknown>)[k]) changes[k] = v;
  if (f.active !== undefined && f.active !== current.active) changes.active = f.active;
  if (Object.keys(changes).length > 0) {
    await updateEmployee({ db: sc.db, auth: sc.auth, actorId: sc.actorId, id, input: changes as EmployeeUpdateInput });
    if (changes.active === false) sc.events.emit('employeeDeactivated', id);
  }
  await saveIdentity(sc.db, id, f);
}

/** DELETE /Users/{id}: deactivation, never deletion, while the employee's 1on1 history is kept (SPEC §1). */
export async function deactivateUser(id: string, current: UserRow, sc: ScimContext): Promise<void> {
  if (!current.active) return;
  await updateEmployee({ db: sc.db, auth: sc.auth, actorId: sc.actorId, id, input: { active: false } });
  sc.events.emit('employeeDeactivated', id);
}

/** Ids among `ids` that are employees (group members must be). */
export async function existingEmployeeIds(db: Db, ids: string[]): Promise<Set<string>> {
  const valid = ids.filter((i) => idSchema.safeParse(i).success);
  if (valid.length === 0) return new Set();
  const rows = await db.select({ id: employees.id }).from(employees).where(inArray(employees.id, valid));
  return new Set(rows.map((r) => r.id));
}


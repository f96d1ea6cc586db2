import { and, asc, eq, inArray, notInArray, sql, type SQL } from 'drizzle-orm';
import { idSchema } from '../../domain/common.js';
import { departmentCreateSchema } from '../../domain/departments.js';
import { lockOrganisation } from '../commands/reportingLines.js';
import type { Db, Tx } from '../db/client.js';
import { departments, employees, scimIdentities } from '../db/schema.js';
import { ConflictError } from '../errors.js';
import { SCHEMA, getAttr, isObject, type EqFilter, type Json, type JsonObject } from './protocol.js';
import type { ScimContext } from './context.js';
import { existingEmployeeIds } from './users.js';

/**
 * Departments as SCIM Groups: a group's members are the active employees of the department. An
 * employee belongs to one department, so adding them to a group moves them out of their previous one.
 * Deactivated departments are not groups any more (they answer 404, as a deleted group does).
 */
const groupColumns = {
  id: departments.id,
  name: departments.name,
  createdAt: departments.createdAt,
  updatedAt: departments.updatedAt,
  externalId: scimIdentities.externalId,
};
type GroupRow = { id: string; name: string; createdAt: Date; updatedAt: Date; externalId: string | null };

function selectGroups(db: Db) {
  return db
    .select(groupColumns)
    .from(departments)
    .leftJoin(scimIdentities, and(eq(scimIdentities.resourceId, departments.id), eq(scimIdentities.resourceType, 'Group')));
}

async function membersOf(db: Db, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; name: string }[]>();
  const rows = await db
    .select({ id: employees.id, departmentId: employees.departmentId, familyName: employees.familyName, givenName: employees.givenName })
    .from(employees)
    .where(and(inArray(employees.departmentId, ids), eq(employees.active, true)))
    .orderBy(asc(employees.createdAt), asc(employees.id));
  const byGroup = new Map<string, { id: string; name: string }[]>();
  for (const r of rows) {
    const list = byGroup.get(r.departmentId!) ?? [];
    list.push({ id: r.id, name: `${r.familyName} ${r.givenName}` });
    byGroup.set(r.departmentId!, list);
  }
  return byGroup;
}

function presentGroup(row: GroupRow, members: { id: string; name: string }[], base: string): JsonObject {
  return {
    schemas: [SCHEMA.group],
    id: row.id,
    ...(row.externalId ? { externalId: row.externalId } : {}),
    displayName: row.name,
    members: members.map((m) => ({ value: m.id, display: m.name, $ref: `${base}/Users/${m.id}`, type: 'User' })),
    meta: { resourceType: 'Group', created: row.createdAt.toISOString(), lastModified: row.updatedAt.toISOString(), location: `${base}/Groups/${row.id}` },
  };
}

export async function findGroup(db: Db, id: string, base: string): Promise<JsonObject | null> {
  if (!idSchema.safeParse(id).success) return null;
  const [row] = await selectGroups(db).where(and(eq(departments.id, id), eq(departments.active, true)));
  if (!row) return null;
  return presentGroup(row, (await membersOf(db, [row.id])).get(row.id) ?? [], base);
}

export async function listGroups(db: Db, filters: EqFilter[], page: { startIndex: number; count: number }, base: string, sc: ScimContext) {
  const where = and(eq(departments.active, true), ...filters.map((f) => groupCondition(f, sc)));
  const [total] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(departments)
    .leftJoin(scimIdentities, and(eq(scimIdentities.resourceId, departments.id), eq(scimIdentities.resourceType, 'Group')))
    .where(where);
  const rows = page.count === 0 ? [] : await selectGroups(db).where(where).orderBy(asc(departments.createdAt), asc(departments.id)).limit(page.count).offset(page.startIndex - 1);
  const members = await membersOf(db, rows.map((r) => r.id));
  return { total: total?.n ?? 0, resources: rows.map((r) => presentGroup(r, members.get(r.id) ?? [], base)) };
}

function groupCondition(filter: EqFilter, sc: ScimContext): SQL {
  const v = typeof filter.value === 'string' ? filter.value : null;
  if (v === null) throw sc.invalidFilter();
  switch (filter.attribute) {
    case 'displayname':
      return sql`lower(${departments.name}) = ${v.toLowerCase()}`;
    case 'externalid':
      return eq(scimIdentities.externalId, v);
    case 'id':
      return idSchema.safeParse(v).success ? eq(departments.id, v) : sql`false`;
    case 'members':
    case 'members.value':
      // Whether this employee is in the group (an active member of the department).
      return idSchema.safeParse(v).success
        ? sql`exists (select 1 from ${employees} where ${employees.id} = ${v} and ${employees.departmentId} = ${departments.id} and ${employees.active})`
        : sql`false`;
    default:
      throw sc.invalidFilter();
  }
}

interface GroupFields {
  name: string;
  externalId: string | null | undefined;
  /** Undefined: membership unchanged (a PUT without `members`). */
  memberIds: string[] | undefined;
}

function readGroup(body: unknown, sc: ScimContext): GroupFields {
  if (!isObject(body)) throw sc.invalidSyntax('body');
  const parsed = departmentCreateSchema.pick({ name: true }).safeParse({ name: getAttr(body, 'displayName') });
  if (!parsed.success) throw sc.invalid('errors.scim.displayNameRequired');
  const externalRaw = getAttr(body, 'externalId');
  const externalId = externalRaw === undefined ? undefined : typeof externalRaw === 'string' && externalRaw.trim() ? externalRaw.trim() : null;
  const membersRaw = getAttr(body, 'members');
  let memberIds: string[] | undefined;
  if (membersRaw !== undefined && membersRaw !== null) {
    if (!Array.isArray(membersRaw)) throw sc.invalidSyntax('members');
    memberIds = [...new Set(membersRaw.map((m: Json) => (isObject(m) ? getAttr(m, 'value') : m)).map((v) => (typeof v === 'string' ? v.trim() : '')))];
  } else if (membersRaw === null) {
    memberIds = [];
  }
  return { name: parsed.data.name, externalId, memberIds };
}

async function assertMembers(sc: ScimContext, ids: string[] | undefined) {
  if (!ids || ids.length === 0) return;
  const known = await existingEmployeeIds(sc.db, ids);
  const unknown = ids.find((i) => !known.has(i));
  if (unknown !== undefined) throw sc.invalid('errors.scim.unknownMember', { id: unknown });
}

async function setMembers(tx: Tx, groupId: string, memberIds: string[]) {
  await tx
    .update(employees)
    .set({ departmentId: null })
    .where(and(eq(employees.departmentId, groupId), eq(employees.active, true), memberIds.length ? notInArray(employees.id, memberIds) : undefined));
  if (memberIds.length) await tx.update(employees).set({ departmentId: groupId }).where(inArray(employees.id, memberIds));
}

async function saveExternalId(tx: Tx, id: string, externalId: string | null | undefined) {
  if (externalId === undefined) return;
  if (externalId === null) {
    await tx.update(scimIdentities).set({ externalId: null, updatedAt: new Date() }).where(eq(scimIdentities.resourceId, id));
    return;
  }
  await tx
    .insert(scimIdentities)
    .values({ resourceId: id, resourceType: 'Group', externalId })
    .onConflictDoUpdate({ target: scimIdentities.resourceId, set: { externalId, updatedAt: new Date() } });
}

/** An active department of the same name is the same group: a second one would be a duplicate (409 uniqueness). */
async function assertNameFree(tx: Tx, name: string, exceptId?: string) {
  const [clash] = await tx
    .select({ id: departments.id })
    .from(departments)
    .where(and(sql`lower(${departments.name}) = ${name.toLowerCase()}`, eq(departments.active, true), exceptId ? sql`${departments.id} <> ${exceptId}` : undefined))
    .limit(1);
  if (clash) throw new ConflictError('errors.scim.groupNameTaken', { name });
}

export async function createGroup(body: unknown, sc: ScimContext): Promise<string> {
  const f = readGroup(body, sc);
  await assertMembers(sc, f.memberIds);
  return sc.db.transaction(async (tx) => {
    await lockOrganisation(tx);
    await assertNameFree(tx, f.name);
    const [row] = await tx.insert(departments).values({ name: f.name }).returning({ id: departments.id });
    await setMembers(tx, row!.id, f.memberIds ?? []);
    await saveExternalId(tx, row!.id, f.externalId);
    return row!.id;
  });
}

/** PUT, and PATCH after its operations: the department's name and members become what the body says. */
export async function replaceGroup(id: string, body: unknown, sc: ScimContext, membersRequired: boolean): Promise<void> {
  const f = readGroup(body, sc);
  const memberIds = f.memberIds ?? (membersRequired ? [] : undefined);
  await assertMembers(sc, memberIds);
  await sc.db.transaction(async (tx) => {
    await lockOrganisation(tx);
    const [current] = await tx.select().from(departments).where(and(eq(departments.id, id), eq(departments.active, true)));
    if (!current) throw sc.notFound();
    if (current.name !== f.name) {
      await assertNameFree(tx, f.name, id);
      await tx.update(departments).set({ name: f.name }).where(eq(departments.id, id));
    }
    if (memberIds) await setMembers(tx, id, memberIds);
    await saveExternalId(tx, id, f.externalId);
  });
}

/**
 * DELETE /Groups/{id}: the department is deactivated (kept for history) and its people are left
 * without a department. A department with active sub-departments is refused (409), as in the admin UI.
 */
export async function deleteGroup(id: string, sc: ScimContext): Promise<void> {
  await sc.db.transaction(async (tx) => {
    await lockOrganisation(tx);
    const [current] = await tx.select().from(departments).where(and(eq(departments.id, id), eq(departments.active, true)));
    if (!current) throw sc.notFound();
    const [child] = await tx.select({ id: departments.id }).from(departments).where(and(eq(departments.parentId, id), eq(departments.active, true))).limit(1);
    if (child) throw new ConflictError('errors.departmentHasMembers');
    await tx.update(employees).set({ departmentId: null }).where(eq(employees.departmentId, id));
    await tx.update(departments).set({ active: false }).where(eq(departments.id, id));
  });
}

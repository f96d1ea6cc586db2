import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { idSchema } from '../../../domain/common.js';
import type { Employee } from '../../../domain/employees.js';
import type { Actor } from '../../../domain/roles.js';
import type { Tx } from '../../db/client.js';
import { account, departments, employeeSearchText, employees } from '../../db/schema.js';
import { organisationPolicy } from '../../policies/organisation.js';

const manager = alias(employees, 'manager');

const reportCount = sql<number>`(select count(*)::int from employees r where r.manager_id = ${employees.id} and r.active)`;
const hasPassword = sql<boolean>`exists (select 1 from ${account} a where a.user_id = ${employees.userId} and a.provider_id = 'credential' and a.password is not null)`;

export interface EmployeeFilter {
  q?: string;
  departmentId?: string;
  managerId?: string;
  status: 'active' | 'inactive' | 'all';
  id?: string;
}

function whereOf(filter: EmployeeFilter): SQL | undefined {
  const parts: (SQL | undefined)[] = [];
  if (filter.status !== 'all') parts.push(eq(employees.active, filter.status === 'active'));
  if (filter.id) parts.push(eq(employees.id, filter.id));
  if (filter.departmentId) parts.push(eq(employees.departmentId, filter.departmentId));
  if (filter.managerId) parts.push(eq(employees.managerId, filter.managerId));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (m) => `\\${m}`)}%`;
    parts.push(
      ilike(employeeSearchText(employees), like),
      or(
        ilike(sql`${employees.familyName} || ${employees.givenName}`, like),
        ilike(sql`${employees.familyName} || ' ' || ${employees.givenName}`, like),
        ilike(sql`${employees.familyNameKana} || ${employees.givenNameKana}`, like),
        ilike(employees.email, like),
        ilike(employees.employeeNumber, like),
        ilike(employees.title, like),
      ),
    );
  }
  return and(...parts);
}

/** Where a keyset page starts: the last row of the previous page, in the directory's order. */
export interface EmployeeCursor {
  familyNameKana: string;
  givenNameKana: string;
  id: string;
}

/** The opaque `cursor` of a row: its order key as base64url JSON (kana are not ASCII). */
export function encodeEmployeeCursor(row: EmployeeCursor): string {
  return Buffer.from(JSON.stringify([row.familyNameKana, row.givenNameKana, row.id])).toString('base64url');
}

/** The row a `cursor` names, or null when it is not one this server wrote (the caller answers 400). */
export function decodeEmployeeCursor(cursor: string): EmployeeCursor | null {
  if (!/^[A-Za-z0-9_-]+$/.test(cursor)) return null;
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3 || !value.every((v) => typeof v === 'string')) return null;
  const [familyNameKana, givenNameKana, id] = value as [string, string, string];
  if (!idSchema.safeParse(id).success) return null;
  return { familyNameKana, givenNameKana, id };
}

/**
 * Loads employees as the caller may see them, with department, manager and report count in one
 * query whatever the page size. Admin fields are left out for callers who may not see them.
 */
export async function loadEmployees(
  db: Tx,
  actor: Actor,
  filter: EmployeeFilter,
  page: { page: number; pageSize: number; cursor?: EmployeeCursor },
): Promise<{ items: Employee[]; total: number | null; nextCursor: string | null }> {
  const where = whereOf(filter);
  const order = [asc(employees.familyNameKana), asc(employees.givenNameKana), asc(employees.id)];
  const after = page.cursor
    ? sql`(${employees.familyNameKana}, ${employees.givenNameKana}, ${employees.id}) > (${page.cursor.familyNameKana}, ${page.cursor.givenNameKana}, ${page.cursor.id})`
    : undefined;
  // One statement (ADR 0218, 0222): the page's ids come from the kana order index — after the cursor's
  // row (keyset, ADR 0222) or by offset — one row more than the page to tell whether another follows,
  // and only those rows are joined and get their counts. The total is counted only without a cursor:
  // a client paging by cursor has it from its first page.
  const pageIds = db.$with('page').as(
    db
      .select({ id: sql<string>`${employees.id}`.as('page_id') })
      .from(employees)
      .where(and(where, after))
      .orderBy(...order)
      .limit(page.pageSize + 1)
      .offset(page.cursor ? 0 : (page.page - 1) * page.pageSize),
  );
  const rows = await db
    .with(pageIds)
    .select({
      e: employees,
      dept: { id: departments.id, name: departments.name },
      mgr: { id: manager.id, familyName: manager.familyName, givenName: manager.givenName, title: manager.title },
      reportCount,
      hasPassword,
      total: page.cursor ? sql<null>`null` : sql<number>`(select count(*)::int from ${employees} where ${where ?? sql`true`})`,
    })
    .from(pageIds)
    .innerJoin(employees, eq(employees.id, pageIds.id))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId))
    .orderBy(...order);
  const more = rows.length > page.pageSize;
  if (more) rows.length = page.pageSize;
  const last = rows.at(-1)?.e;
  const nextCursor = more && last ? encodeEmployeeCursor(last) : null;
  let total: number | null = page.cursor ? null : (rows[0]?.total ?? 0);
  if (!page.cursor && rows.length === 0 && page.page > 1) {
    const [c] = await db.select({ n: sql<number>`count(*)::int` }).from(employees).where(where);
    total = c?.n ?? 0;
  }
  const admin = organisationPolicy.viewAdminFields(actor);
  const items = rows.map((r): Employee => ({
    id: r.e.id,
    familyName: r.e.familyName,
    givenName: r.e.givenName,
    familyNameKana: r.e.familyNameKana,
    givenNameKana: r.e.givenNameKana,
    email: r.e.email,
    employeeNumber: r.e.employeeNumber,
    title: r.e.title,
    department: r.dept?.id ? { id: r.dept.id, name: r.dept.name } : null,
    manager: r.mgr?.id ? r.mgr : null,
    active: r.e.active,
    ...(admin ? { isHr: r.e.isHr, isAdmin: r.e.isAdmin, canSignIn: r.hasPassword && r.e.active } : {}),
    directReportCount: r.reportCount,
    anonymised: r.e.anonymisedAt !== null,
    abilities: organisationPolicy.employeeAbilities(actor, r.e),
  }));
  return { items, total, nextCursor };
}

/** One employee as the caller may see them, or null (inactive ones only for hr and admin). */
export async function loadEmployee(db: Tx, actor: Actor, id: string): Promise<Employee | null> {
  const status = organisationPolicy.viewInactive(actor) ? 'all' : 'active';
  const { items } = await loadEmployees(db, actor, { status, id }, { page: 1, pageSize: 1 });
  return items[0] ?? null;
}

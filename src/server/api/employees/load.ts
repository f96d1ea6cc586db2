import { and, asc, eq, ilike, or, sql, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
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

/**
 * Loads employees as the caller may see them, with department, manager and report count in one
 * query whatever the page size. Admin fields are left out for callers who may not see them.
 */
export async function loadEmployees(
  db: Tx,
  actor: Actor,
  filter: EmployeeFilter,
  page: { page: number; pageSize: number },
): Promise<{ items: Employee[]; total: number }> {
  const where = whereOf(filter);
  const order = [asc(employees.familyNameKana), asc(employees.givenNameKana), asc(employees.id)];
  // One statement (ADR 0218): the page's ids come from the kana order index, and only those rows are
  // joined and get their counts; the total is one count over the same conditions, once per request.
  const pageIds = db.$with('page').as(
    db
      .select({ id: sql<string>`${employees.id}`.as('page_id') })
      .from(employees)
      .where(where)
      .orderBy(...order)
      .limit(page.pageSize)
      .offset((page.page - 1) * page.pageSize),
  );
  const rows = await db
    .with(pageIds)
    .select({
      e: employees,
      dept: { id: departments.id, name: departments.name },
      mgr: { id: manager.id, familyName: manager.familyName, givenName: manager.givenName, title: manager.title },
      reportCount,
      hasPassword,
      total: sql<number>`(select count(*)::int from ${employees} where ${where ?? sql`true`})`,
    })
    .from(pageIds)
    .innerJoin(employees, eq(employees.id, pageIds.id))
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId))
    .orderBy(...order);
  let total = rows[0]?.total ?? 0;
  if (rows.length === 0 && page.page > 1) {
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
  return { items, total };
}

/** One employee as the caller may see them, or null (inactive ones only for hr and admin). */
export async function loadEmployee(db: Tx, actor: Actor, id: string): Promise<Employee | null> {
  const status = organisationPolicy.viewInactive(actor) ? 'all' : 'active';
  const { items } = await loadEmployees(db, actor, { status, id }, { page: 1, pageSize: 1 });
  return items[0] ?? null;
}

import { createRoute } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { z } from 'zod';
import type { PersonRef } from '../../../domain/employees.js';
import { meSchema, meUpdateSchema, type Me } from '../../../domain/me.js';
import { rolesOf, type Actor } from '../../../domain/roles.js';
import type { Tx } from '../../db/client.js';
import { departments, employees, settings } from '../../db/schema.js';
import { guidancePolicy } from '../../policies/guidance.js';
import { organisationPolicy } from '../../policies/organisation.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['me'];
const manager = alias(employees, 'manager');

/** The active direct reports of `employees` (the outer row), in kana order, as a JSON array of person refs. */
const directReportsJson = sql<PersonRef[]>`coalesce((
  select json_agg(json_build_object('id', r.id, 'familyName', r.family_name, 'givenName', r.given_name, 'title', r.title)
                  order by r.family_name_kana, r.given_name_kana)
  from ${employees} r where r.manager_id = ${employees.id} and r.active), '[]'::json)`;

/**
 * The signed-in person with their reporting lines, roles and what the app lets them do: one
 * statement (the person, department and manager joined; reports and the organisation's name as
 * sub-selects, ADR 0220).
 */
export async function loadMe(db: Tx, actor: Actor): Promise<Me> {
  const [row] = await db
    .select({
      e: employees,
      dept: { id: departments.id, name: departments.name },
      mgr: { id: manager.id, familyName: manager.familyName, givenName: manager.givenName, title: manager.title },
      reports: directReportsJson,
      org: sql<string | null>`(select ${settings.value} from ${settings} where ${settings.key} = 'organisationName')`,
    })
    .from(employees)
    .leftJoin(departments, eq(departments.id, employees.departmentId))
    .leftJoin(manager, eq(manager.id, employees.managerId))
    .where(eq(employees.id, actor.employeeId));
  const e = row!.e;
  return {
    id: e.id,
    // Whoever is signed in has an address: without one there is no sign-in user (ADR 0215).
    email: e.email ?? '',
    familyName: e.familyName,
    givenName: e.givenName,
    title: e.title,
    department: row!.dept?.id ? row!.dept : null,
    manager: row!.mgr?.id ? row!.mgr : null,
    directReports: row!.reports,
    roles: rolesOf(actor),
    locale: e.locale,
    timeZone: e.timeZone,
    organisationName: row!.org ?? '',
    abilities: {
      manageEmployees: organisationPolicy.manageEmployees(actor),
      manageDepartments: organisationPolicy.manageDepartments(actor),
      viewDirectory: organisationPolicy.viewDirectory(actor),
      manageGuidance: guidancePolicy.manageBank(actor),
    },
  };
}

const get = createRoute({
  method: 'get',
  path: '/me',
  tags,
  summary: 'The signed-in person, their roles and abilities',
  responses: { 200: json(meSchema, 'Me'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/me',
  tags,
  summary: 'Change my language or time zone',
  request: { body: jsonBody(meUpdateSchema) },
  responses: { 200: json(meSchema, 'Me'), ...errorResponses },
});

const session = createRoute({
  method: 'get',
  path: '/session',
  tags,
  summary: 'Who is signed in: the same record as GET /me, or null for nobody (answers 200 either way, so a signed-out page logs no error)',
  responses: { 200: json(z.object({ me: meSchema.nullable() }), 'The signed-in person or null'), ...errorResponses },
});

/** The caller's own profile. */
export const meApi = router()
  .openapi(get, async (c) => {
    const actor = requireActor(c);
    return c.json(await loadMe(c.get('services').db, actor), 200);
  })
  .openapi(session, async (c) => {
    const actor = c.get('actor');
    return c.json({ me: actor ? await loadMe(c.get('services').db, actor) : null }, 200);
  })
  .openapi(update, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    await db.update(employees).set(c.req.valid('json')).where(eq(employees.id, actor.employeeId));
    return c.json(await loadMe(db, actor), 200);
  });

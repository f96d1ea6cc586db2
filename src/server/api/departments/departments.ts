import { createRoute } from '@hono/zod-openapi';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import {
  departmentCreateSchema,
  departmentListSchema,
  departmentSchema,
  departmentUpdateSchema,
  type Department,
} from '../../../domain/departments.js';
import type { Actor } from '../../../domain/roles.js';
import { createDepartment, updateDepartment } from '../../commands/saveDepartment.js';
import type { Tx } from '../../db/client.js';
import { departments, employees } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { organisationPolicy } from '../../policies/organisation.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['departments'];

/** Every department the caller may see, with its path from the top and its active member count. */
async function loadDepartments(db: Tx, actor: Actor): Promise<Department[]> {
  const rows = await db
    .select({
      d: departments,
      // Qualified by hand: in a single-table select Drizzle renders ${departments.id} as a bare "id",
      // which inside the subquery would mean e.id (and count nobody).
      employeeCount: sql<number>`(select count(*)::int from ${employees} e where e.department_id = "departments"."id" and e.active)`,
    })
    .from(departments);
  const byId = new Map(rows.map((r) => [r.d.id, r.d]));
  const pathOf = (id: string): string[] => {
    const names: string[] = [];
    const seen = new Set<string>();
    for (let cur = byId.get(id); cur && !seen.has(cur.id); cur = cur.parentId ? byId.get(cur.parentId) : undefined) {
      seen.add(cur.id);
      names.unshift(cur.name);
    }
    return names;
  };
  const showInactive = organisationPolicy.viewInactive(actor);
  return rows
    .filter((r) => showInactive || r.d.active)
    .map((r) => ({
      id: r.d.id,
      name: r.d.name,
      parentId: r.d.parentId,
      active: r.d.active,
      path: pathOf(r.d.id),
      employeeCount: r.employeeCount,
      abilities: { update: organisationPolicy.manageDepartments(actor) },
    }))
    .sort((a, b) => a.path.join('\u0000').localeCompare(b.path.join('\u0000'), 'ja'));
}

const list = createRoute({
  method: 'get',
  path: '/departments',
  tags,
  summary: 'All departments as a flat list with their paths',
  responses: { 200: json(departmentListSchema, 'Departments'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/departments',
  tags,
  summary: 'Create a department (admin)',
  request: { body: jsonBody(departmentCreateSchema) },
  responses: { 201: json(departmentSchema, 'Created'), ...errorResponses },
});
const update = createRoute({
  method: 'patch',
  path: '/departments/{id}',
  tags,
  summary: 'Rename, move, deactivate or reactivate a department (admin)',
  request: { params: z.object({ id: idSchema }), body: jsonBody(departmentUpdateSchema) },
  responses: { 200: json(departmentSchema, 'Updated'), ...errorResponses },
});

async function one(db: Tx, actor: Actor, id: string): Promise<Department> {
  const found = (await loadDepartments(db, actor)).find((d) => d.id === id);
  if (!found) throw new NotFoundError('errors.departmentNotFound');
  return found;
}

/** Departments: readable by everyone signed in, managed by admins. */
export const departmentsApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.viewDirectory(actor));
    const items = await loadDepartments(c.get('services').db, actor);
    return c.json({ items, abilities: { create: organisationPolicy.manageDepartments(actor) } }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageDepartments(actor));
    const { db } = c.get('services');
    const id = await createDepartment({ db, input: c.req.valid('json') });
    await audit.admin(c, 'department.create', null, id);
    return c.json(await one(db, actor, id), 201);
  })
  .openapi(update, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageDepartments(actor));
    const { db } = c.get('services');
    const { id } = c.req.valid('param');
    const [exists] = await db.select({ id: departments.id }).from(departments).where(eq(departments.id, id));
    if (!exists) throw new NotFoundError('errors.departmentNotFound');
    await updateDepartment({ db, id, input: c.req.valid('json') });
    await audit.admin(c, 'department.update', null, id);
    return c.json(await one(db, actor, id), 200);
  });

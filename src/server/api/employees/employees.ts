import { createRoute } from '@hono/zod-openapi';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import {
  employeeCreateSchema,
  employeeListQuerySchema,
  employeeListSchema,
  employeeSchema,
  employeeUpdateSchema,
  setManagerSchema,
} from '../../../domain/employees.js';
import { createEmployee, updateEmployee } from '../../commands/saveEmployee.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { organisationPolicy } from '../../policies/organisation.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';
import { decodeEmployeeCursor, loadEmployee, loadEmployees } from './load.js';

const tags = ['employees'];
const idParams = z.object({ id: idSchema });

const list = createRoute({
  method: 'get',
  path: '/employees',
  tags,
  summary:
    'List employees in kana order (by `cursor` = the previous nextCursor, or by page number; the total only without a cursor; inactive ones for hr and admin only)',
  request: { query: employeeListQuerySchema },
  responses: { 200: json(employeeListSchema, 'A page of employees'), ...errorResponses },
});

const get = createRoute({
  method: 'get',
  path: '/employees/{id}',
  tags,
  summary: 'One employee',
  request: { params: idParams },
  responses: { 200: json(employeeSchema, 'The employee'), ...errorResponses },
});

const create = createRoute({
  method: 'post',
  path: '/employees',
  tags,
  summary: 'Create an employee (admin)',
  request: { body: jsonBody(employeeCreateSchema) },
  responses: { 201: json(employeeSchema, 'Created'), ...errorResponses },
});

const update = createRoute({
  method: 'patch',
  path: '/employees/{id}',
  tags,
  summary: 'Change an employee, deactivate or reactivate them (admin)',
  request: { params: idParams, body: jsonBody(employeeUpdateSchema) },
  responses: { 200: json(employeeSchema, 'Updated'), ...errorResponses },
});

const setManager = createRoute({
  method: 'put',
  path: '/employees/{id}/manager',
  tags,
  summary: 'Set or clear the primary manager (admin); a reporting cycle is refused',
  request: { params: idParams, body: jsonBody(setManagerSchema) },
  responses: { 200: json(employeeSchema, 'Updated'), ...errorResponses },
});

/** Employees: the directory for everyone, administration for admins. */
export const employeesApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.viewDirectory(actor));
    const q = c.req.valid('query');
    // Asking for deactivated people without the right is refused, not silently answered with others.
    // `all` means all the caller may see.
    if (q.status === 'inactive' && !organisationPolicy.viewInactive(actor)) throw new ForbiddenError('errors.inactiveListForbidden');
    const status = organisationPolicy.viewInactive(actor) ? q.status : 'active';
    const cursor = q.cursor === undefined ? undefined : decodeEmployeeCursor(q.cursor);
    if (cursor === null) throw new ValidationError({ cursor: { key: 'errors.invalidCursor' } }, 'errors.invalidCursor');
    const { db } = c.get('services');
    const { items, total, nextCursor } = await loadEmployees(db, actor, { ...q, status }, { page: q.page, pageSize: q.pageSize, cursor });
    return c.json(
      { items, total, nextCursor, page: q.page, pageSize: q.pageSize, abilities: { create: organisationPolicy.manageEmployees(actor) } },
      200,
    );
  })
  .openapi(get, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.viewDirectory(actor));
    const found = await loadEmployee(c.get('services').db, actor, c.req.valid('param').id);
    if (!found) throw new NotFoundError('errors.employeeNotFound');
    // The directory entry holds no 1on1 content; hr and admin opening a record with its administration fields is logged.
    if (organisationPolicy.viewAdminFields(actor)) await audit.read(c, 'employee.read', found.id, found.id);
    return c.json(found, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageEmployees(actor));
    const { db, auth } = c.get('services');
    const id = await createEmployee({ db, auth, input: c.req.valid('json') });
    await audit.admin(c, 'employee.create', id, id);
    return c.json((await loadEmployee(db, actor, id))!, 201);
  })
  .openapi(update, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageEmployees(actor));
    const { db, auth } = c.get('services');
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    await updateEmployee({ db, auth, actorId: actor.employeeId, id, input });
    await audit.admin(c, input.active === false ? 'employee.deactivate' : 'employee.update', id, id);
    if (input.active === false) c.get('services').events.emit('employeeDeactivated', id);
    return c.json((await loadEmployee(db, actor, id))!, 200);
  })
  .openapi(setManager, async (c) => {
    const actor = requireActor(c);
    authorize(organisationPolicy.manageEmployees(actor));
    const { db, auth } = c.get('services');
    const { id } = c.req.valid('param');
    await updateEmployee({ db, auth, actorId: actor.employeeId, id, input: c.req.valid('json') });
    await audit.admin(c, 'employee.setManager', id, id);
    return c.json((await loadEmployee(db, actor, id))!, 200);
  });

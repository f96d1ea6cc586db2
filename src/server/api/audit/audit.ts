import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, gte, inArray, lt, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  adminAuditPageSchema,
  adminAuditQuerySchema,
  auditAdminActions,
  auditReadActions,
  myAuditPageSchema,
  myAuditQuerySchema,
  type AdminAuditEvent,
  type MyAuditEvent,
} from '../../../domain/audit.js';
import { auditEvents, employees } from '../../db/schema.js';
import { auditPolicy } from '../../policies/audit.js';
import { authorize, errorResponses, json, requireActor, router } from '../http.js';

const tags = ['audit'];

const mine = createRoute({
  method: 'get',
  path: '/me/audit',
  tags,
  summary: 'Who read my records: name, what kind, which record, when (never content), newest first',
  request: { query: myAuditQuerySchema },
  responses: { 200: json(myAuditPageSchema, 'A page of reads of my records'), ...errorResponses },
});
const administration = createRoute({
  method: 'get',
  path: '/admin/audit',
  tags,
  summary: 'The log of administrative actions (admins), filtered by actor, action and period (dates inclusive, UTC), newest first',
  request: { query: adminAuditQuerySchema },
  responses: { 200: json(adminAuditPageSchema, 'A page of administrative actions'), ...errorResponses },
});

const actorPerson = alias(employees, 'audit_actor');
const subjectPerson = alias(employees, 'audit_subject');
const DAY_MS = 24 * 3600_000;

/** The audit log: each person's reads of their records, and the administrative log for admins (ADR 0210). */
export const auditApi = router()
  .openapi(mine, async (c) => {
    const actor = requireActor(c);
    authorize(auditPolicy.readOwn(actor));
    const { page, pageSize } = c.req.valid('query');
    const db = c.get('services').db;
    const where = and(eq(auditEvents.subjectId, actor.employeeId), inArray(auditEvents.action, [...auditReadActions]));
    const [rows, [total]] = await Promise.all([
      db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          targetId: auditEvents.targetId,
          at: auditEvents.at,
          actor: { id: actorPerson.id, familyName: actorPerson.familyName, givenName: actorPerson.givenName },
        })
        .from(auditEvents)
        .innerJoin(actorPerson, eq(actorPerson.id, auditEvents.actorId))
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(pageSize)
        .offset((page - 1) * pageSize),
      db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    const items = rows.map((r) => ({ ...r, at: r.at.toISOString() }) as MyAuditEvent);
    return c.json({ items, page, pageSize, total: total?.n ?? 0, retentionDays: c.get('services').config.auditRetentionDays }, 200);
  })
  .openapi(administration, async (c) => {
    const actor = requireActor(c);
    authorize(auditPolicy.readAdministration(actor));
    const q = c.req.valid('query');
    const db = c.get('services').db;
    const conditions: (SQL | undefined)[] = [inArray(auditEvents.action, q.action ? [q.action] : [...auditAdminActions])];
    if (q.actorId) conditions.push(eq(auditEvents.actorId, q.actorId));
    if (q.from) conditions.push(gte(auditEvents.at, new Date(`${q.from}T00:00:00Z`)));
    if (q.to) conditions.push(lt(auditEvents.at, new Date(new Date(`${q.to}T00:00:00Z`).getTime() + DAY_MS)));
    const where = and(...conditions);
    const [rows, [total]] = await Promise.all([
      db
        .select({
          id: auditEvents.id,
          action: auditEvents.action,
          targetId: auditEvents.targetId,
          at: auditEvents.at,
          actor: { id: actorPerson.id, familyName: actorPerson.familyName, givenName: actorPerson.givenName },
          subject: { id: subjectPerson.id, familyName: subjectPerson.familyName, givenName: subjectPerson.givenName },
        })
        .from(auditEvents)
        .innerJoin(actorPerson, eq(actorPerson.id, auditEvents.actorId))
        .leftJoin(subjectPerson, eq(subjectPerson.id, auditEvents.subjectId))
        .where(where)
        .orderBy(desc(auditEvents.at), desc(auditEvents.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize),
      db.select({ n: count() }).from(auditEvents).where(where),
    ]);
    const items = rows.map((r) => ({ ...r, subject: r.subject?.id ? r.subject : null, at: r.at.toISOString() }) as AdminAuditEvent);
    return c.json({ items, page: q.page, pageSize: q.pageSize, total: total?.n ?? 0 }, 200);
  });

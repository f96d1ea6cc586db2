import { randomBytes } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import { asc, count, desc, eq, inArray } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema, pageQuerySchema } from '../../../domain/common.js';
import { outboxListSchema, webhookDeliveryListSchema, webhookInputSchema, webhookListSchema, webhookSchema, webhookUpdateSchema, type WebhookEvent } from '../../../domain/notifications.js';
import { mailMessages, webhookAttempts, webhookDeliveries, webhooks } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { notificationPolicy } from '../../policies/notifications.js';
import { authorize, errorResponses, json, jsonBody, requireActor, router } from '../http.js';
import { audit } from '../../audit.js';

const tags = ['integrations'];
const idParams = z.object({ id: idSchema });

const outbox = createRoute({
  method: 'get',
  path: '/admin/outbox',
  tags,
  summary: 'E-mail Taiwa wrote, newest first (admins): without SMTP settings mail stays here',
  request: { query: pageQuerySchema },
  responses: { 200: json(outboxListSchema, 'Outbox'), ...errorResponses },
});
const listHooks = createRoute({
  method: 'get',
  path: '/admin/webhooks',
  tags,
  summary: 'Outgoing webhooks of the organisation (admins)',
  responses: { 200: json(webhookListSchema, 'Webhooks'), ...errorResponses },
});
const createHook = createRoute({
  method: 'post',
  path: '/admin/webhooks',
  tags,
  summary: 'Add an outgoing webhook (Slack, Microsoft Teams or signed generic JSON)',
  request: { body: jsonBody(webhookInputSchema) },
  responses: { 201: json(webhookSchema, 'Added'), ...errorResponses },
});
const removeHook = createRoute({
  method: 'delete',
  path: '/admin/webhooks/{id}',
  tags,
  summary: 'Remove a webhook and its delivery log',
  request: { params: idParams },
  responses: { 200: json(z.object({ ok: z.literal(true) }), 'Removed'), ...errorResponses },
});
const updateHook = createRoute({
  method: 'patch',
  path: '/admin/webhooks/{id}',
  tags,
  summary: 'Switch a webhook off or on: while off it receives no new deliveries',
  request: { params: idParams, body: jsonBody(webhookUpdateSchema) },
  responses: { 200: json(webhookSchema, 'Updated'), ...errorResponses },
});
const deliveries = createRoute({
  method: 'get',
  path: '/admin/webhooks/{id}/deliveries',
  tags,
  summary: 'The delivery log of a webhook, newest first, a page at a time: every event and each attempt with its HTTP status',
  request: { params: idParams, query: pageQuerySchema },
  responses: { 200: json(webhookDeliveryListSchema, 'Deliveries'), ...errorResponses },
});

/** A webhook as admins read it; the signing secret leaves the server once, in the answer that created it. */
const present = (w: typeof webhooks.$inferSelect, withSecret = false) => ({
  id: w.id,
  name: w.name,
  url: w.url,
  format: w.format,
  events: w.events as WebhookEvent[],
  active: w.active,
  secret: withSecret ? w.secret : null,
  createdAt: w.createdAt.toISOString(),
});

/** Admin integrations: the mail outbox and outgoing webhooks with their delivery log (SPEC §7, §1). */
export const integrationsApi = router()
  .openapi(outbox, async (c) => {
    const actor = requireActor(c);
    authorize(notificationPolicy.readOutbox(actor));
    const { db, config } = c.get('services');
    const { page, pageSize } = c.req.valid('query');
    const rows = await db.select().from(mailMessages).orderBy(desc(mailMessages.createdAt), desc(mailMessages.id)).limit(pageSize).offset((page - 1) * pageSize);
    const [total] = await db.select({ n: count() }).from(mailMessages);
    return c.json(
      {
        items: rows.map((m) => ({ id: m.id, toAddress: m.toAddress, kind: m.kind, subject: m.subject, text: m.text, icalMethod: m.icalMethod, status: m.status, createdAt: m.createdAt.toISOString() })),
        page,
        pageSize,
        total: total?.n ?? 0,
        mailConfigured: !!config.smtpUrl,
      },
      200,
    );
  })
  .openapi(listHooks, async (c) => {
    authorize(notificationPolicy.manageWebhooks(requireActor(c)));
    const rows = await c.get('services').db.select().from(webhooks).orderBy(asc(webhooks.createdAt));
    return c.json({ items: rows.map((w) => present(w)) }, 200);
  })
  .openapi(createHook, async (c) => {
    authorize(notificationPolicy.manageWebhooks(requireActor(c)));
    const input = c.req.valid('json');
    const [row] = await c
      .get('services')
      .db.insert(webhooks)
      .values({ ...input, secret: randomBytes(24).toString('base64url') })
      .returning();
    await audit.admin(c, 'webhook.create', null, row!.id);
    return c.json(present(row!, true), 201);
  })
  .openapi(updateHook, async (c) => {
    authorize(notificationPolicy.manageWebhooks(requireActor(c)));
    const [row] = await c
      .get('services')
      .db.update(webhooks)
      .set({ active: c.req.valid('json').active })
      .where(eq(webhooks.id, c.req.valid('param').id))
      .returning();
    if (!row) throw new NotFoundError('errors.webhookNotFound');
    await audit.admin(c, 'webhook.update', null, row.id);
    return c.json(present(row), 200);
  })
  .openapi(removeHook, async (c) => {
    authorize(notificationPolicy.manageWebhooks(requireActor(c)));
    const [row] = await c.get('services').db.delete(webhooks).where(eq(webhooks.id, c.req.valid('param').id)).returning({ id: webhooks.id });
    if (!row) throw new NotFoundError('errors.webhookNotFound');
    await audit.admin(c, 'webhook.delete', null, row.id);
    return c.json({ ok: true as const }, 200);
  })
  .openapi(deliveries, async (c) => {
    authorize(notificationPolicy.manageWebhooks(requireActor(c)));
    const { db } = c.get('services');
    const id = c.req.valid('param').id;
    const [hook] = await db.select({ id: webhooks.id }).from(webhooks).where(eq(webhooks.id, id));
    if (!hook) throw new NotFoundError('errors.webhookNotFound');
    const { page, pageSize } = c.req.valid('query');
    const rows = await db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.webhookId, id))
      .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await db.select({ n: count() }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, id));
    const attempts = rows.length
      ? await db.select().from(webhookAttempts).where(inArray(webhookAttempts.deliveryId, rows.map((r) => r.id))).orderBy(asc(webhookAttempts.attempt))
      : [];
    return c.json(
      {
        items: rows.map((d) => ({
          id: d.id,
          event: d.event,
          status: d.status,
          createdAt: d.createdAt.toISOString(),
          attempts: attempts.filter((a) => a.deliveryId === d.id).map((a) => ({ attempt: a.attempt, statusCode: a.statusCode, error: a.error, at: a.createdAt.toISOString() })),
        })),
        page,
        pageSize,
        total: total?.n ?? 0,
      },
      200,
    );
  });

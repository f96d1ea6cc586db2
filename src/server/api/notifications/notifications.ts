import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, isNull } from 'drizzle-orm';
import { z } from 'zod';
import { idSchema } from '../../../domain/common.js';
import {
  defaultChannels,
  inAppPossible,
  notificationKinds,
  notificationListQuerySchema,
  notificationListSchema,
  notificationSettingsSchema,
  notificationSettingsUpdateSchema,
  unreadCountSchema,
  type NotificationKind,
  type NotificationSettings,
} from '../../../domain/notifications.js';
import type { Actor } from '../../../domain/roles.js';
import type { AppContext } from '../../context.js';
import { employees, notificationPreferences, notifications } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { notificationPolicy } from '../../policies/notifications.js';
import { errorResponses, json, jsonBody, requireActor, router } from '../http.js';

const tags = ['notifications'];

const list = createRoute({
  method: 'get',
  path: '/notifications',
  tags,
  summary: 'My notifications, newest first, with the unread count',
  request: { query: notificationListQuerySchema },
  responses: { 200: json(notificationListSchema, 'Notifications'), ...errorResponses },
});
const unread = createRoute({
  method: 'get',
  path: '/notifications/unread-count',
  tags,
  summary: 'How many of my notifications are unread (the header badge)',
  responses: { 200: json(unreadCountSchema, 'Unread count'), ...errorResponses },
});
const markRead = createRoute({
  method: 'post',
  path: '/notifications/{id}/read',
  tags,
  summary: 'Mark one of my notifications read',
  request: { params: z.object({ id: idSchema }) },
  responses: { 200: json(unreadCountSchema, 'Unread count after'), ...errorResponses },
});
const markAll = createRoute({
  method: 'post',
  path: '/notifications/read-all',
  tags,
  summary: 'Mark all my notifications read',
  responses: { 200: json(unreadCountSchema, 'Unread count after'), ...errorResponses },
});
const getSettings = createRoute({
  method: 'get',
  path: '/notification-settings',
  tags,
  summary: 'My channel per kind of notification, and whether e-mail can be sent',
  responses: { 200: json(notificationSettingsSchema, 'Settings'), ...errorResponses },
});
const putSettings = createRoute({
  method: 'put',
  path: '/notification-settings',
  tags,
  summary: 'Choose in-app and e-mail per kind of notification (kinds left out keep their choice)',
  request: { body: jsonBody(notificationSettingsUpdateSchema) },
  responses: { 200: json(notificationSettingsSchema, 'Settings'), ...errorResponses },
});

async function unreadOf(c: AppContext, actor: Actor): Promise<number> {
  const [row] = await c
    .get('services')
    .db.select({ n: count() })
    .from(notifications)
    .where(and(notificationPolicy.ownWhere(actor), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

async function settingsOf(c: AppContext, actor: Actor): Promise<NotificationSettings> {
  const { db, config } = c.get('services');
  const rows = await db.select().from(notificationPreferences).where(eq(notificationPreferences.employeeId, actor.employeeId));
  const [me] = await db.select({ timeZone: employees.timeZone }).from(employees).where(eq(employees.id, actor.employeeId));
  const chosen = new Map(rows.map((r) => [r.kind, r]));
  return {
    preferences: notificationKinds.map((kind) => {
      const r = chosen.get(kind);
      return { kind, inApp: r ? r.inApp && inAppPossible(kind) : defaultChannels(kind).inApp, email: r ? r.email : defaultChannels(kind).email };
    }),
    mailConfigured: !!config.smtpUrl,
    timeZone: me?.timeZone ?? 'Asia/Tokyo',
  };
}

/** The in-app notification centre and each person's channel choices (SPEC §7). */
export const notificationsApi = router()
  .openapi(list, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { page, pageSize, unread: onlyUnread } = c.req.valid('query');
    const where = and(notificationPolicy.ownWhere(actor), onlyUnread === 'true' ? isNull(notifications.readAt) : undefined);
    const rows = await db
      .select()
      .from(notifications)
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize);
    const [total] = await db.select({ n: count() }).from(notifications).where(where);
    return c.json(
      {
        items: rows.map((n) => ({ id: n.id, kind: n.kind as NotificationKind, params: n.params, link: n.link, read: n.readAt !== null, createdAt: n.createdAt.toISOString() })),
        page,
        pageSize,
        total: total?.n ?? 0,
        unread: await unreadOf(c, actor),
      },
      200,
    );
  })
  .openapi(unread, async (c) => {
    const actor = requireActor(c);
    return c.json({ unread: await unreadOf(c, actor) }, 200);
  })
  .openapi(markRead, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const [row] = await db
      .update(notifications)
      .set({ readAt: new Date() })
      .where(and(eq(notifications.id, c.req.valid('param').id), notificationPolicy.ownWhere(actor)))
      .returning({ id: notifications.id });
    if (!row) throw new NotFoundError('errors.notificationNotFound');
    return c.json({ unread: await unreadOf(c, actor) }, 200);
  })
  .openapi(markAll, async (c) => {
    const actor = requireActor(c);
    await c
      .get('services')
      .db.update(notifications)
      .set({ readAt: new Date() })
      .where(and(notificationPolicy.ownWhere(actor), isNull(notifications.readAt)));
    return c.json({ unread: 0 }, 200);
  })
  .openapi(getSettings, async (c) => {
    const actor = requireActor(c);
    return c.json(await settingsOf(c, actor), 200);
  })
  .openapi(putSettings, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('services');
    const { preferences } = c.req.valid('json');
    await db.transaction(async (tx) => {
      for (const p of preferences) {
        const inApp = p.inApp && inAppPossible(p.kind);
        await tx
          .insert(notificationPreferences)
          .values({ employeeId: actor.employeeId, kind: p.kind, inApp, email: p.email })
          .onConflictDoUpdate({ target: [notificationPreferences.employeeId, notificationPreferences.kind], set: { inApp, email: p.email } });
      }
    });
    return c.json(await settingsOf(c, actor), 200);
  });


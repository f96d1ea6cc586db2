import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { calendarFeedSchema } from '../../../domain/notifications.js';
import { buildFeed, hashFeedToken, newFeedToken } from '../../calendar/feed.js';
import { calendarFeeds, employees } from '../../db/schema.js';
import { NotFoundError } from '../../errors.js';
import { errorResponses, json, requireActor, router } from '../http.js';

const tags = ['calendar'];

const status = createRoute({
  method: 'get',
  path: '/me/calendar-feed',
  tags,
  summary: 'Whether my personal calendar feed is on (its URL is shown only when created)',
  responses: { 200: json(calendarFeedSchema, 'Feed'), ...errorResponses },
});
const create = createRoute({
  method: 'post',
  path: '/me/calendar-feed',
  tags,
  summary: 'Create my calendar feed URL, replacing (and so revoking) any earlier one',
  responses: { 201: json(calendarFeedSchema, 'Feed with its secret URL'), ...errorResponses },
});
const revoke = createRoute({
  method: 'delete',
  path: '/me/calendar-feed',
  tags,
  summary: 'Revoke my calendar feed URL: it answers 404 from now on',
  responses: { 200: json(calendarFeedSchema, 'Feed off'), ...errorResponses },
});
const feed = createRoute({
  method: 'get',
  path: '/calendar-feeds/{token}',
  tags,
  summary: 'A personal iCalendar feed (no sign-in: the secret URL is the key). Pair names, times and links only.',
  request: { params: z.object({ token: z.string().min(20).max(100) }) },
  responses: {
    200: { content: { 'text/calendar': { schema: z.string() } }, description: 'iCalendar (RFC 5545)' },
    404: errorResponses[404],
    400: errorResponses[400],
  },
});

/** The personal iCalendar feed at a secret, revocable URL (SPEC §7); only the token's hash is stored. */
export const calendarFeedApi = router()
  .openapi(status, async (c) => {
    const actor = requireActor(c);
    const [row] = await c.get('services').db.select().from(calendarFeeds).where(eq(calendarFeeds.employeeId, actor.employeeId));
    return c.json({ active: !!row, createdAt: row?.createdAt.toISOString() ?? null, url: null }, 200);
  })
  .openapi(create, async (c) => {
    const actor = requireActor(c);
    const { db, config } = c.get('services');
    const { token, hash } = newFeedToken();
    const now = new Date();
    await db
      .insert(calendarFeeds)
      .values({ employeeId: actor.employeeId, tokenHash: hash, createdAt: now })
      .onConflictDoUpdate({ target: calendarFeeds.employeeId, set: { tokenHash: hash, createdAt: now } });
    return c.json({ active: true, createdAt: now.toISOString(), url: `${config.baseUrl}/api/calendar-feeds/${token}` }, 201);
  })
  .openapi(revoke, async (c) => {
    const actor = requireActor(c);
    await c.get('services').db.delete(calendarFeeds).where(eq(calendarFeeds.employeeId, actor.employeeId));
    return c.json({ active: false, createdAt: null, url: null }, 200);
  })
  .openapi(feed, async (c) => {
    const { db, config } = c.get('services');
    const [row] = await db
      .select({ employeeId: calendarFeeds.employeeId, active: employees.active })
      .from(calendarFeeds)
      .innerJoin(employees, eq(employees.id, calendarFeeds.employeeId))
      .where(eq(calendarFeeds.tokenHash, hashFeedToken(c.req.valid('param').token)));
    if (!row || !row.active) throw new NotFoundError('errors.calendarFeedNotFound');
    const body = await buildFeed(db, row.employeeId, config.baseUrl, new Date());
    c.header('cache-control', 'private, no-store');
    c.header('content-type', 'text/calendar; charset=utf-8');
    return c.body(body, 200) as never;
  });

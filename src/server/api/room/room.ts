import { createRoute, z } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { streamSSE } from 'hono/streaming';
import { idSchema } from '../../../domain/common.js';
import type { RoomChanged, RoomPresence } from '../../../domain/room.js';
import { meetings, series } from '../../db/schema.js';
import { ForbiddenError, NotFoundError } from '../../errors.js';
import { roomPolicy } from '../../policies/room.js';
import { seriesPolicy } from '../../policies/series.js';
import { errorResponses, requireActor, router } from '../http.js';

/** How long the browser waits before reconnecting a dropped stream. */
const RETRY_MS = 2_000;

const eventsRoute = createRoute({
  method: 'get',
  path: '/meetings/{id}/events',
  tags: ['meeting room'],
  summary: 'Live room events (server-sent events): what changed, and whether the partner is in the room',
  description: [
    'A `text/event-stream` for the pair of the meeting while its series has not ended.',
    '`event: changed` with `{"scope":"topics"|"actionItems"|"feedback"|"meeting"}` means: refetch that part through the API (events carry no content).',
    '`event: presence` with `{"employeeId","present"}` says whether the partner has the room open.',
    '`event: ready` follows the subscription: from then on no change is missed. The stream ends when the series ends or the caller is deactivated.',
  ].join('\n\n'),
  request: { params: z.object({ id: idSchema }) },
  responses: {
    200: {
      description: 'The event stream',
      content: {
        'text/event-stream': {
          schema: z.string().openapi({
            description: 'Server-sent events; data is JSON',
            example: 'event: changed\ndata: {"scope":"topics"}\n\n',
          }),
        },
      },
    },
    ...errorResponses,
  },
});

/** The live meeting room: one event stream per open room. */
export const roomApi = router().openapi(eventsRoute, async (c) => {
  const actor = requireActor(c);
  const { id } = c.req.valid('param');
  const { db, rooms, log } = c.get('services');
  const [row] = await db
    .select({ seriesId: series.id, managerId: series.managerId, reportId: series.reportId, status: series.status })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(eq(meetings.id, id));
  // Outsiders cannot tell whether the meeting exists.
  if (!row || !seriesPolicy.readContent(actor, row)) throw new NotFoundError('errors.meetingNotFound');
  if (!roomPolicy.subscribe(actor, row)) throw new ForbiddenError('errors.roomClosed');

  c.header('X-Accel-Buffering', 'no');
  return streamSSE(c, async (stream) => {
    let finished: () => void = () => {};
    const done = new Promise<void>((resolve) => (finished = resolve));
    const send = (event: 'changed' | 'presence', data: RoomChanged | RoomPresence) => {
      if (!stream.closed && !stream.aborted) void stream.writeSSE({ event, data: JSON.stringify(data) });
    };
    const leave = await rooms.join(
      { seriesId: row.seriesId, meetingId: id, employeeId: actor.employeeId },
      {
        changed: (e) => send('changed', e),
        presence: (e) => send('presence', e),
        ping: () => {
          if (!stream.closed && !stream.aborted) void stream.write(': ping\n\n');
        },
        close: (reason) => {
          log.info({ meetingId: id, employeeId: actor.employeeId, reason }, 'live room closed');
          finished();
        },
      },
    );
    stream.onAbort(() => {
      leave();
      finished();
    });
    // The browser may have gone while the subscription was being made.
    if (stream.aborted) leave();
    else {
      await stream.writeSSE({ event: 'ready', data: '{}', retry: RETRY_MS });
      await done;
    }
    leave();
  });
});

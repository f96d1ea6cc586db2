import { z } from 'zod';

/**
 * The live meeting room's event stream (GET /api/meetings/{id}/events, server-sent events). Events
 * carry no content: `changed` names what to refetch through the normal API, `presence` says whether
 * the partner has the room open.
 */
export const roomScopes = ['topics', 'actionItems', 'feedback', 'meeting', 'talk'] as const;
export type RoomScope = (typeof roomScopes)[number];

/** `event: changed` — something of `scope` changed in the pair's meeting or series: refetch it. */
export const roomChangedSchema = z.object({ scope: z.enum(roomScopes) });
export type RoomChanged = z.infer<typeof roomChangedSchema>;

/** `event: presence` — the partner (`employeeId`) has the room open in at least one window, or no longer. */
export const roomPresenceSchema = z.object({ employeeId: z.string(), present: z.boolean() });
export type RoomPresence = z.infer<typeof roomPresenceSchema>;

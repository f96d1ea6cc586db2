import { and, asc, eq } from 'drizzle-orm';
import type { RoomScope } from '../../../domain/room.js';
import type { AppContext } from '../../context.js';
import { actionItems, feedbackRecords, meetings, topics } from '../../db/schema.js';

/**
 * "Refetch this" signals to the pair's open rooms, sent by handlers after their command has
 * committed. They name what changed, never the content: the rooms refetch through the API.
 */

/** Something of `scope` changed in a meeting (topics order, discussed, the meeting's state). */
export async function signalMeeting(c: AppContext, meetingId: string, scope: RoomScope): Promise<void> {
  const { db, rooms } = c.get('services');
  const [m] = await db.select({ seriesId: meetings.seriesId }).from(meetings).where(eq(meetings.id, meetingId));
  if (m) rooms.changed(m.seriesId, scope, meetingId);
}

/**
 * What a topic write would signal, read before the write (a removal leaves nothing to read).
 * A private draft signals nothing: the partner must not even learn that one was written.
 */
export async function topicSignal(c: AppContext, topicId: string): Promise<(() => void) | null> {
  const { db, rooms } = c.get('services');
  const [t] = await db
    .select({ meetingId: topics.meetingId, visibility: topics.visibility, seriesId: meetings.seriesId })
    .from(topics)
    .innerJoin(meetings, eq(meetings.id, topics.meetingId))
    .where(eq(topics.id, topicId));
  if (!t || t.visibility !== 'pair') return null;
  return () => rooms.changed(t.seriesId, 'topics', t.meetingId);
}

/** After a topic write: signals when the topic is shared with the pair (or was, before the write). */
export async function signalTopic(c: AppContext, topicId: string, before: (() => void) | null = null): Promise<void> {
  const after = await topicSignal(c, topicId);
  (after ?? before)?.();
}

/** The series an action item belongs to, and the meeting it was agreed in. */
export async function actionItemSignal(c: AppContext, id: string): Promise<(() => void) | null> {
  const { db, rooms } = c.get('services');
  const [a] = await db.select({ seriesId: actionItems.seriesId, meetingId: actionItems.meetingId }).from(actionItems).where(eq(actionItems.id, id));
  return a ? () => rooms.changed(a.seriesId, 'actionItems', a.meetingId) : null;
}

/** The series a feedback record belongs to, and its meeting. */
export async function feedbackSignal(c: AppContext, id: string): Promise<(() => void) | null> {
  const { db, rooms } = c.get('services');
  const [f] = await db.select({ seriesId: feedbackRecords.seriesId, meetingId: feedbackRecords.meetingId }).from(feedbackRecords).where(eq(feedbackRecords.id, id));
  return f ? () => rooms.changed(f.seriesId, 'feedback', f.meetingId) : null;
}

/**
 * The order of a meeting's shared topics, to tell whether a reorder moved any of them: moving only
 * one's private drafts must not signal the partner.
 */
export async function sharedTopicOrder(c: AppContext, meetingId: string): Promise<string> {
  const rows = await c
    .get('services')
    .db.select({ id: topics.id })
    .from(topics)
    .where(and(eq(topics.meetingId, meetingId), eq(topics.visibility, 'pair')))
    .orderBy(asc(topics.position), asc(topics.createdAt), asc(topics.id));
  return rows.map((r) => r.id).join(',');
}

import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import type { Tx } from '../db/client.js';
import { meetings, topics } from '../db/schema.js';

/** The meeting of the series still ahead (scheduled, not yet over): the one carried topics go to. */
export async function nextMeetingOf(tx: Tx, seriesId: string, now = new Date()) {
  const [next] = await tx
    .select({ id: meetings.id, startsAt: meetings.startsAt })
    .from(meetings)
    .where(and(eq(meetings.seriesId, seriesId), eq(meetings.status, 'scheduled'), sql`${meetings.startsAt} + make_interval(mins => ${meetings.durationMinutes}) > ${now}`))
    .orderBy(meetings.startsAt)
    .limit(1);
  return next ?? null;
}

/**
 * Carries what the pair's previous meeting left open into the series' next meeting: shared topics
 * not discussed, and the authors' private drafts never shared (they stay private to their author,
 * so a draft is never stranded on a meeting that is over). Idempotent (a topic is carried into a
 * meeting at most once). Nothing carries while the previous meeting is still running: its topics
 * may yet be discussed.
 *
 * Run by every command that changes what is next or what is open (a meeting finished, cancelled,
 * moved or added; a topic added, shared or unmarked; a series scheduled) and by the periodic
 * maintenance job for meetings whose time passed without being held — never by a read.
 */
export async function carryOver(tx: Tx, seriesId: string, now = new Date()): Promise<void> {
  const next = await nextMeetingOf(tx, seriesId, now);
  if (!next) return;
  const [previous] = await tx
    .select({ id: meetings.id, status: meetings.status })
    .from(meetings)
    .where(and(eq(meetings.seriesId, seriesId), lt(meetings.startsAt, next.startsAt), ne(meetings.status, 'cancelled'), ne(meetings.id, next.id)))
    .orderBy(desc(meetings.startsAt))
    .limit(1);
  if (!previous || previous.status === 'inProgress') return;
  const open = await tx
    .select()
    .from(topics)
    .where(and(eq(topics.meetingId, previous.id), eq(topics.discussed, false)))
    .orderBy(topics.position, topics.createdAt);
  if (open.length === 0) return;
  await tx
    .insert(topics)
    .values(
      open.map((t, i) => ({
        meetingId: next.id,
        authorId: t.authorId,
        title: t.title,
        note: t.note,
        category: t.category,
        wantedResponse: t.wantedResponse,
        visibility: t.visibility,
        goalId: t.goalId,
        position: -1000 + i,
        carriedFromId: t.carriedFromId ?? t.id,
        sharedAt: t.sharedAt,
      })),
    )
    .onConflictDoNothing();
}

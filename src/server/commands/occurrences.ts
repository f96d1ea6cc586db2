import { and, eq, gt, notExists, sql } from 'drizzle-orm';
import { addDays, localDateOf, zonedToUtc } from '../../domain/calendar.js';
import { GENERATION_WINDOW_DAYS, occurrences, type Schedule } from '../../domain/series.js';
import type { Tx } from '../db/client.js';
import { actionItems, checkIns, feedbackRecords, meetings, preQuestions, privateNotes, series, sharedNotes, topics } from '../db/schema.js';

type SeriesRow = typeof series.$inferSelect;

/** The schedule of a stored series, in the shape the domain's generator takes. */
export function scheduleOf(s: SeriesRow): Schedule {
  return {
    cadence: s.cadence,
    weekday: s.weekday,
    dayOfMonth: s.dayOfMonth,
    weekOfMonth: s.weekOfMonth,
    intervalDays: s.intervalDays,
    startDate: s.startDate,
    startTime: s.startTime,
    durationMinutes: s.durationMinutes,
    timeZone: s.timeZone,
  };
}

/**
 * Keeps the rolling three-month window of an active series generated: inserts every missing
 * occurrence from `from` (default: the day after the last generated one, or today) to today + 92
 * days. Idempotent: an occurrence's cadence date is unique within its series.
 */
export async function ensureOccurrences(tx: Tx, s: SeriesRow, now = new Date(), from?: string): Promise<void> {
  if (!from && !occurrencesDue(s, now)) return;
  if (s.status !== 'active') return;
  const horizon = horizonOf(s, now);
  const start = from ?? (s.generatedUntil ? addDays(s.generatedUntil, 1) : localDateOf(now, s.timeZone));
  const list = occurrences(scheduleOf(s), start, horizon);
  if (list.length > 0) {
    await tx
      .insert(meetings)
      .values(
        list.map((o) => ({
          seriesId: s.id,
          startsAt: zonedToUtc(o.date, s.startTime, s.timeZone),
          durationMinutes: s.durationMinutes,
          originalDate: o.originalDate,
          holidayName: o.holiday?.name ?? null,
          holidayNameEn: o.holiday?.nameEn ?? null,
          movedForHoliday: o.moved,
        })),
      )
      .onConflictDoNothing();
  }
  await tx.update(series).set({ generatedUntil: horizon }).where(eq(series.id, s.id));
}

/** Whether an active series' generated window falls short of today + 92 days (in its time zone). */
export function occurrencesDue(s: SeriesRow, now = new Date()): boolean {
  return s.status === 'active' && (!s.generatedUntil || s.generatedUntil < horizonOf(s, now));
}

function horizonOf(s: SeriesRow, now: Date): string {
  return addDays(localDateOf(now, s.timeZone), GENERATION_WINDOW_DAYS);
}

/**
 * Removes the series' future generated meetings that nobody has prepared anything for (used when
 * the cadence changes, or the series is paused or ended). Prepared ones stay for the pair to handle.
 */
export async function dropUnpreparedFutureMeetings(tx: Tx, seriesId: string, now = new Date()): Promise<void> {
  await tx.delete(meetings).where(
    and(
      eq(meetings.seriesId, seriesId),
      eq(meetings.status, 'scheduled'),
      eq(meetings.extra, false),
      gt(meetings.startsAt, now),
      notExists(tx.select({ x: sql`1` }).from(topics).where(eq(topics.meetingId, meetings.id))),
      notExists(tx.select({ x: sql`1` }).from(preQuestions).where(eq(preQuestions.meetingId, meetings.id))),
      notExists(tx.select({ x: sql`1` }).from(checkIns).where(eq(checkIns.meetingId, meetings.id))),
      notExists(tx.select({ x: sql`1` }).from(sharedNotes).where(eq(sharedNotes.meetingId, meetings.id))),
      // A private note, feedback or action item written ahead also counts as preparation.
      notExists(tx.select({ x: sql`1` }).from(privateNotes).where(eq(privateNotes.meetingId, meetings.id))),
      notExists(tx.select({ x: sql`1` }).from(feedbackRecords).where(eq(feedbackRecords.meetingId, meetings.id))),
      notExists(tx.select({ x: sql`1` }).from(actionItems).where(eq(actionItems.meetingId, meetings.id))),
    ),
  );
}


import { asc, eq } from 'drizzle-orm';
import { addDays, localDateOf, weekdayOf } from '../../domain/calendar.js';
import type { Schedule } from '../../domain/series.js';
import { insertSeries } from '../commands/scheduleSeries.js';
import type { Db } from '../db/client.js';
import { checkInConsents, checkIns, meetings, topics } from '../db/schema.js';
import { checkInConsentVersion } from '../../domain/privacy.js';

/** Today in Tokyo, as the server sees it. */
export const tokyoToday = (now = new Date()) => localDateOf(now, 'Asia/Tokyo');

/** A weekly schedule at 10:00 Tokyo time, starting `inDays` days from today on that day's weekday. */
export function weeklySchedule(inDays = 1, over: Partial<Schedule> = {}): Schedule {
  const startDate = addDays(tokyoToday(), inDays);
  return {
    cadence: 'weekly',
    weekday: weekdayOf(startDate),
    dayOfMonth: null,
    weekOfMonth: null,
    intervalDays: null,
    startDate,
    startTime: '10:00',
    durationMinutes: 30,
    timeZone: 'Asia/Tokyo',
    ...over,
  };
}

/** Inserts a series straight through the command layer (no API, no checks) with its generated meetings. */
export async function createSeries(
  db: Db,
  props: { managerId: string; reportId: string; schedule?: Schedule; purpose?: string; now?: Date },
): Promise<{ id: string; purpose: string | null }> {
  const purpose = props.purpose ?? null;
  const row = await insertSeries(db, {
    managerId: props.managerId,
    reportId: props.reportId,
    purpose,
    schedule: props.schedule ?? weeklySchedule(),
    createdById: props.managerId,
    now: props.now,
  });
  return { id: row.id, purpose };
}

/** The meetings of a series in time order. */
export function meetingsOf(db: Db, seriesId: string) {
  return db.select().from(meetings).where(eq(meetings.seriesId, seriesId)).orderBy(asc(meetings.startsAt));
}

/**
 * A meeting `daysAgo` days in the past, held (status shared) unless told otherwise, with the
 * report's check-in when a score is given.
 */
export async function insertPastMeeting(
  db: Db,
  props: { seriesId: string; reportId: string; daysAgo: number; score?: number; status?: 'shared' | 'scheduled' | 'cancelled' },
): Promise<string> {
  const [m] = await db
    .insert(meetings)
    .values({
      seriesId: props.seriesId,
      startsAt: new Date(Date.now() - props.daysAgo * 86_400_000),
      durationMinutes: 30,
      status: props.status ?? 'shared',
    })
    .returning({ id: meetings.id });
  if (props.score !== undefined) await db.insert(checkIns).values({ meetingId: m!.id, reportId: props.reportId, score: props.score });
  return m!.id;
}

/** Inserts a topic straight into the table. */
export async function insertTopic(
  db: Db,
  props: { meetingId: string; authorId: string; title: string; visibility?: 'private' | 'pair'; discussed?: boolean; position?: number },
): Promise<string> {
  const [t] = await db
    .insert(topics)
    .values({
      meetingId: props.meetingId,
      authorId: props.authorId,
      title: props.title,
      category: 'workChallenges',
      wantedResponse: 'thinkTogether',
      visibility: props.visibility ?? 'pair',
      discussed: props.discussed ?? false,
      position: props.position ?? 1,
    })
    .returning({ id: topics.id });
  return t!.id;
}

/** The person consents to condition check-ins (the current statement), as the consent dialog does. */
export async function consentToCheckIns(db: Db, employeeId: string): Promise<void> {
  await db.insert(checkInConsents).values({ employeeId, statementVersion: checkInConsentVersion }).onConflictDoNothing();
}

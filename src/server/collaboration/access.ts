import { eq } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import type { Tx } from '../db/client.js';
import { meetings, minutes, series } from '../db/schema.js';
import { followUpPolicy } from '../policies/followUp.js';
import { seriesPolicy } from '../policies/series.js';

/** The series facts that decide who may edit a meeting's shared notes. */
export interface NotesAccess {
  meetingId: string;
  seriesId: string;
  managerId: string;
  reportId: string;
  seriesStatus: 'pending' | 'active' | 'paused' | 'ended' | 'declined';
}

export async function loadNotesAccess(db: Tx, meetingId: string): Promise<NotesAccess | null> {
  const [row] = await db
    .select({ meetingId: meetings.id, seriesId: series.id, managerId: series.managerId, reportId: series.reportId, seriesStatus: series.status })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(eq(meetings.id, meetingId));
  return row ?? null;
}

/** Only the two people of the pair, and only while the series has not ended (SPEC §2: pair visibility). */
export function mayEditNotes(actor: Actor | null, access: NotesAccess | null): boolean {
  return !!access && access.seriesStatus !== 'ended' && seriesPolicy.readContent(actor, access);
}

/** The facts that decide who may edit a meeting's minutes draft. */
export interface MinutesAccess extends NotesAccess {
  meetingStatus: (typeof meetings.$inferSelect)['status'];
  minutesStatus: (typeof minutes.$inferSelect)['status'];
}

export async function loadMinutesAccess(db: Tx, meetingId: string): Promise<MinutesAccess | null> {
  const [row] = await db
    .select({
      meetingId: meetings.id,
      seriesId: series.id,
      managerId: series.managerId,
      reportId: series.reportId,
      seriesStatus: series.status,
      meetingStatus: meetings.status,
      minutesStatus: minutes.status,
    })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(eq(minutes.meetingId, meetingId));
  return row ?? null;
}

/** Only the pair, and only while the minutes are a draft: the same rule as the API's `edit` ability. */
export function mayEditMinutes(actor: Actor | null, access: MinutesAccess | null): boolean {
  if (!access) return false;
  return followUpPolicy.minutesAbilities(actor, access, { status: access.meetingStatus }, { status: access.minutesStatus }).edit;
}

import { eq } from 'drizzle-orm';
import type { z } from 'zod';
import { zonedToUtc } from '../../domain/calendar.js';
import type { Actor } from '../../domain/roles.js';
import type { cancelSchema, extraMeetingSchema, rescheduleSchema } from '../../domain/series.js';
import type { Db, Tx } from '../db/client.js';
import { meetings, series } from '../db/schema.js';
import { ConflictError, NotFoundError, ValidationError } from '../errors.js';
import { seriesPolicy } from '../policies/series.js';
import { carryOver } from './carryOver.js';

/** Loads a meeting with its series for a change, locked; 404 unless the actor is one of the pair. */
export async function meetingForChange(tx: Tx, actor: Actor, id: string) {
  const [row] = await tx
    .select({ m: meetings, s: series })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(eq(meetings.id, id))
    .for('update', { of: meetings });
  if (!row || !seriesPolicy.readContent(actor, row.s)) throw new NotFoundError('errors.meetingNotFound');
  return row;
}

function assertFuture(startsAt: Date, now: Date) {
  if (startsAt.getTime() < now.getTime() - 60_000) throw new ValidationError({ startsAt: { key: 'validation.dateInPast' } });
}

/** Moves one meeting to another time, keeping the reason (it feeds the formality signals). */
export async function rescheduleMeeting(props: { db: Db; actor: Actor; id: string; input: z.output<typeof rescheduleSchema>; now?: Date }) {
  const now = props.now ?? new Date();
  const startsAt = new Date(props.input.startsAt);
  assertFuture(startsAt, now);
  await props.db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, props.actor, props.id);
    seriesPolicy.assertMeetingAbility(props.actor, s, m, 'reschedule', now);
    await tx
      .update(meetings)
      .set({
        startsAt,
        durationMinutes: props.input.durationMinutes ?? m.durationMinutes,
        rescheduledAt: now,
        rescheduleReason: props.input.reason,
        movedForHoliday: false,
      })
      .where(eq(meetings.id, m.id));
    await carryOver(tx, s.id, now);
  });
}

/** Cancels one meeting with a reason. */
export async function cancelMeeting(props: { db: Db; actor: Actor; id: string; input: z.output<typeof cancelSchema>; now?: Date }) {
  const now = props.now ?? new Date();
  await props.db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, props.actor, props.id);
    seriesPolicy.assertMeetingAbility(props.actor, s, m, 'cancel', now);
    await tx
      .update(meetings)
      .set({ status: 'cancelled', cancelledAt: now, cancelReason: props.input.reason, cancelCategory: props.input.category, cancelledById: props.actor.employeeId })
      .where(eq(meetings.id, m.id));
    await carryOver(tx, s.id, now);
  });
}

/** Holds a meeting that was moved off a national holiday on its original date after all. */
export async function keepOriginalDate(props: { db: Db; actor: Actor; id: string; now?: Date }) {
  const now = props.now ?? new Date();
  await props.db.transaction(async (tx) => {
    const { m, s } = await meetingForChange(tx, props.actor, props.id);
    seriesPolicy.assertMeetingAbility(props.actor, s, m, 'keepOriginalDate', now);
    if (!m.originalDate) throw new ConflictError('errors.meetingNotMoved');
    await tx
      .update(meetings)
      .set({ startsAt: zonedToUtc(m.originalDate, s.startTime, s.timeZone), movedForHoliday: false, keptOnHoliday: true })
      .where(eq(meetings.id, m.id));
    await carryOver(tx, s.id, now);
  });
}

/** Either side asks for an extra 1on1 outside the cadence. */
export async function requestExtraMeeting(props: { db: Db; actor: Actor; seriesId: string; input: z.output<typeof extraMeetingSchema>; now?: Date }) {
  const now = props.now ?? new Date();
  const startsAt = new Date(props.input.startsAt);
  assertFuture(startsAt, now);
  return props.db.transaction(async (tx) => {
    const [s] = await tx.select().from(series).where(eq(series.id, props.seriesId));
    if (!s || !seriesPolicy.readContent(props.actor, s)) throw new NotFoundError('errors.seriesNotFound');
    if (!seriesPolicy.abilities(props.actor, s).requestExtra) throw new ConflictError('errors.seriesStatus');
    const [row] = await tx
      .insert(meetings)
      .values({
        seriesId: s.id,
        startsAt,
        durationMinutes: props.input.durationMinutes,
        extra: true,
        requestedById: props.actor.employeeId,
        rescheduleReason: props.input.reason,
      })
      .returning({ id: meetings.id });
    await carryOver(tx, s.id, now);
    return row!.id;
  });
}

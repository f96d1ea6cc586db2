import { and, eq, gt, inArray, lte, ne, notInArray } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { Db } from '../db/client.js';
import { calendarInvitations, employees, meetings, series } from '../db/schema.js';
import { formatWhen } from '../notifications/mailText.js';
import { displayName, notifyOnce, type Recipient } from '../notifications/notify.js';
import { emitWebhookEvent } from './webhooks.js';

/** How far ahead meetings are sent as calendar invitations. */
export const INVITATION_HORIZON_DAYS = 14;
const DAY = 86_400_000;

const manager = alias(employees, 'inv_manager');
const report = alias(employees, 'inv_report');
const person = (t: typeof manager | typeof report) => ({ id: t.id, email: t.email, locale: t.locale, timeZone: t.timeZone, familyName: t.familyName, givenName: t.givenName });

/** The stable UID of a meeting in every calendar: updates and cancellations find the event by it. */
export function meetingUid(meetingId: string): string {
  return `meeting-${meetingId}@taiwa`;
}

/**
 * One iCalendar invitation (RFC 5546 REQUEST or CANCEL) for a meeting. Its summary names the pair
 * and its description holds the agenda link only — never topic or note text (SPEC §2).
 */
export function invitationIcs(props: {
  method: 'REQUEST' | 'CANCEL';
  meetingId: string;
  sequence: number;
  startsAt: Date;
  durationMinutes: number;
  organizer: string;
  manager: Recipient;
  report: Recipient;
  baseUrl: string;
  stamp: Date;
}): string {
  const cal = ical({ prodId: { company: 'Taiwa', product: 'Taiwa', language: 'JA' }, method: props.method === 'REQUEST' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.CANCEL });
  const url = `${props.baseUrl}/meetings/${props.meetingId}`;
  cal.createEvent({
    id: meetingUid(props.meetingId),
    sequence: props.sequence,
    stamp: props.stamp,
    start: props.startsAt,
    end: new Date(props.startsAt.getTime() + props.durationMinutes * 60_000),
    summary: `1on1: ${displayName(props.manager)} / ${displayName(props.report)}`,
    description: `${url}`,
    url,
    status: props.method === 'CANCEL' ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    organizer: { name: 'Taiwa', email: props.organizer },
    // Someone without an address (ADR 0215) is no attendee: a calendar cannot invite them.
    attendees: [props.manager, props.report].flatMap((p) => (p.email ? [{ name: displayName(p), email: p.email, rsvp: props.method === 'REQUEST' }] : [])),
  });
  return cal.toString();
}

/**
 * Keeps the pair's mail calendars in step with Taiwa: invites to meetings within the horizon,
 * sends an update (same UID, SEQUENCE + 1) when one moves, and a CANCEL when one is cancelled or
 * removed. The sequence is advanced with a compare-and-set, so two processes send each version once.
 */
export async function syncInvitations(db: Db, now: Date, baseUrl: string, organizer: string): Promise<{ mailIds: string[]; webhookDeliveryIds: string[] }> {
  const mailIds: string[] = [];
  const webhookDeliveryIds: string[] = [];
  const horizon = new Date(now.getTime() + INVITATION_HORIZON_DAYS * DAY);

  // New meetings within the horizon that have no invitation yet.
  const invited = db.select({ id: calendarInvitations.meetingId }).from(calendarInvitations);
  const fresh = await db
    .select({ m: meetings, manager: person(manager), report: person(report) })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(manager, eq(manager.id, series.managerId))
    .innerJoin(report, eq(report.id, series.reportId))
    .where(and(ne(meetings.status, 'cancelled'), eq(series.status, 'active'), gt(meetings.startsAt, now), lte(meetings.startsAt, horizon), notInArray(meetings.id, invited)));
  // Invitations already sent whose meeting moved, was cancelled or removed.
  const sent = await db.select().from(calendarInvitations).where(and(eq(calendarInvitations.cancelled, false), gt(calendarInvitations.sentStartsAt, new Date(now.getTime() - DAY))));
  const current = sent.length
    ? await db
        .select({ m: meetings, manager: person(manager), report: person(report) })
        .from(meetings)
        .innerJoin(series, eq(series.id, meetings.seriesId))
        .innerJoin(manager, eq(manager.id, series.managerId))
        .innerJoin(report, eq(report.id, series.reportId))
        .where(inArray(meetings.id, sent.map((s) => s.meetingId)))
    : [];
  const byId = new Map(current.map((c) => [c.m.id, c]));
  const seriesPeople = sent.length
    ? await db
        .select({ id: series.id, manager: person(manager), report: person(report) })
        .from(series)
        .innerJoin(manager, eq(manager.id, series.managerId))
        .innerJoin(report, eq(report.id, series.reportId))
        .where(inArray(series.id, [...new Set(sent.map((s) => s.seriesId))]))
    : [];
  const peopleOf = new Map(seriesPeople.map((s) => [s.id, s]));

  await db.transaction(async (tx) => {
    const send = async (method: 'REQUEST' | 'CANCEL', meetingId: string, sequence: number, startsAt: Date, durationMinutes: number, mg: Recipient, rp: Recipient) => {
      const content = invitationIcs({ method, meetingId, sequence, startsAt, durationMinutes, organizer, manager: mg, report: rp, baseUrl, stamp: now });
      for (const [r, partner] of [
        [mg, rp],
        [rp, mg],
      ] as const) {
        const res = await notifyOnce(tx, {
          recipient: r,
          kind: 'invitation',
          subjectId: meetingId,
          occasion: `${method}:${sequence}`,
          params: { partner: displayName(partner), when: formatWhen(startsAt, r.locale, r.timeZone), startsAt: startsAt.toISOString() },
          link: `/meetings/${meetingId}`,
          baseUrl,
          icalendar: { method, content },
        });
        if (res.mailId) mailIds.push(res.mailId);
      }
    };
    for (const { m, manager: mg, report: rp } of fresh) {
      const [row] = await tx
        .insert(calendarInvitations)
        .values({ meetingId: m.id, seriesId: m.seriesId, sequence: 0, sentStartsAt: m.startsAt, sentDurationMinutes: m.durationMinutes })
        .onConflictDoNothing()
        .returning();
      if (!row) continue;
      await send('REQUEST', m.id, 0, m.startsAt, m.durationMinutes, mg, rp);
      webhookDeliveryIds.push(
        ...(await emitWebhookEvent(tx, { event: 'meetingScheduled', key: `scheduled:${m.id}`, payload: { meetingId: m.id, startsAt: m.startsAt.toISOString(), manager: displayName(mg), report: displayName(rp), link: `/meetings/${m.id}` } })),
      );
    }
    for (const inv of sent) {
      const cur = byId.get(inv.meetingId);
      const gone = !cur || cur.m.status === 'cancelled';
      const moved = cur && (cur.m.startsAt.getTime() !== inv.sentStartsAt.getTime() || cur.m.durationMinutes !== inv.sentDurationMinutes);
      if (!gone && !moved) continue;
      const next = inv.sequence + 1;
      const [row] = await tx
        .update(calendarInvitations)
        .set({
          sequence: next,
          cancelled: gone,
          sentStartsAt: gone ? inv.sentStartsAt : cur!.m.startsAt,
          sentDurationMinutes: gone ? inv.sentDurationMinutes : cur!.m.durationMinutes,
          updatedAt: now,
        })
        .where(and(eq(calendarInvitations.meetingId, inv.meetingId), eq(calendarInvitations.sequence, inv.sequence)))
        .returning();
      if (!row) continue;
      const people = cur ?? peopleOf.get(inv.seriesId);
      if (!people) continue;
      if (gone) await send('CANCEL', inv.meetingId, next, inv.sentStartsAt, inv.sentDurationMinutes, people.manager, people.report);
      else await send('REQUEST', inv.meetingId, next, cur!.m.startsAt, cur!.m.durationMinutes, people.manager, people.report);
    }
  });
  return { mailIds, webhookDeliveryIds };
}

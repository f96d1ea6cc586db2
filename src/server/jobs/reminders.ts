import { and, eq, gte, inArray, lt, lte, ne, or, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { addDays, daysBetween, localDateOf, zonedToUtc } from '../../domain/calendar.js';
import type { NotificationKind } from '../../domain/notifications.js';
import type { Db, Tx } from '../db/client.js';
import { actionItems, employees, meetings, minutes, notificationPreferences, reflections, series } from '../db/schema.js';
import { formatWhen } from '../notifications/mailText.js';
import { displayName, notifyOnce, recipientColumns, type NotifyInput, type Recipient } from '../notifications/notify.js';
import { emitWebhookEvent } from './webhooks.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Local time of day at which the daily reminders reach people. */
export const REMINDER_TIME = '09:00';
/** Local time of the morning digest. */
export const DIGEST_TIME = '08:00';
/** How long before the start the "starts soon" reminder goes out. */
export const START_REMINDER_MINUTES = 10;

const manager = alias(employees, 'rm_manager');
const report = alias(employees, 'rm_report');

/** The first instant at or after `after` that is `time` local in `timeZone`. */
export function nextLocalTime(after: Date, time: string, timeZone: string): Date {
  const today = zonedToUtc(localDateOf(after, timeZone), time, timeZone);
  return today >= after ? today : zonedToUtc(addDays(localDateOf(after, timeZone), 1), time, timeZone);
}

/** Whether a reminder due at `due` is to be sent at `now`: due, and not older than a day (no stale floods after downtime). */
function dueNow(due: Date, now: Date, until = new Date(due.getTime() + DAY)): boolean {
  return due <= now && now < until;
}

export interface ReminderRun {
  /** Ids of mails queued by this run (the caller wakes the mail worker). */
  mailIds: string[];
  /** Ids of webhook deliveries created by this run. */
  webhookDeliveryIds: string[];
  created: number;
}

type Pending = NotifyInput;

/**
 * Decides every reminder due at `now` and records each exactly once (SPEC §7). `now` is injected so
 * tests drive it with a simulated clock; the queue's cron job calls it every minute. Safe to run in
 * several processes at once: `notifyOnce` relies on a unique key per recipient, kind, subject and occasion.
 */
export async function runDueReminders(db: Db, now: Date, baseUrl: string): Promise<ReminderRun> {
  const pending: Pending[] = [];
  const webhookEvents: Parameters<typeof emitWebhookEvent>[1][] = [];
  const add = (recipient: Recipient, kind: NotificationKind, subjectId: string, occasion: string, params: Pending['params'], link: string) =>
    pending.push({ recipient, kind, subjectId, occasion, params, link, baseUrl });

  // Upcoming meetings: topics invitation (2 days before), prep brief (1 day before), start.
  const upcoming = await db
    .select({ m: meetings, manager: pick(manager), report: pick(report) })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(manager, eq(manager.id, series.managerId))
    .innerJoin(report, eq(report.id, series.reportId))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        eq(series.status, 'active'),
        eq(manager.active, true),
        eq(report.active, true),
        gte(meetings.startsAt, now),
        lt(meetings.startsAt, new Date(now.getTime() + 4 * DAY)),
      ),
    );
  for (const { m, manager: mg, report: rp } of upcoming) {
    const managerR = mg as Recipient;
    const reportR = rp as Recipient;
    const link = `/meetings/${m.id}`;
    const params = (r: Recipient, partner: Recipient) => ({ partner: displayName(partner), when: formatWhen(m.startsAt, r.locale, r.timeZone), startsAt: m.startsAt.toISOString() });
    const invite = zonedToUtc(addDays(localDateOf(m.startsAt, reportR.timeZone), -2), REMINDER_TIME, reportR.timeZone);
    if (dueNow(invite, now, minDate(new Date(invite.getTime() + DAY), m.startsAt))) {
      add(reportR, 'topicsInvite', m.id, m.startsAt.toISOString(), params(reportR, managerR), link);
    }
    const prep = zonedToUtc(addDays(localDateOf(m.startsAt, managerR.timeZone), -1), REMINDER_TIME, managerR.timeZone);
    if (dueNow(prep, now, minDate(new Date(prep.getTime() + DAY), m.startsAt))) {
      add(managerR, 'prepBrief', m.id, m.startsAt.toISOString(), params(managerR, reportR), `/meetings/${m.id}/prep`);
    }
    const start = new Date(m.startsAt.getTime() - START_REMINDER_MINUTES * 60_000);
    if (dueNow(start, now, m.startsAt)) {
      add(reportR, 'meetingStart', m.id, m.startsAt.toISOString(), params(reportR, managerR), link);
      add(managerR, 'meetingStart', m.id, m.startsAt.toISOString(), params(managerR, reportR), link);
      webhookEvents.push({ event: 'reminderDue', key: `start:${m.id}:${m.startsAt.toISOString()}`, payload: { kind: 'meetingStart', meetingId: m.id, startsAt: m.startsAt.toISOString(), manager: displayName(managerR), report: displayName(reportR), link } });
    }
  }

  // Shared minutes: the report acknowledges them; both sides reflect.
  const shared = await db
    .select({ m: meetings, mi: { status: minutes.status, sharedAt: minutes.sharedAt }, manager: pick(manager), report: pick(report) })
    .from(minutes)
    .innerJoin(meetings, eq(meetings.id, minutes.meetingId))
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .innerJoin(manager, eq(manager.id, series.managerId))
    .innerJoin(report, eq(report.id, series.reportId))
    .where(and(inArray(minutes.status, ['shared', 'acknowledged']), gte(minutes.sharedAt, new Date(now.getTime() - 3 * DAY)), lte(minutes.sharedAt, now)));
  const reflected = shared.length
    ? await db.select({ meetingId: reflections.meetingId, authorId: reflections.authorId }).from(reflections).where(inArray(reflections.meetingId, shared.map((s) => s.m.id)))
    : [];
  const hasReflected = new Set(reflected.map((r) => `${r.meetingId}:${r.authorId}`));
  for (const { m, mi, manager: mg, report: rp } of shared) {
    const managerR = mg as Recipient;
    const reportR = rp as Recipient;
    const sharedAt = mi.sharedAt!;
    webhookEvents.push({ event: 'minutesShared', key: `minutes:${m.id}`, payload: { meetingId: m.id, manager: displayName(managerR), report: displayName(reportR), link: `/meetings/${m.id}/minutes` } });
    if (mi.status === 'shared' && dueNow(nextLocalTime(sharedAt, REMINDER_TIME, reportR.timeZone), now)) {
      add(reportR, 'minutesToAcknowledge', m.id, 'shared', { partner: displayName(managerR), when: formatWhen(m.startsAt, reportR.locale, reportR.timeZone), startsAt: m.startsAt.toISOString() }, `/meetings/${m.id}/minutes`);
    }
    for (const [r, partner] of [
      [reportR, managerR],
      [managerR, reportR],
    ] as const) {
      if (hasReflected.has(`${m.id}:${r.id}`)) continue;
      const due = nextLocalTime(new Date(sharedAt.getTime() + 12 * HOUR), REMINDER_TIME, r.timeZone);
      if (dueNow(due, now)) {
        add(r, 'reflectionPending', m.id, 'shared', { partner: displayName(partner), when: formatWhen(m.startsAt, r.locale, r.timeZone), startsAt: m.startsAt.toISOString() }, `/meetings/${m.id}/minutes`);
      }
    }
  }

  // Action items due today and just overdue, one message per owner and day.
  const utcToday = now.toISOString().slice(0, 10);
  const items = await db
    .select({ id: actionItems.id, dueDate: actionItems.dueDate, seriesId: actionItems.seriesId, owner: pick(manager) })
    .from(actionItems)
    .innerJoin(manager, eq(manager.id, actionItems.ownerId))
    .innerJoin(series, eq(series.id, actionItems.seriesId))
    .where(
      and(
        eq(actionItems.status, 'open'),
        eq(manager.active, true),
        ne(series.status, 'ended'),
        gte(actionItems.dueDate, addDays(utcToday, -3)),
        lte(actionItems.dueDate, addDays(utcToday, 2)),
      ),
    );
  const perOwner = new Map<string, { owner: Recipient; due: number; overdue: number; overdueIds: string[] }>();
  for (const it of items) {
    const owner = it.owner as Recipient;
    const today = localDateOf(now, owner.timeZone);
    if (!dueNow(zonedToUtc(today, REMINDER_TIME, owner.timeZone), now)) continue;
    const entry = perOwner.get(owner.id) ?? { owner, due: 0, overdue: 0, overdueIds: [] };
    if (it.dueDate === today) entry.due++;
    if (it.dueDate === addDays(today, -1)) {
      entry.overdue++;
      entry.overdueIds.push(it.id);
    }
    perOwner.set(owner.id, entry);
  }
  for (const { owner, due, overdue, overdueIds } of perOwner.values()) {
    const today = localDateOf(now, owner.timeZone);
    if (due > 0) add(owner, 'actionItemDue', owner.id, today, { count: due, date: today }, '/action-items');
    if (overdue > 0) add(owner, 'actionItemOverdue', owner.id, today, { count: overdue, date: today }, '/action-items');
    for (const id of overdueIds) webhookEvents.push({ event: 'actionItemOverdue', key: `overdue:${id}`, payload: { actionItemId: id, owner: displayName(owner), dueDate: addDays(today, -1), link: '/action-items' } });
  }

  // Series with no meeting held for longer than their cadence: the manager is asked to schedule one.
  const held = sql<string | null>`(select max(${meetings.startsAt}) from ${meetings} where ${meetings.seriesId} = ${series.id} and ${meetings.status} in ('inProgress','minutesDraft','shared','acknowledged'))`;
  const active = await db
    .select({ s: series, lastHeld: held, manager: pick(manager), report: pick(report) })
    .from(series)
    .innerJoin(manager, eq(manager.id, series.managerId))
    .innerJoin(report, eq(report.id, series.reportId))
    .where(and(eq(series.status, 'active'), eq(manager.active, true), eq(report.active, true)));
  for (const { s, lastHeld, manager: mg, report: rp } of active) {
    const managerR = mg as Recipient;
    const since = lastHeld ? localDateOf(new Date(lastHeld), s.timeZone) : s.startDate;
    const cadenceDays = s.cadence === 'weekly' ? 7 : s.cadence === 'biweekly' ? 14 : s.cadence === 'everyNDays' ? (s.intervalDays ?? 7) : 31;
    const staleDay = addDays(since, cadenceDays + 1);
    const due = zonedToUtc(staleDay, REMINDER_TIME, managerR.timeZone);
    if (dueNow(due, now)) {
      add(managerR, 'seriesStale', s.id, since, { partner: displayName(rp as Recipient), days: daysBetween(since, localDateOf(now, managerR.timeZone)) }, `/series/${s.id}`);
    }
  }

  // The morning digest, for those who chose it.
  const digestPeople = await db
    .select({ r: recipientColumns })
    .from(notificationPreferences)
    .innerJoin(employees, eq(employees.id, notificationPreferences.employeeId))
    .where(and(eq(notificationPreferences.kind, 'digest'), eq(employees.active, true), or(eq(notificationPreferences.inApp, true), eq(notificationPreferences.email, true))));
  for (const { r } of digestPeople) {
    const person = r as Recipient;
    const today = localDateOf(now, person.timeZone);
    if (!dueNow(zonedToUtc(today, DIGEST_TIME, person.timeZone), now)) continue;
    const counts = await digestCounts(db, person, today);
    add(person, 'digest', person.id, today, { date: today, ...counts }, '/');
  }

  const mailIds: string[] = [];
  const webhookDeliveryIds: string[] = [];
  let created = 0;
  await db.transaction(async (tx) => {
    for (const p of pending) {
      const result = await notifyOnce(tx, p);
      if (result.created) created++;
      if (result.mailId) mailIds.push(result.mailId);
    }
    for (const e of webhookEvents) webhookDeliveryIds.push(...(await emitWebhookEvent(tx, e)));
  });
  return { mailIds, webhookDeliveryIds, created };
}

function minDate(a: Date, b: Date): Date {
  return a < b ? a : b;
}

function pick(t: typeof report | typeof manager) {
  return { id: t.id, email: t.email, locale: t.locale, timeZone: t.timeZone, familyName: t.familyName, givenName: t.givenName };
}

async function digestCounts(tx: Tx, person: Recipient, today: string): Promise<{ meetings: number; items: number }> {
  const from = zonedToUtc(today, '00:00', person.timeZone);
  const to = zonedToUtc(addDays(today, 1), '00:00', person.timeZone);
  const [m] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(meetings)
    .innerJoin(series, eq(series.id, meetings.seriesId))
    .where(and(or(eq(series.managerId, person.id), eq(series.reportId, person.id)), eq(meetings.status, 'scheduled'), gte(meetings.startsAt, from), lt(meetings.startsAt, to)));
  const [i] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(actionItems)
    .where(and(eq(actionItems.ownerId, person.id), eq(actionItems.status, 'open'), lte(actionItems.dueDate, today)));
  return { meetings: m?.n ?? 0, items: i?.n ?? 0 };
}

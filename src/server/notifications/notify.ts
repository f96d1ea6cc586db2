import { and, eq, inArray } from 'drizzle-orm';
import type { Locale } from '../../domain/limits.js';
import { defaultChannels, inAppPossible, type NotificationKind } from '../../domain/notifications.js';
import type { Tx } from '../db/client.js';
import { employees, mailMessages, notificationDeliveries, notificationPreferences, notifications } from '../db/schema.js';
import { renderMail, type NotificationParams } from './mailText.js';

/** Who a notification goes to, as the sender needs them: address, language, time zone. */
export interface Recipient {
  id: string;
  /** Null: no address yet (ADR 0215); the person gets no mail. */
  email: string | null;
  locale: Locale;
  timeZone: string;
  familyName: string;
  givenName: string;
}

/** The columns of `employees` that make a Recipient. */
export const recipientColumns = {
  id: employees.id,
  email: employees.email,
  locale: employees.locale,
  timeZone: employees.timeZone,
  familyName: employees.familyName,
  givenName: employees.givenName,
};

/** A person's name as a notification shows it (family name first, as in Japanese). */
export function displayName(p: { familyName: string; givenName: string }): string {
  return `${p.familyName} ${p.givenName}`;
}

/** The channels each of `employeeIds` chose for `kind` (the kind's default where they chose nothing). */
export async function channelsFor(tx: Tx, employeeIds: string[], kind: NotificationKind): Promise<Map<string, { inApp: boolean; email: boolean }>> {
  const out = new Map(employeeIds.map((id) => [id, defaultChannels(kind)]));
  if (employeeIds.length === 0) return out;
  const rows = await tx
    .select()
    .from(notificationPreferences)
    .where(and(inArray(notificationPreferences.employeeId, employeeIds), eq(notificationPreferences.kind, kind)));
  for (const r of rows) out.set(r.employeeId, { inApp: r.inApp && inAppPossible(kind), email: r.email });
  return out;
}

export interface NotifyInput {
  recipient: Recipient;
  kind: NotificationKind;
  /** What the notification is about (a meeting, an action item, a series, a date). */
  subjectId: string;
  /** Which occurrence of it (e.g. the due date); together with the above the idempotency key. */
  occasion: string;
  params: NotificationParams;
  /** Path inside the app, e.g. `/meetings/<id>`. */
  link: string;
  baseUrl: string;
  /** A calendar invitation (iCalendar text) travelling with the mail. */
  icalendar?: { method: 'REQUEST' | 'CANCEL'; content: string };
}

/**
 * Records one notification exactly once: the delivery key, the in-app notification and the mail
 * are written in the caller's transaction, so two processes reaching the same reminder produce one
 * of each. Returns the mail's id when one was queued (the mail worker sends it).
 */
export async function notifyOnce(tx: Tx, input: NotifyInput): Promise<{ created: boolean; mailId: string | null }> {
  const { recipient, kind } = input;
  const [delivery] = await tx
    .insert(notificationDeliveries)
    .values({ recipientId: recipient.id, kind, subjectId: input.subjectId, occasion: input.occasion })
    .onConflictDoNothing()
    .returning({ id: notificationDeliveries.id });
  if (!delivery) return { created: false, mailId: null };
  const channels = (await channelsFor(tx, [recipient.id], kind)).get(recipient.id)!;
  if (channels.inApp && inAppPossible(kind)) {
    await tx.insert(notifications).values({ recipientId: recipient.id, kind, params: input.params, link: input.link });
  }
  let mailId: string | null = null;
  // Nothing is ever mailed to someone without an address; the in-app notification waits for them.
  if (channels.email && recipient.email) {
    const mail = renderMail(kind, recipient.locale, input.params, `${input.baseUrl}${input.link}`, `${input.baseUrl}/settings/notifications`);
    const [row] = await tx
      .insert(mailMessages)
      .values({ recipientId: recipient.id, toAddress: recipient.email, kind, ...mail, icalendar: input.icalendar?.content ?? null, icalMethod: input.icalendar?.method ?? null })
      .returning({ id: mailMessages.id });
    mailId = row!.id;
  }
  return { created: true, mailId };
}

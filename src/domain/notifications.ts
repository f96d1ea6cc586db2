import { z } from 'zod';
import { idSchema, pageOf, pageQuerySchema, requiredText } from './common.js';

/**
 * Contracts of notifications (SPEC §7): the kinds of reminder, each person's channel choice per
 * kind, the in-app notification centre, the personal calendar feed, the admins' outbox and webhooks.
 */

/** The kinds of notification a person may receive, in the order the settings page shows them. */
export const notificationKinds = [
  'topicsInvite',
  'prepBrief',
  'meetingStart',
  'minutesToAcknowledge',
  'reflectionPending',
  'actionItemDue',
  'actionItemOverdue',
  'seriesStale',
  'digest',
  'invitation',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

/** Channels a kind goes to when the person chose nothing: the morning digest is opt-in, calendar invitations are mail only. */
export function defaultChannels(kind: NotificationKind): { inApp: boolean; email: boolean } {
  if (kind === 'digest') return { inApp: false, email: false };
  if (kind === 'invitation') return { inApp: false, email: true };
  return { inApp: true, email: true };
}

/** Whether a kind can reach the in-app centre (calendar invitations belong to mail calendars only). */
export function inAppPossible(kind: NotificationKind): boolean {
  return kind !== 'invitation';
}

export const notificationPreferenceSchema = z.object({
  kind: z.enum(notificationKinds),
  inApp: z.boolean(),
  email: z.boolean(),
});
export type NotificationPreference = z.infer<typeof notificationPreferenceSchema>;

export const notificationSettingsSchema = z.object({
  preferences: z.array(notificationPreferenceSchema),
  /** False when no SMTP server is configured: e-mail is kept in the outbox admins read. */
  mailConfigured: z.boolean(),
  timeZone: z.string(),
});
export type NotificationSettings = z.infer<typeof notificationSettingsSchema>;

export const notificationSettingsUpdateSchema = z.object({
  preferences: z
    .array(notificationPreferenceSchema)
    .min(1)
    .max(notificationKinds.length)
    .refine((list) => new Set(list.map((p) => p.kind)).size === list.length, { message: 'duplicateKind' }),
});

export const notificationSchema = z.object({
  id: idSchema,
  kind: z.enum(notificationKinds),
  /** Names and times for the message; never topic, note or action-item text. */
  params: z.record(z.string(), z.union([z.string(), z.number()])),
  link: z.string(),
  read: z.boolean(),
  createdAt: z.iso.datetime(),
});
export type Notification = z.infer<typeof notificationSchema>;

export const notificationListQuerySchema = pageQuerySchema.extend({
  unread: z.enum(['true', 'false']).optional(),
});
export const notificationListSchema = pageOf(notificationSchema).extend({ unread: z.number().int() });
export type NotificationList = z.infer<typeof notificationListSchema>;
export const unreadCountSchema = z.object({ unread: z.number().int() });

// ---- Calendar feed ----

export const calendarFeedSchema = z.object({
  active: z.boolean(),
  createdAt: z.iso.datetime().nullable(),
  /** Present only in the answer that created the feed: the secret URL is shown once. */
  url: z.string().nullable(),
});
export type CalendarFeed = z.infer<typeof calendarFeedSchema>;

// ---- Outbox (admins) ----

export const outboxMessageSchema = z.object({
  id: idSchema,
  toAddress: z.string(),
  kind: z.string(),
  subject: z.string(),
  text: z.string(),
  icalMethod: z.string().nullable(),
  status: z.enum(['pending', 'sent', 'outbox', 'failed']),
  createdAt: z.iso.datetime(),
});
export const outboxListSchema = pageOf(outboxMessageSchema).extend({ mailConfigured: z.boolean() });
export type OutboxList = z.infer<typeof outboxListSchema>;

// ---- Webhooks (admins) ----

export const webhookEvents = ['meetingScheduled', 'reminderDue', 'minutesShared', 'actionItemOverdue'] as const;
export type WebhookEvent = (typeof webhookEvents)[number];
export const webhookFormats = ['slack', 'teams', 'json'] as const;
export type WebhookFormat = (typeof webhookFormats)[number];
/** Headers of the generic JSON format: `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">` and its timestamp (Unix seconds). */
export const webhookSignatureHeader = 'x-taiwa-signature';
export const webhookTimestampHeader = 'x-taiwa-timestamp';

/** Hosts a webhook may reach over plain http: only this machine. */
const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

export const webhookInputSchema = z.object({
  name: requiredText(100),
  url: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    // The payload names people: it travels encrypted, except to a receiver on this very machine.
    .refine((u) => u.startsWith('https://') || loopbackHosts.has(new URL(u).hostname), 'webhookHttps'),
  format: z.enum(webhookFormats),
  /** The message key names the choice, which a generic minimum message would not. */
  events: z.array(z.enum(webhookEvents)).min(1, 'webhookEvents'),
});
export const webhookSchema = z.object({
  id: idSchema,
  name: z.string(),
  url: z.string(),
  format: z.enum(webhookFormats),
  events: z.array(z.enum(webhookEvents)),
  active: z.boolean(),
  /**
   * The signing key the receiver checks signatures with. Present only in the answer that created the
   * webhook (shown once, like a password); every other answer carries null.
   */
  secret: z.string().nullable(),
  createdAt: z.iso.datetime(),
});
export type Webhook = z.infer<typeof webhookSchema>;
/** What an admin may change on a webhook: switching it off keeps its settings and its delivery log. */
export const webhookUpdateSchema = z.object({ active: z.boolean() });
export const webhookListSchema = z.object({ items: z.array(webhookSchema) });
export const webhookAttemptSchema = z.object({ attempt: z.number().int(), statusCode: z.number().int().nullable(), error: z.string().nullable(), at: z.iso.datetime() });
export type WebhookAttempt = z.infer<typeof webhookAttemptSchema>;
export const webhookDeliverySchema = z.object({
  id: idSchema,
  event: z.string(),
  status: z.enum(['pending', 'delivered', 'failed']),
  createdAt: z.iso.datetime(),
  attempts: z.array(webhookAttemptSchema),
});
export const webhookDeliveryListSchema = pageOf(webhookDeliverySchema);
export type WebhookDeliveryList = z.infer<typeof webhookDeliveryListSchema>;
export type WebhookDelivery = z.infer<typeof webhookDeliverySchema>;
export type WebhookInput = z.infer<typeof webhookInputSchema>;
export type WebhookList = z.infer<typeof webhookListSchema>;

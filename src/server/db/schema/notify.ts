import { boolean, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { employees } from '../schema.js';

const createdAt = timestamp('created_at', { withTimezone: true }).notNull().defaultNow();

/**
 * One row per notification that was decided (recipient + kind + subject + occasion). Inserted in the
 * same transaction as the in-app notification and the mail it causes: a second process that reaches
 * the same reminder hits the unique key and sends nothing (SPEC §7, safe with several processes).
 */
export const notificationDeliveries = pgTable(
  'notification_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind').notNull(),
    subjectId: text('subject_id').notNull(),
    occasion: text('occasion').notNull(),
    createdAt,
  },
  (t) => [uniqueIndex('notification_deliveries_key_idx').on(t.recipientId, t.kind, t.subjectId, t.occasion)],
);

/** The in-app notification centre: what happened, where to go; rendered in the reader's language. */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind').notNull(),
    /** Names and times only (never topic, note or action-item text). */
    params: jsonb('params').$type<Record<string, string | number>>().notNull(),
    link: text('link').notNull(),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt,
  },
  (t) => [index('notifications_recipient_idx').on(t.recipientId, t.createdAt)],
);

/** A person's channel choice for one kind of notification (no row: the kind's default). */
export const notificationPreferences = pgTable(
  'notification_preferences',
  {
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind').notNull(),
    inApp: boolean('in_app').notNull(),
    email: boolean('email').notNull(),
  },
  (t) => [uniqueIndex('notification_preferences_key_idx').on(t.employeeId, t.kind)],
);

/**
 * Every e-mail Taiwa writes. `pending` until a worker sends it (`sent`) or, with no SMTP settings,
 * keeps it in the outbox admins can read (`outbox`).
 */
export const mailMessages = pgTable(
  'mail_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    recipientId: uuid('recipient_id').references(() => employees.id),
    toAddress: text('to_address').notNull(),
    kind: text('kind').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** An iCalendar invitation (METHOD:REQUEST or CANCEL) sent with the mail. */
    icalendar: text('icalendar'),
    icalMethod: text('ical_method'),
    status: text('status', { enum: ['pending', 'sent', 'outbox', 'failed'] })
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt,
  },
  (t) => [index('mail_messages_status_idx').on(t.status, t.createdAt)],
);

/** The calendar invitation state of a meeting: its SEQUENCE rises with every change sent out. */
export const calendarInvitations = pgTable('calendar_invitations', {
  /** No foreign key: a meeting nobody prepared may be deleted, and its invitation then needs a CANCEL. */
  meetingId: uuid('meeting_id').primaryKey(),
  seriesId: uuid('series_id').notNull(),
  sequence: integer('sequence').notNull().default(0),
  sentStartsAt: timestamp('sent_starts_at', { withTimezone: true }).notNull(),
  sentDurationMinutes: integer('sent_duration_minutes').notNull(),
  cancelled: boolean('cancelled').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** A personal iCalendar feed: only the SHA-256 of its secret token is kept; deleting the row revokes it. */
export const calendarFeeds = pgTable('calendar_feeds', {
  employeeId: uuid('employee_id')
    .primaryKey()
    .references(() => employees.id),
  tokenHash: text('token_hash').notNull().unique(),
  createdAt,
});

/** An organisation-level outgoing webhook an admin configured. */
export const webhooks = pgTable('webhooks', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  url: text('url').notNull(),
  format: text('format', { enum: ['slack', 'teams', 'json'] }).notNull(),
  /** HMAC-SHA256 key of the generic JSON format's signature header. */
  secret: text('secret').notNull(),
  events: jsonb('events').$type<string[]>().notNull(),
  active: boolean('active').notNull().default(true),
  createdAt,
});

/** Every attempt to deliver an event to a webhook: the log admins read. */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    webhookId: uuid('webhook_id')
      .notNull()
      .references(() => webhooks.id, { onDelete: 'cascade' }),
    event: text('event').notNull(),
    /** Identifies the event occurrence: one delivery per webhook and event key. */
    eventKey: text('event_key').notNull(),
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull(),
    status: text('status', { enum: ['pending', 'delivered', 'failed'] })
      .notNull()
      .default('pending'),
    createdAt,
  },
  (t) => [uniqueIndex('webhook_deliveries_key_idx').on(t.webhookId, t.eventKey)],
);

/** One HTTP attempt of a webhook delivery. */
export const webhookAttempts = pgTable(
  'webhook_attempts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    deliveryId: uuid('delivery_id')
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: 'cascade' }),
    attempt: integer('attempt').notNull(),
    statusCode: integer('status_code'),
    error: text('error'),
    createdAt,
  },
  (t) => [uniqueIndex('webhook_attempts_key_idx').on(t.deliveryId, t.attempt)],
);

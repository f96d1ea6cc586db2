import { sql } from 'drizzle-orm';
import { bigint, boolean, check, customType, date, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import type { MinutesNode } from '../../domain/minutesDocument.js';
import { goals } from './schema/goals.js';

const timestamps = {
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
};

// ---- Sign-in (better-auth's tables; its adapter finds them by these keys) ----

export const user = pgTable('auth_user', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  ...timestamps,
});

export const session = pgTable(
  'auth_session',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    token: text('token').notNull().unique(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    ...timestamps,
  },
  (t) => [index('auth_session_user_idx').on(t.userId)],
);

export const account = pgTable(
  'auth_account',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => user.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamp('access_token_expires_at', { withTimezone: true }),
    refreshTokenExpiresAt: timestamp('refresh_token_expires_at', { withTimezone: true }),
    scope: text('scope'),
    password: text('password'),
    ...timestamps,
  },
  (t) => [index('auth_account_user_idx').on(t.userId)],
);

export const verification = pgTable('auth_verification', {
  id: text('id').primaryKey(),
  identifier: text('identifier').notNull(),
  value: text('value').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  ...timestamps,
});

export const rateLimit = pgTable('auth_rate_limit', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

// ---- Organisation ----

/** Nested departments; deactivated rather than deleted so history keeps its names. */
export const departments = pgTable(
  'departments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    parentId: uuid('parent_id').references((): AnyPgColumn => departments.id),
    active: boolean('active').notNull().default(true),
    ...timestamps,
  },
  (t) => [index('departments_parent_idx').on(t.parentId)],
);

/**
 * One row per person. Linked 1:1 to a sign-in user; deactivated, never deleted, while history
 * is retained (SPEC §1). The manager role is derived from `manager_id` of others. A person without
 * an e-mail address (provisioned before their mailbox exists, ADR 0215) has no sign-in user: `email`
 * and `user_id` are both null or both set.
 */
/**
 * Every text the employee list's search looks in, one per line (ADR 0218): a pattern found in any of
 * them is found in this, so its trigram index picks the candidates and the exact conditions recheck.
 */
export const employeeSearchText = (t: { familyName: AnyPgColumn; givenName: AnyPgColumn; familyNameKana: AnyPgColumn; givenNameKana: AnyPgColumn; email: AnyPgColumn; employeeNumber: AnyPgColumn; title: AnyPgColumn }) =>
  sql`(${t.familyName} || ${t.givenName} || E'\\n' || ${t.familyName} || ' ' || ${t.givenName} || E'\\n' || ${t.familyNameKana} || ${t.givenNameKana} || E'\\n' || coalesce(${t.email}, '') || E'\\n' || ${t.employeeNumber} || E'\\n' || coalesce(${t.title}, ''))`;

/**
 * The text content search looks in for a topic (ADR 0222): title and note, one per line. Its trigram
 * index picks the candidates; the search rechecks each field, so a match never spans the two.
 */
export const topicSearchText = (t: { title: AnyPgColumn; note: AnyPgColumn }) => sql`(${t.title} || E'\\n' || coalesce(${t.note}, ''))`;

/** The same for a feedback record: situation, behaviour and impact, one per line (ADR 0222). */
export const feedbackSearchText = (t: { situation: AnyPgColumn; behaviour: AnyPgColumn; impact: AnyPgColumn }) =>
  sql`(${t.situation} || E'\\n' || ${t.behaviour} || E'\\n' || ${t.impact})`;

export const employees = pgTable(
  'employees',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: text('user_id')
      .unique()
      .references(() => user.id),
    familyName: text('family_name').notNull(),
    givenName: text('given_name').notNull(),
    familyNameKana: text('family_name_kana').notNull(),
    givenNameKana: text('given_name_kana').notNull(),
    email: text('email'),
    employeeNumber: text('employee_number').notNull(),
    title: text('title'),
    departmentId: uuid('department_id').references(() => departments.id),
    managerId: uuid('manager_id').references((): AnyPgColumn => employees.id),
    active: boolean('active').notNull().default(true),
    isHr: boolean('is_hr').notNull().default(false),
    isAdmin: boolean('is_admin').notNull().default(false),
    locale: text('locale', { enum: ['ja', 'en'] }).notNull().default('ja'),
    timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
    /** When the person was anonymised on request (APPI, ADR 0213): names and addresses erased; never undone. */
    anonymisedAt: timestamp('anonymised_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('employees_email_idx').on(sql`lower(${t.email})`),
    check('employees_email_with_user', sql`(${t.email} is null) = (${t.userId} is null)`),
    uniqueIndex('employees_number_idx').on(t.employeeNumber),
    index('employees_manager_idx').on(t.managerId),
    index('employees_department_idx').on(t.departmentId),
    // The directory's order (ADR 0218): pages are read from this index, not sorted after the fact.
    index('employees_kana_order_idx').on(t.familyNameKana, t.givenNameKana, t.id),
    index('employees_search_trgm_idx').using('gin', sql`${employeeSearchText(t)} gin_trgm_ops`),
  ],
);

/** Installation-wide settings (one organisation per installation). */
export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  ...timestamps,
});

// ---- 1on1 series and preparation (SPEC §3.1–3.2) ----

/** A manager and a report's ongoing 1on1 relationship, with its purpose and cadence. */
export const series = pgTable(
  'series',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    managerId: uuid('manager_id')
      .notNull()
      .references(() => employees.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => employees.id),
    /** What the pair wrote; null: the default purpose (SPEC §3.1), shown in each reader's language. */
    purpose: text('purpose'),
    /** When either side last wrote or re-confirmed the purpose (null: never since the series began). */
    purposeConfirmedAt: timestamp('purpose_confirmed_at', { withTimezone: true }),
    cadence: text('cadence', { enum: ['weekly', 'biweekly', 'monthlyDay', 'monthlyWeekday', 'everyNDays'] }).notNull(),
    weekday: integer('weekday'),
    dayOfMonth: integer('day_of_month'),
    weekOfMonth: integer('week_of_month'),
    intervalDays: integer('interval_days'),
    startDate: date('start_date').notNull(),
    startTime: text('start_time').notNull(),
    durationMinutes: integer('duration_minutes').notNull().default(30),
    timeZone: text('time_zone').notNull().default('Asia/Tokyo'),
    status: text('status', { enum: ['pending', 'active', 'paused', 'ended', 'declined'] }).notNull().default('active'),
    /** Occurrences exist up to this date (the rolling window is extended from here). */
    generatedUntil: date('generated_until'),
    createdById: uuid('created_by_id').references(() => employees.id),
    pausedAt: timestamp('paused_at', { withTimezone: true }),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [index('series_manager_idx').on(t.managerId), index('series_report_idx').on(t.reportId)],
);

/** One 1on1 meeting of a series: generated from the cadence, or an extra one somebody asked for. */
export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => series.id),
    startsAt: timestamp('starts_at', { withTimezone: true }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    /** The date the cadence gave (null for an extra meeting); unique per series. */
    originalDate: date('original_date'),
    status: text('status', { enum: ['scheduled', 'inProgress', 'minutesDraft', 'shared', 'acknowledged', 'cancelled'] })
      .notNull()
      .default('scheduled'),
    holidayName: text('holiday_name'),
    holidayNameEn: text('holiday_name_en'),
    movedForHoliday: boolean('moved_for_holiday').notNull().default(false),
    keptOnHoliday: boolean('kept_on_holiday').notNull().default(false),
    extra: boolean('extra').notNull().default(false),
    /** When the pair started the meeting (both rooms time it from here). */
    startedAt: timestamp('started_at', { withTimezone: true }),
    requestedById: uuid('requested_by_id').references(() => employees.id),
    rescheduledAt: timestamp('rescheduled_at', { withTimezone: true }),
    rescheduleReason: text('reschedule_reason'),
    cancelledAt: timestamp('cancelled_at', { withTimezone: true }),
    cancelReason: text('cancel_reason'),
    /** The kind of reason (`cancelCategories`), counted in hr's analytics; null for cancellations before it was asked. */
    cancelCategory: text('cancel_category', { enum: ['workload', 'conflict', 'absence', 'nothingToDiscuss', 'other'] }),
    cancelledById: uuid('cancelled_by_id').references(() => employees.id),
    ...timestamps,
  },
  (t) => [
    uniqueIndex('meetings_series_original_idx').on(t.seriesId, t.originalDate),
    index('meetings_series_starts_idx').on(t.seriesId, t.startsAt),
    // Period reads across all series (analytics, the practice table's 90-day window): ADR 0212.
    index('meetings_starts_idx').on(t.startsAt),
  ],
);

/** An agenda topic (アジェンダ). Private to its author until shared with the pair. */
export const topics = pgTable(
  'topics',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    title: text('title').notNull(),
    note: text('note'),
    category: text('category', {
      enum: ['career', 'skills', 'workChallenges', 'relationships', 'condition', 'goals', 'feedback', 'other'],
    }).notNull(),
    wantedResponse: text('wanted_response', { enum: ['listen', 'advice', 'thinkTogether', 'decide', 'feedback'] }).notNull(),
    visibility: text('visibility', { enum: ['private', 'pair'] }).notNull(),
    position: integer('position').notNull().default(0),
    discussed: boolean('discussed').notNull().default(false),
    carriedFromId: uuid('carried_from_id').references((): AnyPgColumn => topics.id),
    /**
     * The author's answer when the title reads like a status report: false "not a status report,
     * I want to talk it through"; null not asked (the wording decides in the formality signals).
     */
    statusReport: boolean('status_report'),
    /** One of the report's goals this topic is about (shown with its progress in the room). */
    goalId: uuid('goal_id').references((): AnyPgColumn => goals.id),
    sharedAt: timestamp('shared_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('topics_meeting_idx').on(t.meetingId),
    uniqueIndex('topics_carried_idx').on(t.meetingId, t.carriedFromId),
    // Content search (ADR 0222); title alone keeps `topics_title_trgm_idx` of migration 0002.
    index('topics_search_trgm_idx').using('gin', sql`${topicSearchText(t)} gin_trgm_ops`),
  ],
);

/** A question the manager sends before the meeting (事前質問), and the report's answer. */
export const preQuestions = pgTable(
  'pre_questions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    text: text('text').notNull(),
    bankQuestionId: text('bank_question_id'),
    closed: boolean('closed').notNull().default(false),
    answer: text('answer'),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    position: integer('position').notNull().default(0),
    ...timestamps,
  },
  (t) => [index('pre_questions_meeting_idx').on(t.meetingId)],
);

/** The report's condition before a meeting (コンディション), 1–5; one per meeting. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    reportId: uuid('report_id')
      .notNull()
      .references(() => employees.id),
    score: integer('score').notNull(),
    comment: text('comment'),
    ...timestamps,
  },
  (t) => [uniqueIndex('check_ins_meeting_idx').on(t.meetingId), index('check_ins_report_idx').on(t.reportId, t.createdAt)],
);

// ---- The meeting and its follow-up (SPEC §3.3–3.4) ----

/** PostgreSQL `bytea` as a Node Buffer (Drizzle has no built-in one). */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({
  dataType: () => 'bytea',
});

/** The pair's shared notes of a meeting: the Yjs document state, and its plain text for minutes and search. */
export const sharedNotes = pgTable('shared_notes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  state: bytea('state').notNull(),
  text: text('text').notNull().default(''),
  ...timestamps,
});

/** One side's private note of a meeting (自分用メモ): encrypted at rest, readable by its author only. */
export const privateNotes = pgTable(
  'private_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    /** AES-256-GCM: 12-byte IV, then ciphertext, then the 16-byte tag. */
    ciphertext: bytea('ciphertext').notNull(),
    keyVersion: integer('key_version').notNull().default(1),
    ...timestamps,
  },
  (t) => [uniqueIndex('private_notes_meeting_author_idx').on(t.meetingId, t.authorId)],
);

/**
 * The versions of the private-note key (ADR 0211). Each row names a server secret by a check value
 * derived from it (never the secret or the key itself), so a process knows which version its
 * TAIWA_SECRET is and refuses a previous secret that matches no recorded version.
 */
export const noteKeys = pgTable('note_keys', {
  version: integer('version').primaryKey(),
  check: bytea('check').notNull().unique(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

/** Fact-based feedback (situation, behaviour, impact), given in a meeting or between meetings. */
export const feedbackRecords = pgTable(
  'feedback_records',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => series.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    giverId: uuid('giver_id')
      .notNull()
      .references(() => employees.id),
    receiverId: uuid('receiver_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind', { enum: ['positive', 'constructive'] }).notNull(),
    situation: text('situation').notNull(),
    behaviour: text('behaviour').notNull(),
    impact: text('impact').notNull(),
    ...timestamps,
  },
  (t) => [
    index('feedback_series_idx').on(t.seriesId),
    index('feedback_meeting_idx').on(t.meetingId),
    // Content search (ADR 0222).
    index('feedback_search_trgm_idx').using('gin', sql`${feedbackSearchText(t)} gin_trgm_ops`),
  ],
);

/** A next step (ネクストステップ): who does what by when; the manager's support commitments are marked. */
export const actionItems = pgTable(
  'action_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seriesId: uuid('series_id')
      .notNull()
      .references(() => series.id),
    meetingId: uuid('meeting_id').references(() => meetings.id),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => employees.id),
    createdById: uuid('created_by_id')
      .notNull()
      .references(() => employees.id),
    title: text('title').notNull(),
    dueDate: date('due_date'),
    support: boolean('support').notNull().default(false),
    status: text('status', { enum: ['open', 'done'] }).notNull().default('open'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    ...timestamps,
  },
  (t) => [
    index('action_items_series_idx').on(t.seriesId, t.status),
    index('action_items_owner_idx').on(t.ownerId, t.status),
    // A page of history counts open and done items per meeting (ADR 0222): read from this index alone.
    index('action_items_meeting_idx').on(t.meetingId, t.status),
    // The practice table's window of recent action items across all series: ADR 0212.
    index('action_items_created_idx').on(t.createdAt),
  ],
);

/** The minutes (議事録) of a meeting: a draft either side edits, then shared (read-only) and acknowledged. */
export const minutes = pgTable('minutes', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  /** The current version as Markdown (search text); rendering uses `content`. */
  body: text('body').notNull(),
  /** The current shared version, language-neutral (null while a draft: the draft is `minutes_documents`). */
  content: jsonb('content').$type<MinutesNode>(),
  status: text('status', { enum: ['draft', 'shared', 'acknowledged'] }).notNull().default('draft'),
  version: integer('version').notNull().default(1),
  sharedAt: timestamp('shared_at', { withTimezone: true }),
  sharedById: uuid('shared_by_id').references(() => employees.id),
  acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
  reportComment: text('report_comment'),
  ...timestamps,
});

/**
 * Talk balance of a meeting (ADR 0190): each side's consent, the pair's settings, and the figure —
 * milliseconds of speech per side, recomputed from the intervals as they arrive. No audio is stored.
 */
export const talkBalances = pgTable('talk_balances', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  managerConsent: boolean('manager_consent').notNull().default(false),
  reportConsent: boolean('report_consent').notNull().default(false),
  mode: text('mode', { enum: ['headsets', 'oneRoom'] })
    .notNull()
    .default('headsets'),
  cueShare: integer('cue_share').notNull().default(40),
  managerMs: integer('manager_ms').notNull().default(0),
  reportMs: integer('report_ms').notNull().default(0),
  ...timestamps,
});

/** Speaking intervals of a meeting on the shared clock (start, end, mean level): timing only, never audio. */
export const talkIntervals = pgTable(
  'talk_intervals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    fromMs: bigint('from_ms', { mode: 'number' }).notNull(),
    toMs: bigint('to_ms', { mode: 'number' }).notNull(),
    level: integer('level').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('talk_intervals_meeting_idx').on(t.meetingId)],
);

/** Every version of shared minutes: corrections after sharing stay visible as history. */
export const minutesRevisions = pgTable(
  'minutes_revisions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    version: integer('version').notNull(),
    body: text('body').notNull(),
    /** The version as a language-neutral document (null for versions written before minutes were structured). */
    content: jsonb('content').$type<MinutesNode>(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    reason: text('reason'),
    ...timestamps,
  },
  (t) => [uniqueIndex('minutes_revisions_version_idx').on(t.meetingId, t.version)],
);

/**
 * A reflection (振り返り) after the minutes are shared. The report rates feeling heard and
 * usefulness (pair-aggregate: the manager sees them only averaged over 3+ reports); the manager
 * rates their own listening.
 */
export const reflections = pgTable(
  'reflections',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    role: text('role', { enum: ['manager', 'report'] }).notNull(),
    feltHeard: integer('felt_heard'),
    useful: integer('useful'),
    ownListening: integer('own_listening'),
    gained: text('gained'),
    improve: text('improve'),
    ...timestamps,
  },
  (t) => [uniqueIndex('reflections_meeting_author_idx').on(t.meetingId, t.authorId)],
);

export * from './schema/minutes.js';
export * from './schema/guidance.js';
export * from './schema/notify.js';
export * from './schema/apiTokens.js';
export * from './schema/scim.js';
export * from './schema/goals.js';
export * from './schema/audit.js';
export * from './schema/privacy.js';
export * from './schema/analytics.js';

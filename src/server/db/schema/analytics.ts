import { sql } from 'drizzle-orm';
import { index, integer, json, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { employees } from '../schema.js';

/**
 * Monthly rollups of hr's dashboard (ADR 0216): for each closed month, one row per report with the
 * sums the dashboard's figures are made of (src/server/analytics/rollups.ts names each array's
 * entries; `analytics_rollup_months.layout` records that order). Keyed by the person, never by the
 * department: the department is read at request time, as for figures computed from the meetings,
 * so a move re-attributes history the same way. Server-side only; every figure read from here goes
 * through the same policy and suppression rule as before.
 */
export const analyticsRollups = pgTable(
  'analytics_rollups',
  {
    month: text('month').notNull(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => employees.id),
    /** Per figure: 1 when the person counts among its distinct people that month, else 0. */
    practicePeople: integer('practice_people').notNull(),
    qualityPeople: integer('quality_people').notNull(),
    topicPeople: integer('topic_people').notNull(),
    conditionPeople: integer('condition_people').notNull(),
    practice: integer('practice').array().notNull(),
    quality: integer('quality').array().notNull(),
    topics: integer('topics').array().notNull(),
    condition: integer('condition').array().notNull(),
    warnings: integer('warnings').array().notNull(),
  },
  (t) => [primaryKey({ columns: [t.month, t.reportId] }), index('analytics_rollups_report_idx').on(t.reportId)],
);

/**
 * The months rolled up, and how: the organisation's time zone and the layout of the arrays at the
 * time. A month is read from the rollups only while its row here matches the current time zone and
 * layout; a late change to a closed month's data removes the row (a trigger, migration
 * `analytics_rollup_stale`) until the job rolls the month up again.
 */
export const analyticsRollupMonths = pgTable('analytics_rollup_months', {
  month: text('month').primaryKey(),
  timeZone: text('time_zone').notNull(),
  layout: text('layout').notNull(),
  rolledUpAt: timestamp('rolled_up_at', { withTimezone: true })
    .notNull()
    .default(sql`now()`),
  /**
   * When the month's rows were also summed per department (`analytics_department_rollups`); null when
   * they were not, or when someone's department has changed since (a trigger, migration 0025): the
   * month is then summed per department from the per-person rows at request time.
   */
  departmentsAt: timestamp('departments_at', { withTimezone: true }),
});

/**
 * The rollups of a month summed per department (ADR 0223): one row per month holding one JSON value,
 * column by column — the departments (of the people at the time of summing; null: none), and per
 * figure the distinct people and the sums of each department (`MonthColumns` in
 * src/server/analytics/rollups.ts) — so the dashboard reads a month with one parse. Read only while
 * `analytics_rollup_months.departments_at` is set, so a move between departments never shows
 * history under the old department: a trigger clears it and the job sums the month again.
 */
export const analyticsDepartmentRollups = pgTable('analytics_department_rollups', {
  month: text('month').primaryKey(),
  departments: json('departments').notNull(),
});

/**
 * hr's manager practice table as of its last snapshot (ADR 0216): per manager with active series,
 * the formality figures of those series added up and, per kind of signal, how many of the series
 * cross it on their own. Counts only, as the table shows them; written by the analytics job
 * (hourly and at start) and read by hr and admin through the same policy as the table computed live.
 */
export const analyticsPracticeSnapshot = pgTable('analytics_practice_snapshot', {
  managerId: uuid('manager_id')
    .primaryKey()
    .references(() => employees.id, { onDelete: 'cascade' }),
  figures: jsonb('figures').notNull(),
  seriesSignals: jsonb('series_signals').notNull(),
});

/** When each snapshot of the analytics job was last taken (`practice`: the practice table). */
export const analyticsSnapshots = pgTable('analytics_snapshots', {
  name: text('name').primaryKey(),
  takenAt: timestamp('taken_at', { withTimezone: true }).notNull(),
});

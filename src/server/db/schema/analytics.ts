import { sql } from 'drizzle-orm';
import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
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
});

import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { employees } from '../schema.js';

/**
 * A person's consent to condition check-ins (SPEC §3.2: sensitive personal data under APPI, ADR 0213):
 * one row per consent given, with the version of the statement they read and when; withdrawing sets
 * `withdrawn_at` (and whether past check-ins were deleted with it). At most one current row each.
 */
export const checkInConsents = pgTable(
  'check_in_consents',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    statementVersion: integer('statement_version').notNull(),
    givenAt: timestamp('given_at', { withTimezone: true }).notNull().defaultNow(),
    withdrawnAt: timestamp('withdrawn_at', { withTimezone: true }),
    /** On withdrawal: the person asked for their past check-ins to be deleted too. */
    pastDeleted: boolean('past_deleted').notNull().default(false),
  },
  (t) => [
    uniqueIndex('check_in_consents_current_idx').on(t.employeeId).where(sql`${t.withdrawnAt} is null`),
    index('check_in_consents_employee_idx').on(t.employeeId, t.givenAt),
  ],
);

import { index, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { auditActions } from '../../../domain/audit.js';
import { employees } from '../schema.js';

/**
 * The audit log (SPEC §2, ADR 0210): who read whose 1on1 records, and every administrative action.
 * No content. Append-only in the database: a trigger (migration `audit_append_only`) refuses UPDATE,
 * TRUNCATE, and DELETE except rows older than the cutoff the retention purge sets for its own
 * transaction (`taiwa.audit_purge_before`).
 */
export const auditEvents = pgTable(
  'audit_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => employees.id),
    /** The person whose records were read or acted on; null for installation-wide actions. */
    subjectId: uuid('subject_id').references(() => employees.id),
    action: text('action', { enum: auditActions }).notNull(),
    /** The record read or changed (meeting, goal, employee, token …); null when there is none. */
    targetId: uuid('target_id'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('audit_events_subject_idx').on(t.subjectId, t.at),
    index('audit_events_at_idx').on(t.at),
    index('audit_events_actor_idx').on(t.actorId, t.at),
  ],
);

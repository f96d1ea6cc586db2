import { date, doublePrecision, index, integer, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { goalKinds, goalStatuses, goalUpdateKinds } from '../../../domain/goals.js';
import { employees } from '../schema.js';

/**
 * A person's goal (SPEC §6, ADR 0206): an OKR objective with key results, or an MBO goal with a
 * weight and criteria. One model: `kind` only changes what the form asks for; progress is the
 * key results' mean, or the owner's own percentage when the goal has none. Owned by one person;
 * readable by them and the partners of the active series in which they are the report.
 */
export const goals = pgTable(
  'goals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind', { enum: goalKinds }).notNull(),
    title: text('title').notNull(),
    /** OKR: why the objective matters; MBO: the criteria it is judged by. */
    description: text('description'),
    /** MBO: the goal's weight in percent (null for OKR). */
    weight: integer('weight'),
    dueDate: date('due_date'),
    status: text('status', { enum: goalStatuses }).notNull().default('active'),
    /** Progress in percent the owner reports directly, used only when the goal has no key results. */
    progress: integer('progress').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [index('goals_owner_idx').on(t.ownerId, t.status)],
);

/** A measurable key result of a goal: from a start value towards a target, with its current value. */
export const goalKeyResults = pgTable(
  'goal_key_results',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
    title: text('title').notNull(),
    startValue: doublePrecision('start_value').notNull().default(0),
    target: doublePrecision('target').notNull(),
    current: doublePrecision('current').notNull().default(0),
    unit: text('unit'),
    position: integer('position').notNull().default(0),
  },
  (t) => [index('goal_key_results_goal_idx').on(t.goalId)],
);

/**
 * A dated entry in a goal's log: a progress update by the owner (a new value for a key result or
 * the goal, and/or a comment), or a comment by a partner (never a value).
 */
export const goalUpdates = pgTable(
  'goal_updates',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    goalId: uuid('goal_id')
      .notNull()
      .references(() => goals.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => employees.id),
    kind: text('kind', { enum: goalUpdateKinds }).notNull(),
    keyResultId: uuid('key_result_id').references(() => goalKeyResults.id, { onDelete: 'set null' }),
    value: doublePrecision('value'),
    comment: text('comment'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('goal_updates_goal_idx').on(t.goalId, t.createdAt)],
);

import { boolean, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { employees } from '../schema.js';

/**
 * hr's layer over the shipped question bank: a row with a shipped id replaces (or hides) that
 * question; a row with `shipped = false` is a question hr added. The shipped bank itself stays in code.
 */
export const questionBankEntries = pgTable('question_bank_entries', {
  id: text('id').primaryKey(),
  shipped: boolean('shipped').notNull(),
  category: text('category').notNull(),
  depth: text('depth').notNull(),
  ja: text('ja').notNull(),
  en: text('en').notNull(),
  hidden: boolean('hidden').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => employees.id, { onDelete: 'set null' }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** hr's version of a shipped agenda template (names, topics as JSON) or its hiding. */
export const agendaTemplateEntries = pgTable('agenda_template_entries', {
  id: text('id').primaryKey(),
  nameJa: text('name_ja').notNull(),
  nameEn: text('name_en').notNull(),
  topics: jsonb('topics').notNull(),
  hidden: boolean('hidden').notNull().default(false),
  updatedBy: uuid('updated_by').references(() => employees.id, { onDelete: 'set null' }),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { tokenScopes } from '../../../domain/apiTokens.js';
import { employees } from '../schema.js';

/**
 * Personal API tokens (SPEC §9). Only the SHA-256 of the secret is stored (ADR 0202); `prefix`
 * lets the owner recognise a token without it. A token acts as its owner, limited by `scope`, and
 * stops working when it expires, is revoked, or its owner is deactivated.
 */
export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    employeeId: uuid('employee_id')
      .notNull()
      .references(() => employees.id),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    scope: text('scope', { enum: tokenScopes }).notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    /** Written at most once a minute per token, so a busy client does not write on every call. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_tokens_hash_idx').on(t.tokenHash), index('api_tokens_employee_idx').on(t.employeeId, t.createdAt)],
);

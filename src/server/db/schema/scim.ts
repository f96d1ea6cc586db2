import { sql } from 'drizzle-orm';
import { index, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { employees } from '../schema.js';

/**
 * Bearer tokens of the SCIM 2.0 endpoint (SPEC §9, ADR 0207): the organisation's identity provider
 * provisions employees and departments with one. Not personal API tokens: a SCIM token belongs to
 * the installation, outlives the administrator who made it (`createdBy` is for the record only) and
 * reaches `/scim/v2` alone. Stored as the SHA-256 of the secret, like API tokens (ADR 0202).
 */
export const scimTokens = pgTable(
  'scim_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    prefix: text('prefix').notNull(),
    tokenHash: text('token_hash').notNull(),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => employees.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /** Written at most once a minute per token. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('scim_tokens_hash_idx').on(t.tokenHash), index('scim_tokens_created_idx').on(t.createdAt)],
);

/**
 * What the identity provider calls a provisioned employee or department, kept apart from the
 * organisation tables (only SCIM reads or writes it): its own id (`externalId`, RFC 7643 §3.1) and,
 * for a User, the `userName` it sent (Entra ID sends the UPN, which may differ from the mailbox).
 */
export const scimIdentities = pgTable(
  'scim_identities',
  {
    resourceId: uuid('resource_id').primaryKey(),
    resourceType: text('resource_type', { enum: ['User', 'Group'] }).notNull(),
    externalId: text('external_id'),
    userName: text('user_name'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('scim_identities_external_idx').on(t.resourceType, t.externalId),
    uniqueIndex('scim_identities_user_name_idx').on(sql`lower(${t.userName})`),
  ],
);

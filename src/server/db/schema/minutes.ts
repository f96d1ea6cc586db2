import { customType, pgTable, timestamp, uuid } from 'drizzle-orm/pg-core';
import { meetings } from '../schema.js';

// Declared here rather than imported from schema.ts: this file is evaluated before schema.ts's body.
const yjsState = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/**
 * The live minutes draft of a meeting: the Yjs state of the Hocuspocus document `minutes:<meeting
 * id>`, written before each update is acknowledged (ADR 0005, 0110). Kept after sharing; the shared
 * versions live in `minutes.content` and `minutes_revisions.content`.
 */
export const minutesDocuments = pgTable('minutes_documents', {
  meetingId: uuid('meeting_id')
    .primaryKey()
    .references(() => meetings.id),
  state: yjsState('state').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

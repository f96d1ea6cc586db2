import { eq, type SQL } from 'drizzle-orm';
import type { Actor } from '../../domain/roles.js';
import { notifications } from '../db/schema.js';

/**
 * Who may read what of notifications (SPEC §7, §1). A notification, a channel choice and a calendar
 * feed belong to their person alone; the mail outbox and the organisation's webhooks are
 * integrations, which SPEC §1 gives to admins (whose content limits hold: neither carries 1on1 text).
 */
export const notificationPolicy = {
  /** The rows of `notifications` the actor may read or mark read: their own. */
  ownWhere(actor: Actor): SQL {
    return eq(notifications.recipientId, actor.employeeId);
  },
  /** Reading the outbox of unsent mail (addresses, subjects, links; never 1on1 text). */
  readOutbox(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
  /** Configuring outgoing webhooks and reading their delivery log. */
  manageWebhooks(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
};

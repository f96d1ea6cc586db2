import type { Actor } from '../../domain/roles.js';

/**
 * Who may read which audit log (ADR 0210). Each person reads who read their own records (never
 * anyone else's); administrators read the log of administrative actions. hr reads neither of
 * other people: the log of reads would tell them whose 1on1s were looked at.
 */
export const auditPolicy = {
  readOwn(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  readAdministration(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
};

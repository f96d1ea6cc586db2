import type { Actor } from '../../domain/roles.js';

/**
 * Who may change the guidance content (SPEC §1: hr owns templates and the question bank; admins
 * too, with the same content limits). Reading the bank is open to everyone signed in: it holds
 * no one's 1on1 content.
 */
export const guidancePolicy = {
  readBank(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  manageBank(actor: Actor | null): boolean {
    return !!actor && (actor.isHr || actor.isAdmin);
  },
};

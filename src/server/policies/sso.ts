import type { Actor } from '../../domain/roles.js';

/** Who may do what with single sign-on (ADR 0208). */
export const ssoPolicy = {
  /** Reading and changing the OpenID Provider settings, and testing discovery: admins (SPEC §1, §9). */
  manage(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
};

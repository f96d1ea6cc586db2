/**
 * Roles of SPEC §1. `member` is everyone; `manager` is derived from having active direct reports;
 * `hr` and `admin` are flags an admin sets.
 */
export const roles = ['member', 'manager', 'hr', 'admin'] as const;
export type Role = (typeof roles)[number];

/** What the server knows about whoever makes a request; the input of every policy. */
export interface Actor {
  employeeId: string;
  isHr: boolean;
  isAdmin: boolean;
  /** Ids of the actor's active direct reports. */
  directReportIds: readonly string[];
}

/** Roles an actor holds, derived rather than stored, so they can never drift from the reporting lines. */
export function rolesOf(actor: Actor): Role[] {
  const result: Role[] = ['member'];
  if (actor.directReportIds.length > 0) result.push('manager');
  if (actor.isHr) result.push('hr');
  if (actor.isAdmin) result.push('admin');
  return result;
}

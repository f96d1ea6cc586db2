import type { EmployeeAbilities } from '../../domain/employees.js';
import type { Actor } from '../../domain/roles.js';
import { privacyPolicy } from './privacy.js';

/**
 * Who may read and change the organisation (employees, departments, reporting lines).
 * SPEC §1: admins manage users and departments; everyone signed in sees the directory of active
 * colleagues (names, titles, departments, managers), which holds no 1on1 content.
 */
export const organisationPolicy = {
  /** Any signed-in employee may browse the directory. */
  viewDirectory(actor: Actor | null): actor is Actor {
    return actor !== null;
  },
  /** Inactive employees and departments are listed for hr and admin only. */
  viewInactive(actor: Actor | null): boolean {
    return !!actor && (actor.isAdmin || actor.isHr);
  },
  manageEmployees(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
  /** Bulk import and export of employees, departments and reporting lines (SPEC §9): admins, as editing them one by one. */
  importEmployees(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
  /** SCIM provisioning tokens (SPEC §9): they let an identity provider change the whole organisation, so admins only. */
  manageProvisioning(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
  manageDepartments(actor: Actor | null): boolean {
    return !!actor && actor.isAdmin;
  },
  /** Sign-in flags (hr, admin, whether a password is set) are administration data. */
  viewAdminFields(actor: Actor | null): boolean {
    return !!actor && (actor.isAdmin || actor.isHr);
  },
  /** The abilities the caller has on one employee; travels with the employee in every response. */
  employeeAbilities(actor: Actor | null, target: { id: string; anonymisedAt: Date | null }): EmployeeAbilities {
    const admin = !!actor && actor.isAdmin;
    const anonymised = target.anonymisedAt !== null;
    return {
      update: admin && !anonymised,
      deactivate: admin && actor.employeeId !== target.id && !anonymised,
      setManager: admin && !anonymised,
      viewAdminFields: this.viewAdminFields(actor),
      anonymise: privacyPolicy.anonymise(actor, target),
    };
  },
};

import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { organisationPolicy } from './organisation.js';

const actors: Record<'admin' | 'hr' | 'manager' | 'member' | 'anonymous', Actor | null> = {
  admin: { employeeId: 'admin', isHr: false, isAdmin: true, directReportIds: [] },
  hr: { employeeId: 'hr', isHr: true, isAdmin: false, directReportIds: [] },
  manager: { employeeId: 'manager', isHr: false, isAdmin: false, directReportIds: ['member'] },
  member: { employeeId: 'member', isHr: false, isAdmin: false, directReportIds: [] },
  anonymous: null,
};

type Rule = 'viewDirectory' | 'viewInactive' | 'manageEmployees' | 'manageDepartments' | 'viewAdminFields';

/** Columns: admin, hr, manager, member, anonymous. */
const expected: Record<Rule, [boolean, boolean, boolean, boolean, boolean]> = {
  viewDirectory: [true, true, true, true, false],
  viewInactive: [true, true, false, false, false],
  manageEmployees: [true, false, false, false, false],
  manageDepartments: [true, false, false, false, false],
  viewAdminFields: [true, true, false, false, false],
};

const roleOrder = ['admin', 'hr', 'manager', 'member', 'anonymous'] as const;

describe('organisationPolicy: every rule for every role', () => {
  for (const [rule, row] of Object.entries(expected) as [Rule, boolean[]][]) {
    it.each(roleOrder.map((role, i) => ({ role, allowed: row[i]! })))(`${rule}: $role → $allowed`, ({ role, allowed }) => {
      expect(organisationPolicy[rule](actors[role])).toBe(allowed);
    });
  }

  it('an admin who is also hr keeps both powers; a manager flag never grants administration', () => {
    const both: Actor = { employeeId: 'x', isHr: true, isAdmin: true, directReportIds: ['a', 'b'] };
    expect(organisationPolicy.manageEmployees(both)).toBe(true);
    expect(organisationPolicy.viewInactive(both)).toBe(true);
    const bigManager: Actor = { employeeId: 'y', isHr: false, isAdmin: false, directReportIds: ['a', 'b', 'c'] };
    expect(organisationPolicy.manageEmployees(bigManager)).toBe(false);
    expect(organisationPolicy.viewAdminFields(bigManager)).toBe(false);
  });
});

describe('organisationPolicy.employeeAbilities', () => {
  it.each([
    { role: 'admin', target: 'member', abilities: { update: true, deactivate: true, setManager: true, viewAdminFields: true, anonymise: true } },
    { role: 'admin', target: 'admin', abilities: { update: true, deactivate: false, setManager: true, viewAdminFields: true, anonymise: false } },
    { role: 'hr', target: 'member', abilities: { update: false, deactivate: false, setManager: false, viewAdminFields: true, anonymise: false } },
    { role: 'manager', target: 'member', abilities: { update: false, deactivate: false, setManager: false, viewAdminFields: false, anonymise: false } },
    { role: 'member', target: 'member', abilities: { update: false, deactivate: false, setManager: false, viewAdminFields: false, anonymise: false } },
    { role: 'anonymous', target: 'member', abilities: { update: false, deactivate: false, setManager: false, viewAdminFields: false, anonymise: false } },
  ] as const)('$role on $target', ({ role, target, abilities }) => {
    expect(organisationPolicy.employeeAbilities(actors[role], { id: target, anonymisedAt: null })).toEqual(abilities);
  });

  it('an anonymised employee can no longer be edited, deactivated or anonymised again; the admin may still read admin fields', () => {
    expect(organisationPolicy.employeeAbilities(actors.admin, { id: 'member', anonymisedAt: new Date() })).toEqual({
      update: false,
      deactivate: false,
      setManager: false,
      viewAdminFields: true,
      anonymise: false,
    });
  });
});

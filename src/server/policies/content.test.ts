import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { contentPolicy } from './content.js';

const owner = { authorId: 'report', pair: { managerId: 'manager', reportId: 'report' } };
const person = (employeeId: string, flags: Partial<Actor> = {}): Actor => ({ employeeId, isHr: false, isAdmin: false, directReportIds: [], ...flags });

describe('contentPolicy', () => {
  it('answers exactly what SPEC §2 allows for a report-written pair-aggregate record', () => {
    expect(contentPolicy.access(person('report'), 'pairAggregate', owner)).toEqual({ kind: 'individual' });
    expect(contentPolicy.access(person('manager', { directReportIds: ['report'] }), 'pairAggregate', owner)).toEqual({ kind: 'aggregate', minGroup: 3 });
    expect(contentPolicy.access(person('hr', { isHr: true }), 'pairAggregate', owner)).toEqual({ kind: 'none' });
  });

  it.each([
    ['report', {}, 'private', true],
    ['manager', {}, 'private', false],
    ['manager', {}, 'pair', true],
    ['manager', {}, 'pairAggregate', false],
    ['hr', { isHr: true }, 'orgAggregate', false],
    ['hr', { isHr: true }, 'practiceMetadata', true],
    ['admin', { isAdmin: true }, 'pair', false],
    ['skip', { directReportIds: ['manager'] }, 'pair', false],
  ] as const)('canReadIndividually: %s on %s… %s → %s', (id, flags, visibility, expected) => {
    expect(contentPolicy.canReadIndividually(person(id, flags), visibility, owner)).toBe(expected);
  });

  it('anonymous reads nothing individually', () => {
    expect(contentPolicy.canReadIndividually(null, 'pair', owner)).toBe(false);
    expect(contentPolicy.canReadIndividually(null, 'practiceMetadata', owner)).toBe(false);
  });
});

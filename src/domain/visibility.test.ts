import { describe, expect, it } from 'vitest';
import { limits } from './limits.js';
import type { Actor } from './roles.js';
import { aggregateAllowed, readAccess, visibilities, type ContentOwner, type ReadAccess, type Visibility } from './visibility.js';

/**
 * SPEC §2 as a table. The content belongs to the series of `partner` (manager) and `self` (report).
 * Relations are those of SPEC §10.
 */
const ids = {
  self: 'e-self',
  partner: 'e-partner',
  otherReport: 'e-other-report',
  skipLevel: 'e-skip-level',
  hr: 'e-hr',
  admin: 'e-admin',
} as const;

type Relation = keyof typeof ids | 'anonymous';
const relationsInOrder: Relation[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];

function actorFor(relation: Relation): Actor | null {
  switch (relation) {
    case 'anonymous':
      return null;
    case 'self':
      return { employeeId: ids.self, isHr: false, isAdmin: false, directReportIds: [] };
    case 'partner':
      return { employeeId: ids.partner, isHr: false, isAdmin: false, directReportIds: [ids.self, ids.otherReport] };
    case 'otherReport':
      return { employeeId: ids.otherReport, isHr: false, isAdmin: false, directReportIds: [] };
    case 'skipLevel':
      return {
        employeeId: ids.skipLevel,
        isHr: false,
        isAdmin: false,
        directReportIds: [ids.partner],
      };
    case 'hr':
      return { employeeId: ids.hr, isHr: true, isAdmin: false, directReportIds: [] };
    case 'admin':
      return { employeeId: ids.admin, isHr: false, isAdmin: true, directReportIds: [] };
  }
}

const I: ReadAccess = { kind: 'individual' };
const N: ReadAccess = { kind: 'none' };
const A3: ReadAccess = { kind: 'aggregate', minGroup: 3 };
const A5: ReadAccess = { kind: 'aggregate', minGroup: 5 };

/** Columns: self, partner, otherReport, skipLevel, hr, admin, anonymous. */
const writtenByReport: Record<Visibility, ReadAccess[]> = {
  //                 self partner other skip hr  admin anon
  private:          [I,   N,      N,    N,   N,  N,    N],
  pair:             [I,   I,      N,    N,   N,  N,    N],
  pairAggregate:    [I,   A3,     N,    N,   N,  N,    N],
  orgAggregate:     [I,   I,      N,    N,   A5, A5,   N],
  practiceMetadata: [I,   I,      N,    N,   I,  I,    N],
};

/** The same series, but the manager wrote the record (e.g. the manager's own private note). */
const writtenByManager: Record<Visibility, ReadAccess[]> = {
  //                 self partner other skip hr  admin anon
  private:          [N,   I,      N,    N,   N,  N,    N],
  pair:             [I,   I,      N,    N,   N,  N,    N],
  pairAggregate:    [I,   I,      N,    N,   N,  N,    N],
  orgAggregate:     [I,   I,      N,    N,   A5, A5,   N],
  practiceMetadata: [I,   I,      N,    N,   I,  I,    N],
};

const pair = { managerId: ids.partner, reportId: ids.self };

describe('readAccess: SPEC §2 for every visibility and relation', () => {
  for (const [label, table, owner] of [
    ['written by the report', writtenByReport, { authorId: ids.self, pair }],
    ['written by the manager', writtenByManager, { authorId: ids.partner, pair }],
  ] as const) {
    describe(label, () => {
      for (const visibility of visibilities) {
        it.each(relationsInOrder.map((relation, i) => ({ relation, expected: table[visibility][i]! })))(
          `${visibility}: $relation → $expected.kind`,
          ({ relation, expected }) => {
            expect(readAccess(actorFor(relation), visibility, owner as ContentOwner)).toEqual(expected);
          },
        );
      }
    });
  }

  it('the table covers every visibility there is', () => {
    expect(Object.keys(writtenByReport).sort()).toEqual([...visibilities].sort());
  });

  it('uses the minimum group sizes of SPEC §2: 3 for the manager, 5 for hr/admin', () => {
    expect(limits.pairAggregateMinGroup).toBe(3);
    expect(limits.orgAggregateMinGroup).toBe(5);
  });
});

describe('readAccess: invariants over every combination of flags and position', () => {
  const positions = ['author', 'manager', 'report', 'outsider', 'skipLevel'] as const;
  const flagSets = [
    { isHr: false, isAdmin: false },
    { isHr: true, isAdmin: false },
    { isHr: false, isAdmin: true },
    { isHr: true, isAdmin: true },
  ];
  const owner: ContentOwner = { authorId: 'author', pair: { managerId: 'manager', reportId: 'report' } };
  const cases = positions.flatMap((position) =>
    flagSets.flatMap((flags) => visibilities.map((visibility) => ({ position, flags, visibility }))),
  );
  // With author distinct from the pair too: e.g. a record a third person wrote into the series.
  const actorAt = (position: (typeof positions)[number], flags: { isHr: boolean; isAdmin: boolean }): Actor => ({
    employeeId: position,
    ...flags,
    directReportIds: position === 'manager' ? ['report'] : position === 'skipLevel' ? ['manager'] : [],
  });

  it('anonymous callers never read anything, not even in aggregate', () => {
    for (const visibility of visibilities) {
      const access = readAccess(null, visibility, owner);
      expect(access).toEqual({ kind: 'none' });
      expect(aggregateAllowed(access, 10_000)).toBe(false);
    }
  });

  it.each(cases)('$visibility, $position, hr=$flags.isHr admin=$flags.isAdmin', ({ position, flags, visibility }) => {
    const access = readAccess(actorAt(position, flags), visibility, owner);
    const inPair = position === 'manager' || position === 'report';
    // private: its author only, whatever the flags.
    if (visibility === 'private') expect(access.kind).toBe(position === 'author' ? 'individual' : 'none');
    // hr/admin flags never open individual content of private, pair or pair-aggregate records.
    if (['private', 'pair', 'pairAggregate'].includes(visibility) && !inPair && position !== 'author') expect(access.kind).toBe('none');
    // A skip-level manager sees nothing of the report's 1on1 content beyond what hr/admin flags give in aggregate.
    if (position === 'skipLevel' && !flags.isHr && !flags.isAdmin) expect(access.kind).toBe('none');
    // Outsiders without flags see nothing at all.
    if (position === 'outsider' && !flags.isHr && !flags.isAdmin) expect(access.kind).toBe('none');
    // Aggregates come only with the SPEC's minimum group sizes.
    if (access.kind === 'aggregate') expect(access.minGroup).toBe(visibility === 'pairAggregate' ? 3 : 5);
    if (visibility === 'pairAggregate' && position === 'manager') expect(access).toEqual({ kind: 'aggregate', minGroup: 3 });
    if (visibility === 'orgAggregate' && !inPair && position !== 'author') {
      expect(access).toEqual(flags.isHr || flags.isAdmin ? { kind: 'aggregate', minGroup: 5 } : { kind: 'none' });
    }
  });
});

describe('aggregateAllowed', () => {
  it.each([
    [I, 1, true],
    [A3, 2, false],
    [A3, 3, true],
    [A3, 4, true],
    [A5, 4, false],
    [A5, 5, true],
    [A5, 0, false],
    [N, 1, false],
    [N, 1000, false],
  ] as const)('%o over %i people → %s', (access, size, expected) => {
    expect(aggregateAllowed(access, size)).toBe(expected);
  });

  it('the manager never sees the ratings of fewer than 3 reports, hr never of fewer than 5 people', () => {
    const manager = actorFor('partner');
    const hr = actorFor('hr');
    const owner = { authorId: ids.self, pair };
    for (let size = 0; size <= 10; size++) {
      expect(aggregateAllowed(readAccess(manager, 'pairAggregate', owner), size)).toBe(size >= 3);
      expect(aggregateAllowed(readAccess(hr, 'orgAggregate', owner), size)).toBe(size >= 5);
      expect(aggregateAllowed(readAccess(hr, 'pairAggregate', owner), size)).toBe(false);
    }
  });
});

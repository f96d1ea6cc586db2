import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addMonths, isClosed, latestClosedMonth, monthBounds, monthOf, monthsBetween, suppressTree, type GroupNode } from './aggregates.js';

const tokyo = 'Asia/Tokyo';

describe('periods', () => {
  it('months follow the organisation’s time zone and close seven days after they end', () => {
    // 2026-11-30T16:00Z is already 1 December in Tokyo.
    expect(monthOf(new Date('2026-11-30T14:59:59Z'), tokyo)).toBe('2026-11');
    expect(monthOf(new Date('2026-11-30T15:00:00Z'), tokyo)).toBe('2026-12');
    const nov = monthBounds('2026-11', tokyo);
    expect(nov.start.toISOString()).toBe('2026-10-31T15:00:00.000Z');
    expect(nov.end.toISOString()).toBe('2026-11-30T15:00:00.000Z');
    expect(nov.closesAt.toISOString()).toBe('2026-12-07T15:00:00.000Z');
    expect(isClosed('2026-11', new Date('2026-12-07T14:59:59Z'), tokyo)).toBe(false);
    expect(isClosed('2026-11', new Date('2026-12-07T15:00:00Z'), tokyo)).toBe(true);
    expect(latestClosedMonth(new Date('2026-12-02T00:00:00Z'), tokyo)).toBe('2026-10');
    expect(latestClosedMonth(new Date('2026-12-20T00:00:00Z'), tokyo)).toBe('2026-11');
  });

  it('month arithmetic crosses years', () => {
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2025-12', 1)).toBe('2026-01');
    expect(monthsBetween('2025-11', '2026-02')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
  });

  it('a month with a daylight-saving change starts at local midnight', () => {
    expect(monthBounds('2026-11', 'America/New_York').start.toISOString()).toBe('2026-11-01T04:00:00.000Z');
    expect(monthBounds('2026-12', 'America/New_York').start.toISOString()).toBe('2026-12-01T05:00:00.000Z');
  });
});

const node = (id: string, parentId: string | null, ownPeople: number): GroupNode => ({ id, parentId, ownPeople });

describe('complementary suppression', () => {
  it('a department of 4 is hidden, and so is enough of its parent that the parent minus it reveals nothing', () => {
    // Parent with 3 people of its own, a child of 4 and a child of 6.
    const v = suppressTree([node('org', null, 0), node('parent', 'org', 3), node('small', 'parent', 4), node('large', 'parent', 6)], 'organisation');
    expect(v.get('small')).toEqual({ shown: false, reason: 'tooFew', people: null });
    // parent (13) minus large (6) = 7 people: 3 own + the hidden 4, never the 4 alone.
    expect(v.get('parent')).toEqual({ shown: true, people: 13 });
    expect(v.get('large')).toEqual({ shown: true, people: 6 });
  });

  it('when the remainder would be the small department alone, a sibling is hidden too', () => {
    // parent has nobody of its own: parent − large would be exactly the department of 4.
    const v = suppressTree([node('org', null, 0), node('parent', 'org', 0), node('small', 'parent', 4), node('large', 'parent', 6)], 'organisation');
    expect(v.get('small')?.shown).toBe(false);
    expect(v.get('large')).toEqual({ shown: false, reason: 'complementary', people: null });
    expect(v.get('parent')).toEqual({ shown: true, people: 10 });
  });

  it('the manager’s own team needs 3', () => {
    const v = suppressTree([node('team', null, 3)], 'ownTeam');
    expect(v.get('team')?.shown).toBe(true);
    expect(suppressTree([node('team', null, 2)], 'ownTeam').get('team')?.shown).toBe(false);
  });

  it('no group derivable by adding and subtracting shown figures has between 1 and 4 people (property)', () => {
    // Random trees of up to 9 groups with 0–8 own people each.
    const tree = fc.array(fc.tuple(fc.nat(8), fc.nat(8)), { minLength: 1, maxLength: 9 }).map((xs) =>
      xs.map(([parent, people], i) => node(`g${i}`, i === 0 ? null : `g${parent % i}`, people)),
    );
    fc.assert(
      fc.property(tree, (nodes) => {
        const v = suppressTree(nodes, 'organisation');
        const shown = nodes.filter((n) => v.get(n.id)?.shown);
        // The atoms of the shown (laminar) family: each shown group minus its largest shown proper subgroups.
        const parentOf = new Map(nodes.map((n) => [n.id, n.parentId]));
        const nearestShownAncestor = (id: string): string | null => {
          for (let p = parentOf.get(id) ?? null; p !== null; p = parentOf.get(p) ?? null) if (v.get(p)?.shown) return p;
          return null;
        };
        const atoms = new Map<string, number>(shown.map((s) => [s.id, 0]));
        for (const n of nodes) {
          const owner = v.get(n.id)?.shown ? n.id : nearestShownAncestor(n.id);
          if (owner !== null) atoms.set(owner, (atoms.get(owner) ?? 0) + n.ownPeople);
        }
        for (const people of atoms.values()) expect(people === 0 || people >= 5).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

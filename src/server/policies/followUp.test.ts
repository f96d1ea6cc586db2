import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { followUpPolicy } from './followUp.js';

const person = (employeeId: string, flags: Partial<Actor> = {}): Actor => ({ employeeId, isHr: false, isAdmin: false, directReportIds: [], ...flags });
const actors = {
  self: person('report'),
  partner: person('manager', { directReportIds: ['report', 'other'] }),
  otherReport: person('other'),
  skipLevel: person('boss', { directReportIds: ['manager'] }),
  hr: person('hr', { isHr: true }),
  admin: person('admin', { isAdmin: true }),
  anonymous: null,
} as const;
type Relation = keyof typeof actors;
const relations = Object.keys(actors) as Relation[];
const pair = { managerId: 'manager', reportId: 'report' };
const series = { ...pair, status: 'active' as const };

describe('followUpPolicy', () => {
  it.each(relations)('%s: private notes, pair content, reflection ratings', (r) => {
    const a = actors[r];
    // A private note: its author only — the report's note is never the manager's, hr's or admin's.
    expect(followUpPolicy.readPrivateNote(a, { authorId: 'report', pair })).toBe(r === 'self');
    expect(followUpPolicy.readPrivateNote(a, { authorId: 'manager', pair })).toBe(r === 'partner');
    expect(followUpPolicy.readPair(a, pair)).toBe(r === 'self' || r === 'partner');
    // The report's ratings: the report only; the manager's own listening: the manager only.
    expect(followUpPolicy.readReflectionRatings(a, { authorId: 'report', role: 'report', pair })).toBe(r === 'self');
    expect(followUpPolicy.readReflectionRatings(a, { authorId: 'manager', role: 'manager', pair })).toBe(r === 'partner');
  });

  it('the ratings summary needs 3 or more reports, and an actor', () => {
    expect([0, 1, 2, 3, 10].map((n) => followUpPolicy.ratingsSummaryAllowed(actors.partner, n))).toEqual([false, false, false, true, true]);
    expect(followUpPolicy.ratingsSummaryAllowed(null, 10)).toBe(false);
  });

  it.each(relations)('%s: what may be done with a meeting and its minutes', (r) => {
    const a = actors[r];
    const inPair = r === 'self' || r === 'partner';
    expect(followUpPolicy.meetingAbilities(a, series, { status: 'scheduled' })).toEqual({
      start: inPair,
      markDiscussed: inPair,
      finish: false,
      addActionItem: inPair,
      addFeedback: inPair,
      reflect: false,
    });
    expect(followUpPolicy.meetingAbilities(a, { ...series, status: 'ended' }, { status: 'scheduled' }).start).toBe(false);
    expect(followUpPolicy.meetingAbilities(a, series, { status: 'inProgress' }).finish).toBe(inPair);
    expect(followUpPolicy.meetingAbilities(a, series, { status: 'acknowledged' })).toMatchObject({ reflect: inPair, markDiscussed: false });
    expect(followUpPolicy.meetingAbilities(a, series, { status: 'cancelled' })).toMatchObject({ addActionItem: false, addFeedback: false });
    expect(followUpPolicy.minutesAbilities(a, pair, { status: 'minutesDraft' }, { status: 'draft' })).toEqual({
      edit: inPair,
      share: inPair,
      acknowledge: false,
      correct: false,
    });
    expect(followUpPolicy.minutesAbilities(a, pair, { status: 'shared' }, { status: 'shared' })).toEqual({
      edit: false,
      share: false,
      acknowledge: r === 'self',
      correct: inPair,
    });
  });
});

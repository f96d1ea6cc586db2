import { describe, expect, it } from 'vitest';
import type { Actor } from '../../domain/roles.js';
import { roleIn, seriesPolicy } from './series.js';

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
const active = { ...pair, status: 'active' as const };
const now = new Date('2027-01-10T00:00:00Z');
const meeting = (over: Partial<{ status: string; startsAt: Date; movedForHoliday: boolean }> = {}) => ({
  status: 'scheduled',
  startsAt: new Date('2027-01-12T01:00:00Z'),
  movedForHoliday: true,
  ...over,
});

describe('seriesPolicy', () => {
  it.each(relations)('%s: metadata, content and role', (r) => {
    const a = actors[r];
    expect(roleIn(a, pair)).toBe(r === 'self' ? 'report' : r === 'partner' ? 'manager' : null);
    expect(seriesPolicy.readContent(a, pair)).toBe(r === 'self' || r === 'partner');
    expect(seriesPolicy.viewMetadata(a, pair)).toBe(['self', 'partner', 'hr', 'admin'].includes(r));
  });

  it.each(relations)('%s: who may create a series for the report', (r) => {
    expect(seriesPolicy.create(actors[r], { id: 'report', managerId: 'manager' })).toBe(['partner', 'hr', 'admin'].includes(r));
    expect(seriesPolicy.bulkCreate(actors[r])).toBe(r === 'hr' || r === 'admin');
  });

  it('series abilities follow role and status', () => {
    expect(seriesPolicy.abilities(actors.partner, active)).toEqual({ update: true, pause: true, resume: false, end: true, requestExtra: true, readContent: true, accept: false, decline: false });
    expect(seriesPolicy.abilities(actors.self, active)).toEqual({ update: true, pause: false, resume: false, end: false, requestExtra: true, readContent: true, accept: false, decline: false });
    expect(seriesPolicy.abilities(actors.partner, { ...pair, status: 'paused' })).toMatchObject({ pause: false, resume: true, end: true, requestExtra: false });
    expect(seriesPolicy.abilities(actors.partner, { ...pair, status: 'ended' })).toMatchObject({ update: false, pause: false, resume: false, end: false });
    for (const r of ['otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'] as const) {
      expect(Object.values(seriesPolicy.abilities(actors[r], active)).some(Boolean), r).toBe(false);
    }
  });

  it('a pending series: the report may answer and read it; the offering partner may only withdraw', () => {
    const pending = { ...pair, status: 'pending' as const };
    expect(seriesPolicy.abilities(actors.self, pending)).toMatchObject({ accept: true, decline: true, readContent: true, update: false, requestExtra: false });
    expect(seriesPolicy.abilities(actors.partner, pending)).toEqual({
      update: false, pause: false, resume: false, end: true, requestExtra: false, readContent: false, accept: false, decline: false,
    });
    expect(seriesPolicy.readContent(actors.partner, pending)).toBe(false);
    expect(seriesPolicy.readContent(actors.self, pending)).toBe(true);
    expect(seriesPolicy.readContent(actors.partner, { ...pair, status: 'declined' })).toBe(false);
    expect(seriesPolicy.readContent(actors.partner, { ...pair, status: 'active' })).toBe(true);
  });

  it('meeting abilities: the manager asks and reads the brief, the report answers and checks in, outsiders nothing', () => {
    expect(seriesPolicy.meetingAbilities(actors.partner, active, meeting(), now)).toEqual({
      reschedule: true,
      cancel: true,
      keepOriginalDate: true,
      addTopic: true,
      askPreQuestion: true,
      answerPreQuestion: false,
      checkIn: false,
      viewPrepBrief: true,
    });
    expect(seriesPolicy.meetingAbilities(actors.self, active, meeting({ movedForHoliday: false }), now)).toEqual({
      reschedule: true,
      cancel: true,
      keepOriginalDate: false,
      addTopic: true,
      askPreQuestion: false,
      answerPreQuestion: true,
      checkIn: true,
      viewPrepBrief: false,
    });
    for (const r of ['otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'] as const) {
      expect(Object.values(seriesPolicy.meetingAbilities(actors[r], active, meeting(), now)).some(Boolean), r).toBe(false);
    }
  });

  it('a cancelled or long-past meeting cannot be moved; a cancelled one has no brief', () => {
    const cancelled = seriesPolicy.meetingAbilities(actors.partner, active, meeting({ status: 'cancelled' }), now);
    expect(cancelled).toMatchObject({ reschedule: false, cancel: false, addTopic: false, viewPrepBrief: false });
    const past = seriesPolicy.meetingAbilities(actors.partner, active, meeting({ startsAt: new Date('2027-01-08T01:00:00Z') }), now);
    expect(past).toMatchObject({ reschedule: false, cancel: false, askPreQuestion: false, addTopic: true });
    const ended = seriesPolicy.meetingAbilities(actors.partner, { ...pair, status: 'ended' }, meeting(), now);
    expect(ended).toMatchObject({ reschedule: false, cancel: false });
  });
});

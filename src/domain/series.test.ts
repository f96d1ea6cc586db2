import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, weekdayOf, zonedToUtc } from './calendar.js';
import { isWorkingDay } from './holidays.js';
import { cadenceDates, occurrences, scheduleSchema, startsWellAhead, type Schedule } from './series.js';

const schedule = (s: Partial<Schedule> & Pick<Schedule, 'cadence'>): Schedule => ({
  weekday: null,
  dayOfMonth: null,
  weekOfMonth: null,
  intervalDays: null,
  startDate: '2027-01-01',
  startTime: '10:00',
  durationMinutes: 30,
  timeZone: 'Asia/Tokyo',
  ...s,
});

describe('cadenceDates', () => {
  it('weekly: every given weekday from the start date on', () => {
    expect(cadenceDates(schedule({ cadence: 'weekly', weekday: 2 }), '2027-01-01', '2027-01-31')).toEqual([
      '2027-01-05',
      '2027-01-12',
      '2027-01-19',
      '2027-01-26',
    ]);
    // A start date on the weekday itself counts.
    expect(cadenceDates(schedule({ cadence: 'weekly', weekday: 5 }), '2027-01-01', '2027-01-15')).toEqual(['2027-01-01', '2027-01-08', '2027-01-15']);
  });

  it('weekly and biweekly keep their phase when the window starts later', () => {
    expect(cadenceDates(schedule({ cadence: 'weekly', weekday: 2 }), '2027-01-13', '2027-01-31')).toEqual(['2027-01-19', '2027-01-26']);
    const biweekly = schedule({ cadence: 'biweekly', weekday: 3 });
    expect(cadenceDates(biweekly, '2027-01-01', '2027-02-28')).toEqual(['2027-01-06', '2027-01-20', '2027-02-03', '2027-02-17']);
    expect(cadenceDates(biweekly, '2027-01-07', '2027-02-28')).toEqual(['2027-01-20', '2027-02-03', '2027-02-17']);
    expect(cadenceDates(biweekly, '2027-01-21', '2027-02-03')).toEqual(['2027-02-03']);
  });

  it('never returns a date before the start date, nor after the window', () => {
    expect(cadenceDates(schedule({ cadence: 'weekly', weekday: 1, startDate: '2027-03-01' }), '2027-01-01', '2027-03-15')).toEqual([
      '2027-03-01',
      '2027-03-08',
      '2027-03-15',
    ]);
    expect(cadenceDates(schedule({ cadence: 'weekly', weekday: 1, startDate: '2027-03-01' }), '2027-01-01', '2027-02-28')).toEqual([]);
  });

  it('monthlyDay: the same day each month; 31 becomes the last day of shorter months (28 or 29 February)', () => {
    expect(cadenceDates(schedule({ cadence: 'monthlyDay', dayOfMonth: 31 }), '2027-01-01', '2027-04-30')).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
    ]);
    expect(cadenceDates(schedule({ cadence: 'monthlyDay', dayOfMonth: 30, startDate: '2028-01-15' }), '2028-01-15', '2028-03-31')).toEqual([
      '2028-01-30',
      '2028-02-29',
      '2028-03-30',
    ]);
    // A day already past in the start month begins next month.
    expect(cadenceDates(schedule({ cadence: 'monthlyDay', dayOfMonth: 10, startDate: '2027-01-15' }), '2027-01-15', '2027-03-31')).toEqual([
      '2027-02-10',
      '2027-03-10',
    ]);
  });

  it('monthlyWeekday: the nth weekday of the month; 5 is the last one', () => {
    expect(cadenceDates(schedule({ cadence: 'monthlyWeekday', weekday: 1, weekOfMonth: 2 }), '2027-01-01', '2027-03-31')).toEqual([
      '2027-01-11',
      '2027-02-08',
      '2027-03-08',
    ]);
    expect(cadenceDates(schedule({ cadence: 'monthlyWeekday', weekday: 5, weekOfMonth: 5 }), '2027-01-01', '2027-03-31')).toEqual([
      '2027-01-29',
      '2027-02-26',
      '2027-03-26',
    ]);
    // The first Friday of January 2027 is the start date itself.
    expect(cadenceDates(schedule({ cadence: 'monthlyWeekday', weekday: 5, weekOfMonth: 1 }), '2027-01-01', '2027-02-28')).toEqual(['2027-01-01', '2027-02-05']);
    // The 4th Wednesday (there are 5 in March 2027: 3, 10, 17, 24, 31).
    expect(cadenceDates(schedule({ cadence: 'monthlyWeekday', weekday: 3, weekOfMonth: 4 }), '2027-03-01', '2027-03-31')).toEqual(['2027-03-24']);
  });

  it('everyNDays: every n days counted from the start date, whatever the window', () => {
    const s = schedule({ cadence: 'everyNDays', intervalDays: 10 });
    expect(cadenceDates(s, '2027-01-01', '2027-01-31')).toEqual(['2027-01-01', '2027-01-11', '2027-01-21', '2027-01-31']);
    expect(cadenceDates(s, '2027-01-05', '2027-02-10')).toEqual(['2027-01-11', '2027-01-21', '2027-01-31', '2027-02-10']);
  });
});

describe('occurrences', () => {
  it('acceptance: the 2nd Monday of January 2027 is 成人の日, so it moves to Tuesday 2027-01-12 and is flagged', () => {
    const list = occurrences(schedule({ cadence: 'monthlyWeekday', weekday: 1, weekOfMonth: 2 }), '2027-01-01', '2027-03-31');
    expect(list).toEqual([
      { originalDate: '2027-01-11', date: '2027-01-12', holiday: { name: '成人の日', nameEn: 'Coming of Age Day' }, moved: true },
      { originalDate: '2027-02-08', date: '2027-02-08', holiday: null, moved: false },
      { originalDate: '2027-03-08', date: '2027-03-08', holiday: null, moved: false },
    ]);
    expect(zonedToUtc(list[0]!.date, '10:00', 'Asia/Tokyo').toISOString()).toBe('2027-01-12T01:00:00.000Z');
  });

  it('a holiday run moves the meeting past all of it: Golden Week 2027-05-03 → 05-06', () => {
    const list = occurrences(schedule({ cadence: 'weekly', weekday: 1, startDate: '2027-04-26' }), '2027-04-26', '2027-05-10');
    expect(list.map((o) => [o.originalDate, o.date, o.holiday?.name ?? null, o.moved])).toEqual([
      ['2027-04-26', '2027-04-26', null, false],
      ['2027-05-03', '2027-05-06', '憲法記念日', true],
      ['2027-05-10', '2027-05-10', null, false],
    ]);
  });

  it('a holiday meeting never lands on or after the next one of the cadence (it is held together with it)', () => {
    // Every day through Golden Week: 05-03, 05-04 and 05-05 would all move onto 05-06.
    const daily = occurrences(schedule({ cadence: 'everyNDays', intervalDays: 1, startDate: '2027-05-01' }), '2027-05-01', '2027-05-07');
    expect(daily.map((o) => o.date)).toEqual(['2027-05-01', '2027-05-02', '2027-05-06', '2027-05-07']);
    const everyOther = occurrences(schedule({ cadence: 'everyNDays', intervalDays: 2, startDate: '2027-05-01' }), '2027-05-01', '2027-05-07');
    expect(everyOther.map((o) => [o.originalDate, o.date])).toEqual([
      ['2027-05-01', '2027-05-01'],
      ['2027-05-05', '2027-05-06'],
      ['2027-05-07', '2027-05-07'],
    ]);
  });

  it('a date on a weekend that is not a holiday is not moved', () => {
    const list = occurrences(schedule({ cadence: 'weekly', weekday: 6 }), '2027-01-01', '2027-01-08');
    expect(list).toEqual([{ originalDate: '2027-01-02', date: '2027-01-02', holiday: null, moved: false }]);
  });

  const day = (from: string, maxDays: number) => fc.integer({ min: 0, max: maxDays }).map((n) => addDays(from, n));
  const anySchedule = fc
    .record({
      cadence: fc.constantFrom('weekly', 'biweekly', 'monthlyDay', 'monthlyWeekday', 'everyNDays'),
      weekday: fc.integer({ min: 0, max: 6 }),
      dayOfMonth: fc.integer({ min: 1, max: 31 }),
      weekOfMonth: fc.integer({ min: 1, max: 5 }),
      intervalDays: fc.integer({ min: 1, max: 90 }),
      startDate: day('2025-01-01', 4 * 365),
    })
    .map((r) => schedule(r as Partial<Schedule> & Pick<Schedule, 'cadence'>));

  it('property: every occurrence is on or after the start date, within the window, strictly increasing, and on a working day when moved', () => {
    fc.assert(
      fc.property(anySchedule, day('2025-01-01', 5 * 365), fc.integer({ min: 0, max: 200 }), (s, from, length) => {
        const to = addDays(from, length);
        const list = occurrences(s, from, to);
        const lower = from > s.startDate ? from : s.startDate;
        let previous = '';
        for (const o of list) {
          expect(o.originalDate >= s.startDate).toBe(true);
          expect(o.originalDate >= lower && o.originalDate <= to).toBe(true);
          expect(o.date >= o.originalDate).toBe(true);
          expect(daysBetween(o.originalDate, o.date)).toBeLessThanOrEqual(7);
          expect(o.date > previous, `${o.date} after ${previous}`).toBe(true);
          previous = o.date;
          if (o.moved) {
            expect(o.holiday).not.toBeNull();
            expect(isWorkingDay(o.date)).toBe(true);
          } else {
            expect(o.date).toBe(o.originalDate);
          }
          if (s.cadence === 'weekly' || s.cadence === 'biweekly' || s.cadence === 'monthlyWeekday') expect(weekdayOf(o.originalDate)).toBe(s.weekday);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('property: generating a long window in pieces gives the same occurrences as in one go', () => {
    fc.assert(
      fc.property(anySchedule, fc.integer({ min: 1, max: 120 }), (s, cut) => {
        const from = s.startDate;
        const to = addDays(from, 180);
        const whole = occurrences(s, from, to);
        const pieces = [...occurrences(s, from, addDays(from, cut)), ...occurrences(s, addDays(from, cut + 1), to)];
        expect(pieces).toEqual(whole);
      }),
      { numRuns: 200 },
    );
  });
});

describe('scheduleSchema', () => {
  const base = { startDate: '2027-01-01', startTime: '10:00' };
  const issues = (input: object) => {
    const r = scheduleSchema.safeParse({ ...base, ...input });
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join('.'), i.message]));
  };

  it('defaults to 30 minutes in Asia/Tokyo', () => {
    expect(scheduleSchema.parse({ ...base, cadence: 'weekly', weekday: 1 })).toMatchObject({ durationMinutes: 30, timeZone: 'Asia/Tokyo' });
  });

  it.each([
    [{ cadence: 'weekly' }, { weekday: 'required' }],
    [{ cadence: 'biweekly', weekday: null }, { weekday: 'required' }],
    [{ cadence: 'monthlyDay' }, { dayOfMonth: 'required' }],
    [{ cadence: 'monthlyWeekday', weekday: 1 }, { weekOfMonth: 'required' }],
    [{ cadence: 'monthlyWeekday' }, { weekday: 'required', weekOfMonth: 'required' }],
    [{ cadence: 'everyNDays' }, { intervalDays: 'required' }],
  ])('%j lacks the field its cadence needs', (input, expected) => {
    expect(issues(input)).toEqual(expected);
  });

  it.each([
    [{ cadence: 'weekly', weekday: 7 }, 'weekday'],
    [{ cadence: 'monthlyDay', dayOfMonth: 32 }, 'dayOfMonth'],
    [{ cadence: 'monthlyWeekday', weekday: 1, weekOfMonth: 6 }, 'weekOfMonth'],
    [{ cadence: 'everyNDays', intervalDays: 0 }, 'intervalDays'],
    [{ cadence: 'weekly', weekday: 1, startTime: '25:00' }, 'startTime'],
    [{ cadence: 'weekly', weekday: 1, startTime: '9:00' }, 'startTime'],
    [{ cadence: 'weekly', weekday: 1, startDate: '2027-02-30' }, 'startDate'],
    [{ cadence: 'weekly', weekday: 1, durationMinutes: 5 }, 'durationMinutes'],
    [{ cadence: 'weekly', weekday: 1, timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ cadence: 'fortnightly', weekday: 1 }, 'cadence'],
  ])('%j is refused on %s', (input, field) => {
    expect(Object.keys(issues(input))).toContain(field);
  });
});

describe('starting early', () => {
  const now = new Date('2026-12-02T00:00:00Z');
  it('warns for a meeting days ahead, not for one later today or already past', () => {
    expect(startsWellAhead('2026-12-07T01:00:00Z', now)).toBe(true);
    expect(startsWellAhead('2026-12-02T12:00:01Z', now)).toBe(true);
    expect(startsWellAhead('2026-12-02T12:00:00Z', now)).toBe(false);
    expect(startsWellAhead('2026-12-02T03:00:00Z', now)).toBe(false);
    expect(startsWellAhead('2026-11-30T01:00:00Z', now)).toBe(false);
  });
});

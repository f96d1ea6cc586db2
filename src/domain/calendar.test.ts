import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, daysInMonth, localDateOf, localTimeOf, weekdayOf, zonedToUtc } from './calendar.js';
import { holidayOn, isWorkingDay, nextWorkingDay } from './holidays.js';

describe('calendar', () => {
  it('weekdays, day arithmetic and month lengths are plain-date arithmetic', () => {
    expect(weekdayOf('2027-01-01')).toBe(5); // a Friday
    expect(weekdayOf('2027-01-11')).toBe(1);
    expect(addDays('2027-12-31', 1)).toBe('2028-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2027-01-01', '2027-03-01')).toBe(59);
    expect(daysInMonth(2027, 2)).toBe(28);
    expect(daysInMonth(2028, 2)).toBe(29);
  });

  it('knows Japanese national holidays by their Japanese and English names', () => {
    expect(holidayOn('2027-01-11')).toEqual({ name: '成人の日', nameEn: 'Coming of Age Day' });
    expect(holidayOn('2027-05-04')).toEqual({ name: 'みどりの日', nameEn: 'Greenery Day' });
    expect(holidayOn('2027-01-12')).toBeNull();
  });

  it('working days skip weekends and holidays; the next working day after a holiday run', () => {
    expect(isWorkingDay('2027-01-11')).toBe(false);
    expect(isWorkingDay('2027-01-09')).toBe(false); // Saturday
    expect(isWorkingDay('2027-01-12')).toBe(true);
    expect(nextWorkingDay('2027-01-11')).toBe('2027-01-12');
    expect(nextWorkingDay('2027-05-03')).toBe('2027-05-06'); // 憲法記念日, みどりの日, こどもの日
    expect(nextWorkingDay('2027-01-08')).toBe('2027-01-12'); // Friday → over the weekend and 成人の日
  });

  it('converts a local date and time in a zone to the UTC instant', () => {
    expect(zonedToUtc('2027-01-12', '10:00', 'Asia/Tokyo').toISOString()).toBe('2027-01-12T01:00:00.000Z');
    expect(zonedToUtc('2027-01-12', '08:30', 'Asia/Tokyo').toISOString()).toBe('2027-01-11T23:30:00.000Z');
    expect(zonedToUtc('2027-01-12', '10:00', 'UTC').toISOString()).toBe('2027-01-12T10:00:00.000Z');
    // Daylight saving time on both sides of a change
    expect(zonedToUtc('2027-03-01', '10:00', 'Europe/Berlin').toISOString()).toBe('2027-03-01T09:00:00.000Z');
    expect(zonedToUtc('2027-07-01', '10:00', 'Europe/Berlin').toISOString()).toBe('2027-07-01T08:00:00.000Z');
    expect(zonedToUtc('2027-07-01', '10:00', 'America/New_York').toISOString()).toBe('2027-07-01T14:00:00.000Z');
  });

  it('reads the local date and time of an instant back', () => {
    const instant = new Date('2027-01-11T23:30:00Z');
    expect(localDateOf(instant, 'Asia/Tokyo')).toBe('2027-01-12');
    expect(localDateOf(instant, 'UTC')).toBe('2027-01-11');
    expect(localTimeOf(instant, 'Asia/Tokyo')).toBe('08:30');
  });
});

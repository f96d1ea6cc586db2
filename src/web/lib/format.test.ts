import { describe, expect, it } from 'vitest';
import { formatDateTime, formatTime, zonedParts, zonedToIso } from './format.js';

describe('dates and times in the reader’s time zone (the domain’s rules)', () => {
  it('reads an instant as the wall clock of a zone, and back', () => {
    const instant = new Date('2026-11-30T04:30:00Z');
    expect(zonedParts(instant, 'Asia/Tokyo')).toEqual({ date: '2026-11-30', time: '13:30' });
    expect(zonedParts(instant, 'America/Los_Angeles')).toEqual({ date: '2026-11-29', time: '20:30' });
    expect(zonedToIso('2026-11-30', '13:30', 'Asia/Tokyo')).toBe(instant.toISOString());
    expect(zonedToIso('2026-11-29', '20:30', 'America/Los_Angeles')).toBe(instant.toISOString());
  });

  it('keeps the wall clock across a daylight-saving change and at midnight', () => {
    expect(zonedToIso('2026-03-09', '09:00', 'America/New_York')).toBe('2026-03-09T13:00:00.000Z');
    expect(zonedToIso('2026-03-06', '09:00', 'America/New_York')).toBe('2026-03-06T14:00:00.000Z');
    expect(formatTime(new Date('2026-11-30T15:00:00Z'), 'Asia/Tokyo')).toBe('00:00');
  });

  it('writes a meeting’s date and time in the reader’s language', () => {
    const instant = new Date('2026-11-30T04:30:00Z');
    expect(formatDateTime(instant, 'ja', 'Asia/Tokyo')).toBe('2026年11月30日(月) 13:30');
    expect(formatDateTime(instant, 'en', 'Asia/Tokyo')).toBe('Mon, November 30, 2026 13:30');
  });
});

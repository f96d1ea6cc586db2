import type { Locale } from '../../domain/limits.js';

/** A person's name as Japanese workplaces write it: family name first, in every language. */
export function fullName(person: { familyName: string; givenName: string }): string {
  return `${person.familyName} ${person.givenName}`;
}

/**
 * A calendar date in the reader's conventions and time zone: 2026年11月24日(火) in Japanese,
 * "Tue, November 24, 2026" in English.
 */
export function formatDate(date: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(locale === 'ja' ? 'ja-JP' : 'en-US', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    weekday: 'short',
    timeZone,
  }).format(date);
}

/** Hour of the day (0–23) in a time zone, for greetings. */
export function hourIn(date: Date, timeZone: string): number {
  const hour = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', hourCycle: 'h23', timeZone }).format(date);
  return Number.parseInt(hour, 10);
}

/** A clock time, 13:30, in a time zone. */
export function formatTime(date: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone }).format(date);
}

/** A meeting's date and time: 2026年11月30日(月) 13:30 in Japanese, "Mon, November 30, 2026 13:30" in English. */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  return `${formatDate(date, locale, timeZone)} ${formatTime(date, timeZone)}`;
}

/** The calendar date (YYYY-MM-DD) and clock time (HH:MM) of an instant in a time zone, for date and time inputs. */
export function zonedParts(date: Date, timeZone: string): { date: string; time: string } {
  const parts = new Intl.DateTimeFormat('en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  }).formatToParts(date);
  const get = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return { date: `${get('year')}-${get('month')}-${get('day')}`, time: `${get('hour')}:${get('minute')}` };
}

/** The instant (ISO 8601, UTC) at which a wall-clock date and time happen in a time zone. */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, hh ?? 0, mm ?? 0);
  let guess = wall;
  // Two rounds settle the offset, also across a daylight-saving change.
  for (let i = 0; i < 2; i += 1) {
    const p = zonedParts(new Date(guess), timeZone);
    const [py, pm, pd] = p.date.split('-').map(Number);
    const [ph, pmin] = p.time.split(':').map(Number);
    const shown = Date.UTC(py ?? 1970, (pm ?? 1) - 1, pd ?? 1, ph ?? 0, pmin ?? 0);
    guess += wall - shown;
  }
  return new Date(guess).toISOString();
}

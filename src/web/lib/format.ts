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

import i18n from 'i18next';
import { localDateOf, localTimeOf, zonedToUtc } from '../../domain/calendar.js';
import type { Locale } from '../../domain/limits.js';

/**
 * A person's name as Japanese workplaces write it: family name first, in every language. A person
 * anonymised on request has no name left: shown as 削除されたユーザー / "Deleted user" (ADR 0213).
 */
export function fullName(person: { familyName: string; givenName: string }): string {
  if (!person.familyName && !person.givenName) return i18n.t('common.deletedUser');
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

/** A clock time, 13:30, in a time zone (the domain's rule, shared with the server). */
export function formatTime(date: Date, timeZone: string): string {
  return localTimeOf(date, timeZone);
}

/** A meeting's date and time: 2026年11月30日(月) 13:30 in Japanese, "Mon, November 30, 2026 13:30" in English. */
export function formatDateTime(date: Date, locale: Locale, timeZone: string): string {
  return `${formatDate(date, locale, timeZone)} ${formatTime(date, timeZone)}`;
}

/** The calendar date (YYYY-MM-DD) and clock time (HH:MM) of an instant in a time zone, for date and time inputs. */
export function zonedParts(date: Date, timeZone: string): { date: string; time: string } {
  return { date: localDateOf(date, timeZone), time: localTimeOf(date, timeZone) };
}

/** The instant (ISO 8601, UTC) at which a wall-clock date and time happen in a time zone, as the server reckons it. */
export function zonedToIso(date: string, time: string, timeZone: string): string {
  return zonedToUtc(date, time, timeZone).toISOString();
}

/** A calendar month (`YYYY-MM`) as the reader says it: 2026年11月 / Nov 2026. */
export function formatMonth(month: string, locale: Locale, style: 'long' | 'short' = 'long'): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: style === 'long' ? 'long' : 'short', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, 15)));
}

import type { Locale } from './limits.js';
import { minutesWords } from './minutesDocument.js';

export { assembleMinutesDocument, minutesMarkdown, type MinutesSource } from './minutesDocument.js';

/** A date as the locale writes it: 2026年11月24日(火) or Tue, 24 Nov 2026. */
export function formatMeetingDate(instant: Date, timeZone: string, locale: Locale): string {
  if (locale === 'ja') {
    const parts = new Intl.DateTimeFormat('ja-JP', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(instant);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}年${get('month')}月${get('day')}日(${get('weekday')})`;
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(instant);
}

/** The title line of the minutes (the first line of the Markdown export), in the reader's language. */
export function minutesTitle(source: { startsAt: Date; timeZone: string; manager: string; report: string }, locale: Locale): string {
  return `${minutesWords[locale].title} — ${formatMeetingDate(source.startsAt, source.timeZone, locale)} ${source.manager} / ${source.report}`;
}

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

/** One Markdown line as plain text: list marks, check boxes and bold marks removed. */
function plainLine(line: string): string {
  return line
    .replace(/^\s*[-*+]\s+(\[[ xX]\]\s+)?/, '')
    .replace(/^\s*\d+\.\s+/, '')
    .replace(/\*\*/g, '')
    .trim();
}

/**
 * Minutes in short, for the manager's prep brief: the first lines of what was talked about and the
 * decisions and next steps, read from the sections `assembleMinutes` writes (in either language).
 * Minutes rewritten without those sections give their first lines and no decisions.
 */
export function summariseMinutes(body: string, maxLines = 3, maxDecisions = 5): { summary: string[]; decisions: string[] } {
  const none = new Set<string>([minutesWords.ja.labels.none, minutesWords.en.labels.none]);
  const decidedHeadings = new Set<string>([minutesWords.ja.sections.decided, minutesWords.en.sections.decided]);
  const sections: { heading: string | null; lines: string[] }[] = [{ heading: null, lines: [] }];
  for (const raw of body.split('\n')) {
    const heading = /^#{2,6}\s+(.*)$/.exec(raw);
    if (heading) sections.push({ heading: heading[1]!.trim(), lines: [] });
    else if (!raw.startsWith('# ')) {
      const line = plainLine(raw);
      // The same line twice (a topic repeated in the shared notes) is said once.
      if (line && !none.has(line) && !sections.some((s) => s.lines.includes(line))) sections.at(-1)!.lines.push(line);
    }
  }
  const decisions = sections.filter((s) => s.heading !== null && decidedHeadings.has(s.heading)).flatMap((s) => s.lines);
  const rest = sections.filter((s) => s.heading === null || !decidedHeadings.has(s.heading)).flatMap((s) => s.lines);
  return { summary: rest.slice(0, maxLines), decisions: decisions.slice(0, maxDecisions) };
}

import type { Locale } from './limits.js';

/** What a minutes draft is assembled from (SPEC §3.4): the meeting's own content, nothing private. */
export interface MinutesSource {
  startsAt: Date;
  timeZone: string;
  manager: string;
  report: string;
  discussedTopics: { title: string; note: string | null }[];
  actionItems: { title: string; owner: string; dueDate: string | null; support: boolean; done: boolean }[];
  feedback: { kind: 'positive' | 'constructive'; giver: string; receiver: string; situation: string; behaviour: string; impact: string }[];
  sharedNotes: string;
}

const words = {
  ja: {
    title: '1on1 議事録',
    discussed: '話したこと',
    decided: '決めたこと・ネクストステップ',
    feedback: 'フィードバック',
    notes: '共有メモ',
    none: '(なし)',
    owner: '担当',
    due: '期限',
    support: '上司のサポート',
    positive: 'ポジティブ',
    constructive: '改善に向けて',
    situation: '状況',
    behaviour: '行動',
    impact: '影響',
  },
  en: {
    title: '1on1 minutes',
    discussed: 'What we talked about',
    decided: 'Decisions and next steps',
    feedback: 'Feedback',
    notes: 'Shared notes',
    none: '(none)',
    owner: 'owner',
    due: 'due',
    support: 'manager support',
    positive: 'Positive',
    constructive: 'Constructive',
    situation: 'Situation',
    behaviour: 'Behaviour',
    impact: 'Impact',
  },
} as const;

/** A date as the locale writes it: 2026年11月24日(火) or Tue, 24 Nov 2026. */
export function formatMeetingDate(instant: Date, timeZone: string, locale: Locale): string {
  if (locale === 'ja') {
    const parts = new Intl.DateTimeFormat('ja-JP', { timeZone, year: 'numeric', month: 'numeric', day: 'numeric', weekday: 'short' }).formatToParts(instant);
    const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
    return `${get('year')}年${get('month')}月${get('day')}日(${get('weekday')})`;
  }
  return new Intl.DateTimeFormat('en-GB', { timeZone, year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' }).format(instant);
}

/** A calendar date (YYYY-MM-DD) as the locale writes it. */
function formatDate(date: string, locale: Locale): string {
  const [y, m, d] = date.split('-').map(Number);
  return locale === 'ja'
    ? `${y}年${m}月${d}日`
    : new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', year: 'numeric', month: 'short', day: 'numeric' }).format(Date.UTC(y!, m! - 1, d!));
}

/** The title line of the minutes (also the first line of the Markdown export). */
export function minutesTitle(source: Pick<MinutesSource, 'startsAt' | 'timeZone' | 'manager' | 'report'>, locale: Locale): string {
  const w = words[locale];
  return `${w.title} — ${formatMeetingDate(source.startsAt, source.timeZone, locale)} ${source.manager} / ${source.report}`;
}

/** The minutes draft in Markdown, in the caller's language, with one section per kind of content. */
export function assembleMinutes(source: MinutesSource, locale: Locale): string {
  const w = words[locale];
  const sep = locale === 'ja' ? ':' : ': ';
  const section = (heading: string, lines: string[]) => [`## ${heading}`, '', ...(lines.length ? lines : [w.none]), ''];
  const topics = source.discussedTopics.map((t) => (t.note ? `- ${t.title}\n  - ${t.note.replace(/\n/g, ' ')}` : `- ${t.title}`));
  const items = source.actionItems.map((a) => {
    const extras = [`${w.owner}${sep}${a.owner}`];
    if (a.dueDate) extras.push(`${w.due}${sep}${formatDate(a.dueDate, locale)}`);
    if (a.support) extras.push(w.support);
    const detail = locale === 'ja' ? `(${extras.join('、')})` : ` (${extras.join(', ')})`;
    return `- [${a.done ? 'x' : ' '}] ${a.title}${detail}`;
  });
  const feedback = source.feedback.map(
    (f) =>
      `- **${f.kind === 'positive' ? w.positive : w.constructive}** ${f.giver} → ${f.receiver}\n` +
      `  - ${w.situation}${sep}${f.situation}\n  - ${w.behaviour}${sep}${f.behaviour}\n  - ${w.impact}${sep}${f.impact}`,
  );
  const notes = source.sharedNotes.trim() ? [source.sharedNotes.trim()] : [];
  return [
    `# ${minutesTitle(source, locale)}`,
    '',
    ...section(w.discussed, topics),
    ...section(w.decided, items),
    ...section(w.feedback, feedback),
    ...section(w.notes, notes),
  ]
    .join('\n')
    .trimEnd()
    .concat('\n');
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
  const none = new Set<string>([words.ja.none, words.en.none]);
  const decidedHeadings = new Set<string>([words.ja.decided, words.en.decided]);
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

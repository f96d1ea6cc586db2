import { z } from 'zod';
import { monthSchema, suppressionReasons } from './aggregates.js';
import { idSchema } from './common.js';
import { personRefSchema } from './employees.js';
import { practiceSortKeys } from './practiceSort.js';

export { practiceSortKeys };

/**
 * Formality signals (形骸化サイン, SPEC §5): whether a 1on1 practice is decaying into a formality.
 * The figures are counted in SQL (src/server/analytics/formality.ts); this module holds the window,
 * every threshold and the choice of nudge, as pure functions, so one place says when a signal
 * fires and the numbers behind it travel with the nudge. ADR 0205 explains the choices.
 */

/** The rolling window: a series' meetings of the last 90 days, at most its 8 most recent ones. */
export const formalityWindow = { days: 90, meetings: 8 } as const;

/**
 * Words that suggest a topic is a work-status report (業務報告). A hit is a suggestion the author
 * can confirm, never a category: the nudge says the topics were judged by their wording.
 */
export const statusWording = ['進捗', '報告', '完了', 'ステータス', '状況共有', 'progress', 'status', 'update', 'done'] as const;

/** A case-insensitive POSIX regular expression over the wording (PostgreSQL `~*`). */
export function statusWordingPattern(): string {
  return statusWording.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
}

/** Whether a topic title reads like a status report (the same test the SQL makes). */
export function looksLikeStatusReport(title: string): boolean {
  return new RegExp(statusWordingPattern(), 'i').test(title);
}

/** Every threshold, in one place. Shares are fractions (0–1); a signal needs its minimum sample first. */
export const formalityThresholds = {
  /** Planned meetings a window needs before cadence and cancellations are judged. */
  minPlanned: 4,
  /** Cadence kept: held over planned below this. */
  cadenceKeptBelow: 0.75,
  /** Cancellations: at least this many, and at least this share of the planned meetings. */
  cancelledAtLeast: 2,
  cancelledShareAtLeast: 0.25,
  /** Reschedules: at least this many moved meetings in the window, and at least this share of the planned. */
  rescheduledAtLeast: 3,
  rescheduledShareAtLeast: 0.25,
  /** Held meetings needed before preparation and topics are judged. */
  minHeld: 3,
  /** Agenda prepared in advance: held meetings with a shared topic before they started, below this share. */
  preparedBelow: 0.5,
  /** Topics needed before their authorship is judged; the report wrote fewer than this share. */
  minTopics: 4,
  reportTopicsBelow: 0.4,
  /** Status reports: meetings whose topics are at least half status wording, at least this many and this share. */
  statusMeetingsAtLeast: 3,
  statusMeetingsShareAtLeast: 0.5,
  /** Action items: at least this many due, fewer than this share done. */
  minActionItems: 3,
  actionDoneBelow: 0.5,
  /** Purpose: not written or confirmed for this many days (a quarter), in a series at least that old. */
  purposeStaleDays: 90,
  /** Felt heard: the team average (≥ 3 reports, closed months) fell by at least this much month on month. */
  feltHeardDropAtLeast: 0.5,
} as const;

/** The counts behind the signals of one series, or of all of a manager's series added up. */
export const formalityFiguresSchema = z.object({
  /** Meetings of the window that came from the cadence (extra meetings are not planned). */
  planned: z.number().int(),
  held: z.number().int(),
  cancelled: z.number().int(),
  rescheduled: z.number().int(),
  /** Held meetings with at least one shared topic before they started. */
  prepared: z.number().int(),
  /** Shared topics of the held meetings, those by the report, those whose wording reads as a status report. */
  topics: z.number().int(),
  reportTopics: z.number().int(),
  statusTopics: z.number().int(),
  /** Held meetings with topics, and those where status wording makes up at least half of them. */
  meetingsWithTopics: z.number().int(),
  statusMeetings: z.number().int(),
  /** Action items of the window that were due (or had no due date) and how many are done. */
  actionItems: z.number().int(),
  actionItemsDone: z.number().int(),
  /** Series whose purpose was not written or confirmed for a quarter, over the series counted. */
  purposeStale: z.number().int(),
  series: z.number().int(),
  /** Days since the purpose was last written or confirmed (one series only; null when added up). */
  purposeAgeDays: z.number().int().nullable(),
});
export type FormalityFigures = z.infer<typeof formalityFiguresSchema>;

export const formalitySignalKinds = ['statusReport', 'cancellations', 'cadence', 'reportTopics', 'agenda', 'actionItems', 'purpose', 'reschedules', 'feltHeard'] as const;
export type FormalitySignalKind = (typeof formalitySignalKinds)[number];

/** One crossed threshold: its kind and the two numbers it compares ("n of total"), plus a second pair when useful. */
export const formalityNudgeSchema = z.object({
  kind: z.enum(formalitySignalKinds),
  n: z.number(),
  of: z.number(),
  /** Second figure pair (status reports: topics; cancellations: reschedules), or null. */
  n2: z.number().nullable(),
  of2: z.number().nullable(),
});
export type FormalityNudge = z.infer<typeof formalityNudgeSchema>;

const share = (n: number, d: number) => (d === 0 ? null : n / d);

/** Which signals of one series (or one manager's sum) cross their thresholds, most telling first. */
export function formalityNudges(f: FormalityFigures): FormalityNudge[] {
  const t = formalityThresholds;
  const out: FormalityNudge[] = [];
  const status = share(f.statusMeetings, f.meetingsWithTopics);
  if (f.meetingsWithTopics >= t.minHeld && f.statusMeetings >= t.statusMeetingsAtLeast && status !== null && status >= t.statusMeetingsShareAtLeast)
    out.push({ kind: 'statusReport', n: f.statusMeetings, of: f.meetingsWithTopics, n2: f.statusTopics, of2: f.topics });
  const cancelledShare = share(f.cancelled, f.planned);
  const cancellations = f.planned >= t.minPlanned && f.cancelled >= t.cancelledAtLeast && cancelledShare !== null && cancelledShare >= t.cancelledShareAtLeast;
  if (cancellations) out.push({ kind: 'cancellations', n: f.cancelled, of: f.planned, n2: null, of2: null });
  // Held over planned; cancellations explain a slipping cadence, so it is not said twice.
  const kept = share(Math.min(f.held, f.planned), f.planned);
  if (!cancellations && f.planned >= t.minPlanned && kept !== null && kept < t.cadenceKeptBelow)
    out.push({ kind: 'cadence', n: Math.min(f.held, f.planned), of: f.planned, n2: null, of2: null });
  const reportShare = share(f.reportTopics, f.topics);
  if (f.topics >= t.minTopics && reportShare !== null && reportShare < t.reportTopicsBelow) out.push({ kind: 'reportTopics', n: f.reportTopics, of: f.topics, n2: null, of2: null });
  const prepared = share(f.prepared, f.held);
  if (f.held >= t.minHeld && prepared !== null && prepared < t.preparedBelow) out.push({ kind: 'agenda', n: f.prepared, of: f.held, n2: null, of2: null });
  const done = share(f.actionItemsDone, f.actionItems);
  if (f.actionItems >= t.minActionItems && done !== null && done < t.actionDoneBelow) out.push({ kind: 'actionItems', n: f.actionItemsDone, of: f.actionItems, n2: null, of2: null });
  if (f.purposeStale > 0) out.push({ kind: 'purpose', n: f.purposeStale, of: f.series, n2: f.purposeAgeDays, of2: null });
  const moved = share(f.rescheduled, f.planned);
  if (f.planned >= t.minPlanned && f.rescheduled >= t.rescheduledAtLeast && moved !== null && moved >= t.rescheduledShareAtLeast) out.push({ kind: 'reschedules', n: f.rescheduled, of: f.planned, n2: null, of2: null });
  return out;
}

/** The team's "felt heard" average of two consecutive closed months, each shown only over ≥ 3 reports. */
export const feltHeardTrendSchema = z.object({
  month: monthSchema,
  previousMonth: monthSchema,
  /** Null with its reason when the month's group is under the minimum (src/domain/aggregates.ts). */
  average: z.number().nullable(),
  previous: z.number().nullable(),
  hiddenReason: z.enum(suppressionReasons).nullable(),
});
export type FeltHeardTrend = z.infer<typeof feltHeardTrendSchema>;

/** The felt-heard nudge: only from two shown averages, a drop of at least the threshold. */
export function feltHeardNudge(trend: FeltHeardTrend): FormalityNudge | null {
  if (trend.average === null || trend.previous === null) return null;
  const drop = Math.round((trend.previous - trend.average) * 10) / 10;
  if (drop < formalityThresholds.feltHeardDropAtLeast) return null;
  return { kind: 'feltHeard', n: trend.average, of: trend.previous, n2: null, of2: null };
}

/** Adds up the figures of several series (a manager's practice). */
export function sumFigures(list: readonly FormalityFigures[]): FormalityFigures {
  const zero: FormalityFigures = {
    planned: 0,
    held: 0,
    cancelled: 0,
    rescheduled: 0,
    prepared: 0,
    topics: 0,
    reportTopics: 0,
    statusTopics: 0,
    meetingsWithTopics: 0,
    statusMeetings: 0,
    actionItems: 0,
    actionItemsDone: 0,
    purposeStale: 0,
    series: 0,
    purposeAgeDays: null,
  };
  for (const f of list) for (const k of Object.keys(zero) as (keyof FormalityFigures)[]) if (k !== 'purposeAgeDays') zero[k] += f[k] as number;
  return zero;
}

// ---- Response contracts ----

/** A manager's own signals: one entry per active series they hold, and the felt-heard trend over their team. */
export const seriesSignalsSchema = z.object({
  seriesId: idSchema,
  report: personRefSchema,
  figures: formalityFiguresSchema,
  nudges: z.array(formalityNudgeSchema),
});
export type SeriesSignals = z.infer<typeof seriesSignalsSchema>;

export const managerSignalsSchema = z.object({
  window: z.object({ days: z.number().int(), meetings: z.number().int() }),
  series: z.array(seriesSignalsSchema),
  feltHeard: feltHeardTrendSchema,
  /** The team-level nudge from the felt-heard trend, if any. */
  teamNudges: z.array(formalityNudgeSchema),
});
export type ManagerSignals = z.infer<typeof managerSignalsSchema>;

/** hr's practice table (issue 10 item 3): per manager, counts and shares only. */
export const practiceQuerySchema = z.object({
  department: idSchema.optional(),
  sort: z.enum(practiceSortKeys).default('signals'),
  order: z.enum(['asc', 'desc']).default('desc'),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});

export const practiceRowSchema = z.object({
  manager: z.object({ id: idSchema, name: z.string(), title: z.string().nullable(), department: z.string().nullable() }),
  figures: formalityFiguresSchema,
  /** The kinds of signal that cross their threshold over the manager's series added up. */
  signals: z.array(z.enum(formalitySignalKinds)),
  /** For each kind of signal, how many of the manager's series cross it on their own (none: left out). */
  seriesSignals: z.array(z.object({ kind: z.enum(formalitySignalKinds), series: z.number().int() })),
});
export type PracticeRow = z.infer<typeof practiceRowSchema>;

export const practiceTableSchema = z.object({
  window: z.object({ days: z.number().int(), meetings: z.number().int() }),
  /** When the figures were computed: the analytics job's last snapshot (hourly), or now when none was taken yet. */
  takenAt: z.string(),
  /** The organisation's time zone, to show `takenAt` in. */
  timeZone: z.string(),
  items: z.array(practiceRowSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});
export type PracticeTable = z.infer<typeof practiceTableSchema>;

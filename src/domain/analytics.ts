import { z } from 'zod';
import { baselineOf, topicCategories } from './agenda.js';
import { monthSchema, suppressionReasons } from './aggregates.js';
import { cancelCategories } from './series.js';
import { idSchema } from './common.js';

/**
 * Organisation analytics for hr and admin (SPEC §8): practice and quality figures per department
 * and closed month, already suppressed by the one rule of src/domain/aggregates.ts. Nothing here
 * is about one person: no names, no note or topic text, no single rating or condition.
 */

/** Longest period one request may cover. */
export const analyticsMaxMonths = 36;
/** Months shown when the request names none. */
export const analyticsDefaultMonths = 6;

export const analyticsQuerySchema = z.object({
  from: monthSchema.optional(),
  to: monthSchema.optional(),
  department: idSchema.optional(),
});

const hidden = z.object({ shown: z.literal(false), reason: z.enum(suppressionReasons) });

/** Whether 1on1s happen: meetings that fell in the period, held, cancelled (and by whom), cadence kept. */
export const practiceFiguresSchema = z.discriminatedUnion('shown', [
  z.object({
    shown: z.literal(true),
    /** Distinct reports with a meeting in the month (null over several months). */
    people: z.number().int().nullable(),
    planned: z.number().int(),
    held: z.number().int(),
    cancelled: z.number().int(),
    cancelledByManager: z.number().int(),
    cancelledByReport: z.number().int(),
    /** Cancellations by kind of reason (the reason's text is never shown); before it was asked: other. */
    cancelledByCategory: z.object(Object.fromEntries(cancelCategories.map((c) => [c, z.number().int()])) as Record<(typeof cancelCategories)[number], z.ZodNumber>),
    /** Held over planned, percent. */
    implementationRate: z.number().nullable(),
    /** Series-months in which every cadence meeting was held, over all series-months, percent. */
    cadenceAdherence: z.number().nullable(),
    seriesMonths: z.number().int(),
  }),
  hidden,
]);
export type PracticeFigures = z.infer<typeof practiceFiguresSchema>;

/** How the 1on1s felt to the reports: averages of "felt heard" and "useful" (1–5). */
export const qualityFiguresSchema = z.discriminatedUnion('shown', [
  z.object({
    shown: z.literal(true),
    /** Distinct reports who rated in the month (null over several months). */
    raters: z.number().int().nullable(),
    responses: z.number().int(),
    feltHeard: z.number().nullable(),
    useful: z.number().nullable(),
  }),
  hidden,
]);
export type QualityFigures = z.infer<typeof qualityFiguresSchema>;

const cellSchema = z.object({ practice: practiceFiguresSchema, quality: qualityFiguresSchema });

/**
 * Early warnings (SPEC §8), counted per group and month, never named:
 * - a **sustained drop**: a report's last `dropStreak` check-ins are each at least `dropPoints`
 *   below their own baseline (the median of up to 8 check-ins before them, at least
 *   `baselineMinimum` of them), compared with themselves only;
 * - **repeated cancellations**: a series whose last `repeatedCancellations` cadence meetings were
 *   all cancelled (extra meetings do not count).
 */
export const earlyWarning = { dropStreak: 2, dropPoints: 1, baselineMinimum: 3, repeatedCancellations: 2 } as const;

/** Whether the newest check-in of `scores` (oldest first) ends a sustained drop. */
export function sustainedDrop(scores: readonly number[]): boolean {
  const streak = scores.slice(-earlyWarning.dropStreak);
  const before = scores.slice(0, -earlyWarning.dropStreak).slice(-8);
  if (streak.length < earlyWarning.dropStreak || before.length < earlyWarning.baselineMinimum) return false;
  const baseline = baselineOf(before)!;
  return streak.every((s) => s <= baseline - earlyWarning.dropPoints);
}

const shownOver = { shown: z.literal(true), /** Months of the period whose figure is shown (the rest are hidden). */ monthsShown: z.number().int() };
/** What the group's shared topics were about (private drafts never count). */
export const topicFiguresSchema = z.discriminatedUnion('shown', [
  z.object({ ...shownOver, byCategory: z.object(Object.fromEntries(topicCategories.map((c) => [c, z.number().int()])) as Record<(typeof topicCategories)[number], z.ZodNumber>) }),
  hidden,
]);
/** How many condition check-ins had each score, 1 to 5 (index 0 is score 1). */
export const conditionFiguresSchema = z.discriminatedUnion('shown', [z.object({ ...shownOver, byScore: z.array(z.number().int()).length(5) }), hidden]);
/** Early-warning counts: drops end per report and month, repeated cancellations per series and month. */
export const warningFiguresSchema = z.discriminatedUnion('shown', [
  z.object({ ...shownOver, sustainedDrops: z.number().int(), repeatedCancellations: z.number().int() }),
  hidden,
]);
export const distributionsSchema = z.object({ topics: topicFiguresSchema, condition: conditionFiguresSchema, warnings: warningFiguresSchema });

export const analyticsGroupSchema = z.object({ id: idSchema.nullable(), name: z.string().nullable() });

export const analyticsDepartmentsSchema = z.object({
  timeZone: z.string(),
  minimum: z.number().int(),
  /** The month under way: never shown with figures. */
  inProgress: monthSchema,
  /** The newest month whose figures are published. */
  latestClosed: monthSchema,
  from: monthSchema,
  to: monthSchema,
  /**
   * How the figures were read: the months of the period summed from the monthly rollups (made when
   * a month closes), and when the newest of those was made. The other months were computed from the
   * meetings at request time; both give the same figures.
   */
  rollups: z.object({ months: z.array(monthSchema), rolledUpAt: z.string().datetime().nullable() }),
  /** The group shown (null id: the whole organisation) and the way down to it. */
  group: analyticsGroupSchema,
  path: z.array(analyticsGroupSchema),
  /** The group's figures over the whole period: the sum of its shown months. */
  summary: cellSchema.extend({ monthsShown: z.number().int() }),
  /** The group's distributions and early warnings over the period, each suppressed month by month. */
  distributions: distributionsSchema,
  months: z.array(cellSchema.extend({ month: monthSchema })),
  children: z.array(cellSchema.extend({ id: idSchema, name: z.string(), hasChildren: z.boolean(), monthsShown: z.number().int() })),
});
export type AnalyticsDepartments = z.infer<typeof analyticsDepartmentsSchema>;

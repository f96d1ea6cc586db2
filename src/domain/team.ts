import { z } from 'zod';
import { idSchema } from './common.js';
import { personRefSchema } from './employees.js';
import { formalityFiguresSchema, formalityNudgeSchema } from './formality.js';

/**
 * The manager's team view (issue 10 item 4): per direct report, and per report of any series the
 * manager holds, how the next 1on1 is prepared, whether the cadence holds, the report's condition
 * trend against their own baseline and the early warnings of src/domain/analytics.ts. Counts,
 * dates and the pair's own check-in scores only: no topic, note, answer or comment text.
 */

/** How many of the report's newest check-ins (in this series) the trend shows. */
export const teamConditionPoints = 10;

export const teamPrepSchema = z.object({
  reportTopics: z.number().int(),
  managerTopics: z.number().int(),
  preQuestions: z.number().int(),
  preQuestionsAnswered: z.number().int(),
  checkedIn: z.boolean(),
});
export type TeamPrep = z.infer<typeof teamPrepSchema>;

export const teamSeriesSchema = z.object({
  id: idSchema,
  status: z.enum(['active', 'paused']),
  /** The next meeting (running now or not yet over) and its preparation; null when none is planned. */
  next: z.object({ meetingId: idSchema, startsAt: z.string(), prep: teamPrepSchema }).nullable(),
  /** When the last held meeting started; null when none was held yet. */
  lastHeldAt: z.string().nullable(),
  /** Over the formality window: cadence meetings that passed without being held or cancelled. */
  missed: z.number().int(),
  /** The report's check-ins in this series, oldest first (at most `teamConditionPoints`). */
  condition: z.object({
    points: z.array(z.object({ date: z.string(), score: z.number().int() })),
    /** The report's own baseline before the newest check-in (median of up to 8, `baselineOf`). */
    baseline: z.number().nullable(),
  }),
  /** Early warnings, by the definitions of src/domain/analytics.ts (`earlyWarning`). */
  warnings: z.object({ sustainedDrop: z.boolean(), repeatedCancellations: z.boolean() }),
  /** The series' formality figures and nudges, as `GET /api/series/{id}/signals` gives them. */
  figures: formalityFiguresSchema,
  nudges: z.array(formalityNudgeSchema),
});
export type TeamSeries = z.infer<typeof teamSeriesSchema>;

export const teamMemberSchema = z.object({
  person: personRefSchema,
  /** Whether the manager is the person's primary manager (else: a series partner only). */
  direct: z.boolean(),
  /** The active or paused series the manager holds with them; null when there is none. */
  series: teamSeriesSchema.nullable(),
});
export type TeamMember = z.infer<typeof teamMemberSchema>;

export const teamSchema = z.object({
  window: z.object({ days: z.number().int(), meetings: z.number().int() }),
  members: z.array(teamMemberSchema),
});
export type Team = z.infer<typeof teamSchema>;

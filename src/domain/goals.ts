import { z } from 'zod';
import { idSchema, optionalText, pageOf, pageQuerySchema, requiredText } from './common.js';
import { personRefSchema } from './employees.js';
import { feedbackSchema } from './followUp.js';

/**
 * Goals (SPEC §6, ADR 0206). One model for both styles: an OKR objective measured by key results,
 * or an MBO goal with a weight and criteria (which may also have measurable key results).
 */
export const goalKinds = ['okr', 'mbo'] as const;
export type GoalKind = (typeof goalKinds)[number];
export const goalStatuses = ['active', 'archived'] as const;
/** A progress update is the owner's; a partner may only comment. */
export const goalUpdateKinds = ['progress', 'comment'] as const;

export const goalTitleMax = 200;
export const goalTextMax = 2000;
export const keyResultsMax = 10;
/** Key-result values: plain numbers within a sane range (counts, percentages, amounts). */
const value = z.number().finite().min(-1e12).max(1e12);

export const keyResultInputSchema = z.object({
  /** Present for a key result being kept (when editing); absent for a new one. */
  id: idSchema.optional(),
  title: requiredText(goalTitleMax),
  startValue: value.default(0),
  target: value,
  unit: optionalText(20),
});

export const goalCreateSchema = z.object({
  kind: z.enum(goalKinds),
  title: requiredText(goalTitleMax),
  description: optionalText(goalTextMax),
  weight: z.number().int().min(0).max(100).nullish().transform((v) => v ?? null),
  dueDate: z.iso.date().nullish().transform((v) => v ?? null),
  keyResults: z.array(keyResultInputSchema).max(keyResultsMax).default([]),
});

export const goalUpdateSchema = z
  .object({
    title: requiredText(goalTitleMax),
    description: optionalText(goalTextMax),
    weight: z.number().int().min(0).max(100).nullable(),
    dueDate: z.iso.date().nullable(),
    status: z.enum(goalStatuses),
    /** The full list of key results after the edit: listed ids are kept, others removed, new ones added. */
    keyResults: z.array(keyResultInputSchema).max(keyResultsMax),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

/** A dated entry: the owner posts a value (for a key result, or a percentage for a goal without any) and/or a comment. */
export const goalProgressInputSchema = z
  .object({
    keyResultId: idSchema.nullish().transform((v) => v ?? null),
    value: value.nullish().transform((v) => v ?? null),
    comment: optionalText(goalTextMax),
  })
  .refine((v) => v.value !== null || v.comment !== null, { message: 'goalUpdateEmpty', path: ['comment'] });

export const keyResultSchema = z.object({
  id: z.string(),
  title: z.string(),
  startValue: z.number(),
  target: z.number(),
  current: z.number(),
  unit: z.string().nullable(),
  /** 0–100: how far from start to target the current value is. */
  progress: z.number().int(),
});

export const goalEntrySchema = z.object({
  id: z.string(),
  kind: z.enum(goalUpdateKinds),
  author: personRefSchema,
  keyResultId: z.string().nullable(),
  keyResultTitle: z.string().nullable(),
  value: z.number().nullable(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type GoalEntry = z.infer<typeof goalEntrySchema>;

export const goalSchema = z.object({
  id: z.string(),
  owner: personRefSchema,
  kind: z.enum(goalKinds),
  title: z.string(),
  description: z.string().nullable(),
  weight: z.number().nullable(),
  dueDate: z.string().nullable(),
  status: z.enum(goalStatuses),
  /** 0–100: the mean of the key results' progress, or the owner's own figure when there are none. */
  progress: z.number().int(),
  keyResults: z.array(keyResultSchema),
  /** Newest first (the last 20 on lists, all on the goal itself). */
  entries: z.array(goalEntrySchema),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), updateProgress: z.boolean(), comment: z.boolean() }),
});
export type Goal = z.infer<typeof goalSchema>;

/** A goal as shown next to a topic: enough to see where it stands. */
export const goalRefSchema = z.object({ id: z.string(), title: z.string(), kind: z.enum(goalKinds), progress: z.number().int(), status: z.enum(goalStatuses) });
export type GoalRef = z.infer<typeof goalRefSchema>;

export const goalListQuerySchema = z.object({
  /** Whose goals: mine when absent. */
  ownerId: idSchema.optional(),
  status: z.enum(goalStatuses).default('active'),
});

/** Percent 0–100 of a key result from its start towards its target. */
export function keyResultProgress(kr: { startValue: number; target: number; current: number }): number {
  const span = kr.target - kr.startValue;
  if (span === 0) return kr.current === kr.target ? 100 : 0;
  return Math.round(Math.min(1, Math.max(0, (kr.current - kr.startValue) / span)) * 100);
}

/** Percent 0–100 of a goal: the mean of its key results, or its own figure without any. */
export function goalProgress(own: number, keyResults: { startValue: number; target: number; current: number }[]): number {
  if (keyResults.length === 0) return Math.round(Math.min(100, Math.max(0, own)));
  return Math.round(keyResults.reduce((sum, kr) => sum + keyResultProgress(kr), 0) / keyResults.length);
}

/** The feedback log: what I received and what I gave, in meetings or between them. */
export const feedbackDirections = ['received', 'given'] as const;
export const feedbackLogQuerySchema = pageQuerySchema.extend({
  direction: z.enum(feedbackDirections).default('received'),
  /** Only feedback exchanged with this person. */
  personId: idSchema.optional(),
});
export const feedbackLogSchema = pageOf(feedbackSchema).extend({
  /** The people I exchanged feedback with (for the filter). */
  people: z.array(personRefSchema),
});

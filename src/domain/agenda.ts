import { z } from 'zod';
import { idSchema, optionalText } from './common.js';
import { personRefSchema } from './employees.js';
import { goalRefSchema } from './goals.js';

/** Topic categories (SPEC §3.2). */
export const topicCategories = ['career', 'skills', 'workChallenges', 'relationships', 'condition', 'goals', 'feedback', 'other'] as const;
export type TopicCategory = (typeof topicCategories)[number];

/** The response the author wants from the partner (求める関わり方). */
export const wantedResponses = ['listen', 'advice', 'thinkTogether', 'decide', 'feedback'] as const;
export type WantedResponse = (typeof wantedResponses)[number];

/** A topic is a private draft of its author until shared with the pair. */
export const topicVisibilities = ['private', 'pair'] as const;

export const topicTitleMax = 200;
export const topicNoteMax = 2000;
export const answerMax = 4000;
export const questionMax = 500;
export const checkInCommentMax = 1000;

export const topicCreateSchema = z.object({
  title: z.string().trim().min(1).max(topicTitleMax),
  note: optionalText(topicNoteMax),
  category: z.enum(topicCategories),
  wantedResponse: z.enum(wantedResponses),
  visibility: z.enum(topicVisibilities).default('pair'),
  /** One of the report's active goals this topic is about. */
  goalId: idSchema.nullish().transform((v) => v ?? null),
  /** The author's answer to "is this a status report?" when its wording suggested so (null: not asked). */
  statusReport: z.boolean().nullish().transform((v) => v ?? null),
});

export const topicUpdateSchema = z
  .object({
    title: z.string().trim().min(1).max(topicTitleMax),
    note: optionalText(topicNoteMax),
    category: z.enum(topicCategories),
    wantedResponse: z.enum(wantedResponses),
    visibility: z.enum(topicVisibilities),
    goalId: idSchema.nullable(),
    statusReport: z.boolean().nullable(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

export const topicOrderSchema = z.object({ topicIds: z.array(idSchema).min(1).max(200) });

export const topicSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  author: personRefSchema,
  authorRole: z.enum(['manager', 'report']),
  title: z.string(),
  note: z.string().nullable(),
  category: z.enum(topicCategories),
  wantedResponse: z.enum(wantedResponses),
  visibility: z.enum(topicVisibilities),
  position: z.number(),
  discussed: z.boolean(),
  carried: z.boolean(),
  /** The report's goal the topic is about, with its progress; null when none (or not readable). */
  goal: goalRefSchema.nullable(),
  /** The author's answer when the wording read like a status report (false: not one); null when not asked. */
  statusReport: z.boolean().nullable(),
  abilities: z.object({ update: z.boolean(), remove: z.boolean(), share: z.boolean() }),
});
export type Topic = z.infer<typeof topicSchema>;

export const preQuestionCreateSchema = z.object({
  text: z.string().trim().min(1).max(questionMax),
  bankQuestionId: z.string().max(64).optional(),
});
export const preQuestionAnswerSchema = z.object({ answer: z.string().trim().min(1).max(answerMax) });

export const preQuestionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  text: z.string(),
  closed: z.boolean(),
  openAlternative: z.string().nullable(),
  answer: z.string().nullable(),
  answeredAt: z.string().nullable(),
  abilities: z.object({ answer: z.boolean(), remove: z.boolean() }),
});
export type PreQuestion = z.infer<typeof preQuestionSchema>;

export const checkInSchema = z.object({
  score: z.number().int().min(1).max(5),
  comment: optionalText(checkInCommentMax),
});
export const checkInViewSchema = z.object({
  meetingId: z.string(),
  score: z.number(),
  comment: z.string().nullable(),
  createdAt: z.string(),
});
export type CheckIn = z.infer<typeof checkInViewSchema>;

/** The report's baseline: the median of their last 8 check-ins before a meeting (compared with themselves only). */
export function baselineOf(scores: readonly number[]): number | null {
  const last = scores.slice(-8);
  if (last.length === 0) return null;
  const sorted = [...last].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

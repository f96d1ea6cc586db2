import { z } from 'zod';
import { shippedRows } from './questionBankData.js';

/** Question bank categories (SPEC §4): the topic categories plus icebreakers and reflection. */
export const questionCategories = ['icebreaker', 'career', 'skills', 'workChallenges', 'relationships', 'condition', 'goals', 'feedback', 'reflection'] as const;
export type QuestionCategory = (typeof questionCategories)[number];

/** How far a question reaches: light (easy to answer), medium, deep (needs thought and trust). */
export const questionDepths = ['light', 'medium', 'deep'] as const;
export type QuestionDepth = (typeof questionDepths)[number];

export const bankTextMax = 300;

export const bankQuestionSchema = z.object({
  id: z.string(),
  category: z.enum(questionCategories),
  depth: z.enum(questionDepths),
  ja: z.string(),
  en: z.string(),
});
export type BankQuestion = z.infer<typeof bankQuestionSchema>;

/** A question as hr manages it: whether it ships with Taiwa, whether hr changed or hid it. */
export const managedQuestionSchema = bankQuestionSchema.extend({
  shipped: z.boolean(),
  edited: z.boolean(),
  hidden: z.boolean(),
});
export type ManagedQuestion = z.infer<typeof managedQuestionSchema>;

const bankText = z.string().trim().min(1).max(bankTextMax);

/** hr adds a question of its own, written in both languages. */
export const bankQuestionCreateSchema = z.object({ category: z.enum(questionCategories), depth: z.enum(questionDepths), ja: bankText, en: bankText });

/** hr changes a question's wording, category or depth, or hides / shows it. */
export const bankQuestionUpdateSchema = z
  .object({ category: z.enum(questionCategories), depth: z.enum(questionDepths), ja: bankText, en: bankText, hidden: z.boolean() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });

/** The questions shipped with Taiwa, in bank order, before any edit by hr. */
export const questionBank: readonly BankQuestion[] = questionCategories.flatMap((category) =>
  shippedRows[category].map(([id, depth, ja, en]) => ({ id, category, depth, ja, en })),
);

/** The shipped question with this id, or undefined. */
export function bankQuestion(id: string): BankQuestion | undefined {
  return questionBank.find((q) => q.id === id);
}

/** Whether a question (in either language) matches a search: every word of the query, ignoring case. */
export function matchesQuery(q: Pick<BankQuestion, 'ja' | 'en'>, query: string): boolean {
  const words = query.toLowerCase().split(/[\s\u3000]+/).filter(Boolean);
  const hay = `${q.ja}\n${q.en}`.toLowerCase();
  return words.every((w) => hay.includes(w));
}

import { z } from 'zod';
import { idSchema, optionalText, pageOf, pageQuerySchema, requiredText } from './common.js';
import { personRefSchema } from './employees.js';
import { limits } from './limits.js';
import { minutesDocumentMaxChars, minutesDocumentSchema } from './minutesDocument.js';
import { meetingSchema, meetingStatuses } from './series.js';

/**
 * Contracts of the meeting and its follow-up (SPEC §3.3–3.4): marking topics discussed, private
 * notes, feedback records, action items, minutes, reflections, the pair's history and search.
 */

export const privateNoteMax = 20_000;
export const feedbackTextMax = 2000;
export const actionItemTitleMax = 300;
export const minutesMax = minutesDocumentMaxChars;
export const correctionReasonMax = 500;
export const acknowledgeCommentMax = 2000;
export const reflectionTextMax = 2000;
/** The manager's reflection summary covers this many closed months (a quarter). */
export const reflectionSummaryMonths = 3;

const isoDate = z.iso.date();

// ---- During the meeting ----

export const discussedSchema = z.object({ discussed: z.boolean() });

// ---- Private note (自分用メモ): its author only ----

export const privateNoteInputSchema = z.object({ body: z.string().max(privateNoteMax) });
export const privateNoteSchema = z.object({
  meetingId: z.string(),
  body: z.string(),
  updatedAt: z.string().nullable(),
});
export type PrivateNote = z.infer<typeof privateNoteSchema>;

// ---- Feedback records ----

export const feedbackKinds = ['positive', 'constructive'] as const;
export const feedbackCreateSchema = z.object({
  kind: z.enum(feedbackKinds),
  receiverId: idSchema,
  situation: requiredText(feedbackTextMax),
  behaviour: requiredText(feedbackTextMax),
  impact: requiredText(feedbackTextMax),
});
export const feedbackUpdateSchema = z
  .object({
    kind: z.enum(feedbackKinds),
    situation: requiredText(feedbackTextMax),
    behaviour: requiredText(feedbackTextMax),
    impact: requiredText(feedbackTextMax),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });
export const feedbackSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  meetingId: z.string().nullable(),
  kind: z.enum(feedbackKinds),
  giver: personRefSchema,
  receiver: personRefSchema,
  situation: z.string(),
  behaviour: z.string(),
  impact: z.string(),
  createdAt: z.string(),
  abilities: z.object({ update: z.boolean(), remove: z.boolean() }),
});
export type FeedbackRecord = z.infer<typeof feedbackSchema>;

// ---- Action items (アクションアイテム) ----

export const actionItemStatuses = ['open', 'done'] as const;
export const actionItemCreateSchema = z.object({
  ownerId: idSchema,
  title: requiredText(actionItemTitleMax),
  dueDate: isoDate.nullish().transform((v) => v ?? null),
  /** The manager's support commitment: only when the manager owns the item. */
  support: z.boolean().default(false),
});
export const actionItemUpdateSchema = z
  .object({
    title: requiredText(actionItemTitleMax),
    dueDate: isoDate.nullable(),
    ownerId: idSchema,
    status: z.enum(actionItemStatuses),
    support: z.boolean(),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, { message: 'emptyUpdate' });
export const actionItemListQuerySchema = pageQuerySchema.extend({
  /** `mine`: I own them; `support`: my managers' support commitments to me; `team`: my direct reports' series. */
  scope: z.enum(['mine', 'support', 'team']).default('mine'),
  status: z.enum(['open', 'done', 'all']).default('open'),
});
export const actionItemSchema = z.object({
  id: z.string(),
  seriesId: z.string(),
  meetingId: z.string().nullable(),
  title: z.string(),
  owner: personRefSchema,
  ownerRole: z.enum(['manager', 'report']),
  /** The other person of the series, seen from the caller (for "team": the report). */
  partner: personRefSchema,
  dueDate: z.string().nullable(),
  support: z.boolean(),
  status: z.enum(actionItemStatuses),
  /** Open and due before today in the caller's time zone. */
  overdue: z.boolean(),
  doneAt: z.string().nullable(),
  createdAt: z.string(),
  /** `remove` and `handOver` (a new owner, or support on/off): the item's owner or whoever added it. */
  abilities: z.object({ update: z.boolean(), remove: z.boolean(), handOver: z.boolean() }),
});
export type ActionItem = z.infer<typeof actionItemSchema>;
export const actionItemListSchema = pageOf(actionItemSchema);
export type ActionItemList = z.infer<typeof actionItemListSchema>;

// ---- Minutes (議事録) ----

export const minutesStatuses = ['draft', 'shared', 'acknowledged'] as const;
export const acknowledgeSchema = z.object({ comment: optionalText(acknowledgeCommentMax) });
/** A correction of shared minutes: the whole corrected document and why. */
export const correctionSchema = z.object({
  content: minutesDocumentSchema,
  reason: requiredText(correctionReasonMax),
});
export const minutesSchema = z.object({
  meetingId: z.string(),
  /** The document; while a draft, its state in the live editor when read. */
  content: minutesDocumentSchema,
  /** The same as Markdown, headings and labels in the caller's language. */
  body: z.string(),
  status: z.enum(minutesStatuses),
  version: z.number().int(),
  sharedAt: z.string().nullable(),
  sharedBy: personRefSchema.nullable(),
  acknowledgedAt: z.string().nullable(),
  reportComment: z.string().nullable(),
  updatedAt: z.string(),
  abilities: z.object({ edit: z.boolean(), share: z.boolean(), acknowledge: z.boolean(), correct: z.boolean() }),
});
export type Minutes = z.infer<typeof minutesSchema>;
export const minutesRevisionSchema = z.object({
  version: z.number().int(),
  content: minutesDocumentSchema,
  body: z.string(),
  author: personRefSchema,
  reason: z.string().nullable(),
  createdAt: z.string(),
});
export const minutesRevisionListSchema = z.object({ items: z.array(minutesRevisionSchema) });
export type MinutesRevision = z.infer<typeof minutesRevisionSchema>;

// ---- Reflection (振り返り) ----

const rating = z.number().int().min(1).max(5);
/** What the report writes: "I felt heard" and "it was useful" (pair-aggregate), and text for the pair. */
export const reportReflectionSchema = z.strictObject({
  feltHeard: rating,
  useful: rating,
  gained: optionalText(reflectionTextMax),
  improve: optionalText(reflectionTextMax),
});
/** What the manager writes: their own listening (theirs only), and text for the pair. */
export const managerReflectionSchema = z.strictObject({
  ownListening: rating,
  gained: optionalText(reflectionTextMax),
  improve: optionalText(reflectionTextMax),
});
/** The request body as documented: which fields apply depends on the caller's side of the pair. */
export const reflectionInputSchema = z.object({
  feltHeard: rating.optional().describe('the report only'),
  useful: rating.optional().describe('the report only'),
  ownListening: rating.optional().describe('the manager only'),
  gained: z.string().trim().max(reflectionTextMax).nullish().describe('今回の対話で何が得られたか'),
  improve: z.string().trim().max(reflectionTextMax).nullish().describe('次回どう改善するか'),
});
export const ownReflectionSchema = z.object({
  role: z.enum(['manager', 'report']),
  feltHeard: z.number().nullable(),
  useful: z.number().nullable(),
  ownListening: z.number().nullable(),
  gained: z.string().nullable(),
  improve: z.string().nullable(),
  updatedAt: z.string(),
});
/**
 * The partner's reflection as the pair sees it: the text only, never a rating, and no time either
 * (when the report wrote it is when they rated, which the manager must not learn).
 */
export const partnerReflectionSchema = z.object({
  role: z.enum(['manager', 'report']),
  gained: z.string().nullable(),
  improve: z.string().nullable(),
});
export const reflectionViewSchema = z.object({
  meetingId: z.string(),
  mine: ownReflectionSchema.nullable(),
  partner: partnerReflectionSchema.nullable(),
  abilities: z.object({ reflect: z.boolean() }),
});
export type ReflectionView = z.infer<typeof reflectionViewSchema>;
export const reflectionSummarySchema = z.object({
  /** The closed months the summary covers, oldest and newest (YYYY-MM). */
  from: z.string(),
  to: z.string(),
  contributors: z.number().int(),
  minGroup: z.number().int(),
  suppressed: z.boolean(),
  feltHeard: z.number().nullable().optional(),
  useful: z.number().nullable().optional(),
  responses: z.number().int().optional(),
});
export type ReflectionSummary = z.infer<typeof reflectionSummarySchema>;

// ---- History and search ----

export const historyItemSchema = z.object({
  meeting: z.object({
    id: z.string(),
    startsAt: z.string(),
    status: z.enum(meetingStatuses),
    extra: z.boolean(),
    /** Why it was cancelled or moved (kept for the pair and for the formality signals). */
    cancelReason: z.string().nullable(),
    rescheduleReason: z.string().nullable(),
  }),
  discussedTopics: z.array(z.string()),
  minutesExcerpt: z.string().nullable(),
  actionItems: z.object({ open: z.number().int(), done: z.number().int() }),
});
export const historySchema = pageOf(historyItemSchema);
export type History = z.infer<typeof historySchema>;

export const searchQuerySchema = pageQuerySchema.extend({
  q: z.string().trim().min(1).max(limits.searchMax),
});
export const searchKinds = ['topic', 'sharedNote', 'minutes', 'actionItem', 'feedback'] as const;
export const searchResultSchema = z.object({
  seriesId: z.string(),
  partner: personRefSchema,
  /** Null for feedback or action items recorded between meetings. */
  meeting: z.object({ id: z.string(), startsAt: z.string(), status: z.enum(meetingStatuses) }).nullable(),
  matches: z.array(z.object({ kind: z.enum(searchKinds), snippet: z.string() })),
});
/**
 * A page of results, newest first, without a total (ADR 0226): counting every match would cost the
 * searcher's whole history on every page; `hasMore` says whether the next page has results.
 */
export const searchResultListSchema = z.object({
  items: z.array(searchResultSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  hasMore: z.boolean(),
});
export type SearchResultList = z.infer<typeof searchResultListSchema>;

/** Escapes `%`, `_` and `\` so that user input matches literally inside `ILIKE '%…%'`. */
export function likePattern(q: string): string {
  return `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** A snippet of `text` around the first case-insensitive match of `q`, with ellipses where cut. */
export function snippetAround(text: string, q: string, radius = 40): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.toLowerCase().indexOf(q.toLowerCase());
  if (at < 0) return flat.length > radius * 2 ? `${flat.slice(0, radius * 2)}…` : flat;
  const start = Math.max(0, at - radius);
  const end = Math.min(flat.length, at + q.length + radius);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end)}${end < flat.length ? '…' : ''}`;
}

// ---- The meeting's flow ----

/** What the caller may do next with a meeting (start, mark topics discussed, finish, add items, reflect). */
export const followUpAbilitiesSchema = z.object({
  start: z.boolean(),
  markDiscussed: z.boolean(),
  finish: z.boolean(),
  addActionItem: z.boolean(),
  addFeedback: z.boolean(),
  reflect: z.boolean(),
});
export const meetingFlowSchema = z.object({ meeting: meetingSchema, abilities: followUpAbilitiesSchema });
export type FlowAbilities = z.infer<typeof followUpAbilitiesSchema>;
export type MeetingFlow = z.infer<typeof meetingFlowSchema>;

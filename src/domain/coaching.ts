import { z } from 'zod';
import { bankQuestionSchema } from './questionBank.js';

/** Whose side a coaching tip is written for. A tip never reaches the other side (SPEC §3.3). */
export const tipAudiences = ['manager', 'report'] as const;
export type TipAudience = (typeof tipAudiences)[number];

export const tipSchema = z.object({ id: z.string(), title: z.string(), body: z.string(), examples: z.array(z.string()) });
export type Tip = z.infer<typeof tipSchema>;

/**
 * The coaching for one meeting, for the caller's side only: general tips, one tip per wanted
 * response (shown with the current topic), tips for the situation (a first 1on1, no topics from
 * the report yet), and the quiet-report kit when the report added no topics twice in a row.
 */
export const coachingSchema = z.object({
  audience: z.enum(tipAudiences),
  general: z.array(tipSchema),
  forTopic: z.object({ listen: tipSchema, advice: tipSchema, thinkTogether: tipSchema, decide: tipSchema, feedback: tipSchema }),
  situational: z.array(tipSchema),
  quietKit: z
    .object({
      tip: tipSchema,
      /** For the manager: themes to share in advance. */
      themes: z.array(bankQuestionSchema),
      /** For the manager: icebreakers to open with. */
      icebreakers: z.array(bankQuestionSchema),
      /** For the report: topic ideas to bring. */
      topicIdeas: z.array(z.string()),
    })
    .nullable(),
});
export type Coaching = z.infer<typeof coachingSchema>;

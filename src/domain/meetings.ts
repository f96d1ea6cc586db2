import { z } from 'zod';
import { checkInViewSchema, preQuestionSchema, topicSchema } from './agenda.js';
import { personRefSchema } from './employees.js';
import { bankQuestionSchema } from './questionBank.js';
import { meetingSchema } from './series.js';

// Response contracts of the meeting preparation endpoints, shared by the server (validation and
// OpenAPI) and the web client (types), so neither re-declares the other's fields.

/** A meeting with its agenda, pre-questions and check-in, as the caller may see them. */
export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  series: z.object({ id: z.string(), purpose: z.string(), manager: personRefSchema, report: personRefSchema, myRole: z.enum(['manager', 'report']) }),
  topics: z.array(topicSchema),
  preQuestions: z.array(preQuestionSchema),
  checkIn: checkInViewSchema.nullable(),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;


export const prepBriefSchema = z.object({
  meeting: meetingSchema,
  purpose: z.string(),
  report: personRefSchema,
  reportTopics: z.array(topicSchema),
  managerTopics: z.array(topicSchema),
  preQuestions: z.array(preQuestionSchema),
  condition: z.object({
    current: checkInViewSchema.nullable(),
    /** Median of the report's last 8 check-ins before this meeting. */
    baseline: z.number().nullable(),
    /** Oldest first, ending with the current one when there is one. */
    trend: z.array(z.object({ date: z.string(), score: z.number() })),
  }),
  lastMeeting: z
    .object({
      meeting: meetingSchema,
      topics: z.array(topicSchema),
      checkInScore: z.number().nullable(),
    })
    .nullable(),
  suggestedQuestions: z.array(bankQuestionSchema),
  /** Filled when action items land; empty until then. */
  actionItems: z.array(z.object({ id: z.string(), title: z.string() })),
  /** Filled when goals land; empty until then. */
  goals: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type PrepBrief = z.infer<typeof prepBriefSchema>;

export const homeTasks = ['addTopics', 'answerPreQuestions', 'checkIn', 'askPreQuestions', 'readPrepBrief'] as const;

export const upcomingSchema = z.object({
  meeting: meetingSchema,
  seriesId: z.string(),
  myRole: z.enum(['manager', 'report']),
  partner: personRefSchema,
  prep: z.object({
    reportTopics: z.number(),
    managerTopics: z.number(),
    preQuestions: z.number(),
    preQuestionsAnswered: z.number(),
    checkedIn: z.boolean(),
  }),
  /** What the caller is asked to do next for this meeting, most important first. */
  tasks: z.array(z.enum(homeTasks)),
});

export const homeSchema = z.object({
  upcoming: z.array(upcomingSchema),
  /** Direct reports who have no 1on1 series with the caller yet. */
  reportsWithoutSeries: z.array(personRefSchema),
  canCreateSeries: z.boolean(),
});
export type Home = z.infer<typeof homeSchema>;
export type HomeTask = (typeof homeTasks)[number];

import { z } from 'zod';
import { checkInViewSchema, preQuestionSchema, topicSchema } from './agenda.js';
import { goalSchema } from './goals.js';
import { personRefSchema } from './employees.js';
import { actionItemSchema, feedbackSchema, minutesStatuses } from './followUp.js';
import { bankQuestionSchema } from './questionBank.js';
import { managerSignalsSchema } from './formality.js';
import { meetingSchema } from './series.js';

// Response contracts of the meeting preparation endpoints, shared by the server (validation and
// OpenAPI) and the web client (types), so neither re-declares the other's fields.

/** A meeting with its agenda, pre-questions and check-in, as the caller may see them. */
export const meetingDetailSchema = z.object({
  meeting: meetingSchema,
  series: z.object({ id: z.string(), /** Null: the default purpose, in the reader's language. */ purpose: z.string().nullable(), manager: personRefSchema, report: personRefSchema, myRole: z.enum(['manager', 'report']) }),
  topics: z.array(topicSchema),
  preQuestions: z.array(preQuestionSchema),
  checkIn: checkInViewSchema.nullable(),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;


export const prepBriefSchema = z.object({
  meeting: meetingSchema,
  /** Null: the default purpose, in the reader's language. */
  purpose: z.string().nullable(),
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
  /** The pair's open action items (both sides), overdue first; the manager's support commitments are marked `support`. */
  actionItems: z.array(actionItemSchema),
  /** The latest minutes of an earlier meeting of the series (draft or shared), in short. */
  lastMinutes: z
    .object({
      meeting: z.object({ id: z.string(), startsAt: z.string() }),
      status: z.enum(minutesStatuses),
      /** The first lines of the minutes as plain text (headings and list marks removed). */
      summary: z.array(z.string()),
      /** The decisions and next steps the minutes recorded. */
      decisions: z.array(z.string()),
    })
    .nullable(),
  /** Feedback given in the pair (either direction) in the last `feedbackWindowDays` days, newest first. */
  recentFeedback: z.array(feedbackSchema),
  feedbackWindowDays: z.number().int(),
  /** The report's active goals; `entries` are those posted since the last meeting (`goalsSince`), newest first. */
  goals: z.array(goalSchema),
  /** When the last meeting started (null: no earlier meeting; then the latest 5 entries per goal). */
  goalsSince: z.string().nullable(),
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
  /** Formality signals of the series the caller holds as manager (never those where they are the report); null when they hold none. */
  signals: managerSignalsSchema.nullable(),
});
export type Home = z.infer<typeof homeSchema>;
export type HomeTask = (typeof homeTasks)[number];

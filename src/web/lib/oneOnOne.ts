import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckIn, checkInSchema, PreQuestion, Topic, TopicCategory, WantedResponse } from '../../domain/agenda.js';
import type { BankQuestion } from '../../domain/questionBank.js';
import type { Home, MeetingDetail, PrepBrief } from '../../domain/meetings.js';
import type { CancelCategory, extraMeetingSchema, Meeting, scheduleSchema, Series, seriesBulkCreateSchema, seriesCreateSchema, seriesUpdateSchema } from '../../domain/series.js';
import { api, client } from './api.js';

/**
 * The 1on1 part of the API shared by home, the series pages and the meeting pages: response types,
 * query options (one cache key per resource) and the calls that change things.
 */

export type { Home, HomeTask, MeetingDetail, PrepBrief } from '../../domain/meetings.js';
export type UpcomingMeeting = Home['upcoming'][number];

export interface MeetingPage {
  items: Meeting[];
  page: number;
  pageSize: number;
  total: number;
}

export type ScheduleInput = z.input<typeof scheduleSchema>;


export const homeQuery = queryOptions({
  queryKey: ['home'],
  queryFn: ({ signal }) => api<Home>(client.GET('/api/home', { signal })),
});

export const seriesListQuery = queryOptions({
  queryKey: ['series', 'list'],
  queryFn: ({ signal }) => api<{ items: Series[] }>(client.GET('/api/series', { signal })),
});

export function seriesQuery(id: string) {
  return queryOptions({
    queryKey: ['series', 'one', id],
    queryFn: ({ signal }) => api<Series>(client.GET('/api/series/{id}', { params: { path: { id } }, signal })),
  });
}

export function seriesMeetingsQuery(id: string, when: 'upcoming' | 'past', page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['series', 'meetings', id, when, page, pageSize],
    queryFn: ({ signal }) => api<MeetingPage>(client.GET('/api/series/{id}/meetings', { params: { path: { id }, query: { when, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function meetingQuery(id: string) {
  return queryOptions({
    queryKey: ['meetings', 'one', id],
    queryFn: ({ signal }) => api<MeetingDetail>(client.GET('/api/meetings/{id}', { params: { path: { id } }, signal })),
  });
}

export function prepBriefQuery(id: string) {
  return queryOptions({
    queryKey: ['meetings', 'prep', id],
    queryFn: ({ signal }) => api<PrepBrief>(client.GET('/api/meetings/{id}/prep-brief', { params: { path: { id } }, signal })),
  });
}

export const questionBankQuery = queryOptions({
  queryKey: ['questionBank'],
  queryFn: ({ signal }) => api<{ items: BankQuestion[] }>(client.GET('/api/question-bank', { signal })),
  staleTime: 10 * 60_000,
});

export function closedQuestionQuery(text: string) {
  return queryOptions({
    queryKey: ['questionBank', 'check', text],
    queryFn: ({ signal }) =>
      api<{ closed: boolean; openAlternative: string | null }>(client.POST('/api/question-bank/check', { body: { text }, signal })),
    staleTime: Infinity,
    enabled: text.length > 0,
  });
}

// ---- series ----

export function createSeries(body: z.input<typeof seriesCreateSchema>) {
  return api<Series>(client.POST('/api/series', { body }));
}

export function createSeriesForDepartment(body: z.input<typeof seriesBulkCreateSchema>) {
  return api<{ created: number; skipped: number }>(client.POST('/api/series/bulk', { body }));
}

export function updateSeries(id: string, body: z.input<typeof seriesUpdateSchema>) {
  return api<Series>(client.PATCH('/api/series/{id}', { params: { path: { id } }, body }));
}

export function changeSeriesStatus(id: string, action: 'pause' | 'resume' | 'end') {
  const path = `/api/series/{id}/${action}` as const;
  return api<Series>(client.POST(path, { params: { path: { id } } }));
}

/** The report's answer to a series offered by someone other than their primary manager. */
export function answerSeries(id: string, answer: 'accept' | 'decline') {
  const path = `/api/series/{id}/${answer}` as const;
  return api<Series>(client.POST(path, { params: { path: { id } } }));
}

export function requestExtraMeeting(seriesId: string, body: z.input<typeof extraMeetingSchema>) {
  return api<Meeting>(client.POST('/api/series/{id}/meetings', { params: { path: { id: seriesId } }, body }));
}

// ---- meetings ----

export function rescheduleMeeting(id: string, body: { startsAt: string; reason: string }) {
  return api<Meeting>(client.POST('/api/meetings/{id}/reschedule', { params: { path: { id } }, body }));
}

export function cancelMeeting(id: string, reason: string, category: CancelCategory) {
  return api<Meeting>(client.POST('/api/meetings/{id}/cancel', { params: { path: { id } }, body: { reason, category } }));
}

export function keepOriginalDate(id: string) {
  return api<Meeting>(client.POST('/api/meetings/{id}/keep-original-date', { params: { path: { id } } }));
}

export interface TopicInput {
  title: string;
  note?: string;
  category: TopicCategory;
  wantedResponse: WantedResponse;
  visibility: 'private' | 'pair';
  /** One of the report's active goals the topic is about (null: none). */
  goalId?: string | null;
  /** The author's answer when the title reads like a status report (false: not one); null when not asked. */
  statusReport?: boolean | null;
}

export function addTopic(meetingId: string, body: TopicInput) {
  return api<Topic>(client.POST('/api/meetings/{id}/topics', { params: { path: { id: meetingId } }, body }));
}

export function updateTopic(id: string, body: Partial<TopicInput>) {
  return api<Topic>(client.PATCH('/api/topics/{id}', { params: { path: { id } }, body }));
}

export function removeTopic(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/topics/{id}', { params: { path: { id } } }));
}

export function reorderTopics(meetingId: string, topicIds: string[]) {
  return api<{ topics: Topic[] }>(client.PUT('/api/meetings/{id}/topics/order', { params: { path: { id: meetingId } }, body: { topicIds } }));
}

export function sendPreQuestion(meetingId: string, body: { text: string; bankQuestionId?: string }) {
  return api<PreQuestion>(client.POST('/api/meetings/{id}/pre-questions', { params: { path: { id: meetingId } }, body }));
}

export function answerPreQuestion(id: string, answer: string) {
  return api<PreQuestion>(client.PUT('/api/pre-questions/{id}/answer', { params: { path: { id } }, body: { answer } }));
}

export function removePreQuestion(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/pre-questions/{id}', { params: { path: { id } } }));
}

export function saveCheckIn(meetingId: string, body: z.input<typeof checkInSchema>) {
  return api<CheckIn>(client.PUT('/api/meetings/{id}/check-in', { params: { path: { id: meetingId } }, body }));
}

/** Query keys to refresh after anything about a meeting or series changed (home counts, lists, the meeting). */
export const oneOnOneKeys = [['home'], ['series'], ['meetings']] as const;

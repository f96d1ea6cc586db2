import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { CheckIn, checkInSchema, PreQuestion, Topic, TopicCategory, WantedResponse } from '../../domain/agenda.js';
import type { BankQuestion } from '../../domain/questionBank.js';
import type { Home, MeetingDetail, PrepBrief } from '../../domain/meetings.js';
import type { extraMeetingSchema, Meeting, scheduleSchema, Series, seriesBulkCreateSchema, seriesCreateSchema, seriesUpdateSchema } from '../../domain/series.js';
import { api } from './api.js';

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

const enc = encodeURIComponent;

export const homeQuery = queryOptions({
  queryKey: ['home'],
  queryFn: ({ signal }) => api<Home>('/api/home', { signal }),
});

export const seriesListQuery = queryOptions({
  queryKey: ['series', 'list'],
  queryFn: ({ signal }) => api<{ items: Series[] }>('/api/series', { signal }),
});

export function seriesQuery(id: string) {
  return queryOptions({
    queryKey: ['series', 'one', id],
    queryFn: ({ signal }) => api<Series>(`/api/series/${enc(id)}`, { signal }),
  });
}

export function seriesMeetingsQuery(id: string, when: 'upcoming' | 'past', page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['series', 'meetings', id, when, page, pageSize],
    queryFn: ({ signal }) => api<MeetingPage>(`/api/series/${enc(id)}/meetings`, { query: { when, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function meetingQuery(id: string) {
  return queryOptions({
    queryKey: ['meetings', 'one', id],
    queryFn: ({ signal }) => api<MeetingDetail>(`/api/meetings/${enc(id)}`, { signal }),
  });
}

export function prepBriefQuery(id: string) {
  return queryOptions({
    queryKey: ['meetings', 'prep', id],
    queryFn: ({ signal }) => api<PrepBrief>(`/api/meetings/${enc(id)}/prep-brief`, { signal }),
  });
}

export const questionBankQuery = queryOptions({
  queryKey: ['questionBank'],
  queryFn: ({ signal }) => api<{ items: BankQuestion[] }>('/api/question-bank', { signal }),
  staleTime: 10 * 60_000,
});

export function closedQuestionQuery(text: string) {
  return queryOptions({
    queryKey: ['questionBank', 'check', text],
    queryFn: ({ signal }) =>
      api<{ closed: boolean; openAlternative: string | null }>('/api/question-bank/check', { method: 'POST', body: { text }, signal }),
    staleTime: Infinity,
    enabled: text.length > 0,
  });
}

// ---- series ----

export function createSeries(body: z.input<typeof seriesCreateSchema>) {
  return api<Series>('/api/series', { method: 'POST', body });
}

export function createSeriesForDepartment(body: z.input<typeof seriesBulkCreateSchema>) {
  return api<{ created: number; skipped: number }>('/api/series/bulk', { method: 'POST', body });
}

export function updateSeries(id: string, body: z.input<typeof seriesUpdateSchema>) {
  return api<Series>(`/api/series/${enc(id)}`, { method: 'PATCH', body });
}

export function changeSeriesStatus(id: string, action: 'pause' | 'resume' | 'end') {
  return api<Series>(`/api/series/${enc(id)}/${action}`, { method: 'POST', body: {} });
}

/** The report's answer to a series offered by someone other than their primary manager. */
export function answerSeries(id: string, answer: 'accept' | 'decline') {
  return api<Series>(`/api/series/${enc(id)}/${answer}`, { method: 'POST', body: {} });
}

export function requestExtraMeeting(seriesId: string, body: z.input<typeof extraMeetingSchema>) {
  return api<Meeting>(`/api/series/${enc(seriesId)}/meetings`, { method: 'POST', body });
}

// ---- meetings ----

export function rescheduleMeeting(id: string, body: { startsAt: string; reason: string }) {
  return api<Meeting>(`/api/meetings/${enc(id)}/reschedule`, { method: 'POST', body });
}

export function cancelMeeting(id: string, reason: string) {
  return api<Meeting>(`/api/meetings/${enc(id)}/cancel`, { method: 'POST', body: { reason } });
}

export function keepOriginalDate(id: string) {
  return api<Meeting>(`/api/meetings/${enc(id)}/keep-original-date`, { method: 'POST', body: {} });
}

export interface TopicInput {
  title: string;
  note?: string;
  category: TopicCategory;
  wantedResponse: WantedResponse;
  visibility: 'private' | 'pair';
}

export function addTopic(meetingId: string, body: TopicInput) {
  return api<Topic>(`/api/meetings/${enc(meetingId)}/topics`, { method: 'POST', body });
}

export function updateTopic(id: string, body: Partial<TopicInput>) {
  return api<Topic>(`/api/topics/${enc(id)}`, { method: 'PATCH', body });
}

export function removeTopic(id: string) {
  return api<{ ok: true }>(`/api/topics/${enc(id)}`, { method: 'DELETE' });
}

export function reorderTopics(meetingId: string, topicIds: string[]) {
  return api<{ topics: Topic[] }>(`/api/meetings/${enc(meetingId)}/topics/order`, { method: 'PUT', body: { topicIds } });
}

export function sendPreQuestion(meetingId: string, body: { text: string; bankQuestionId?: string }) {
  return api<PreQuestion>(`/api/meetings/${enc(meetingId)}/pre-questions`, { method: 'POST', body });
}

export function answerPreQuestion(id: string, answer: string) {
  return api<PreQuestion>(`/api/pre-questions/${enc(id)}/answer`, { method: 'PUT', body: { answer } });
}

export function removePreQuestion(id: string) {
  return api<{ ok: true }>(`/api/pre-questions/${enc(id)}`, { method: 'DELETE' });
}

export function saveCheckIn(meetingId: string, body: z.input<typeof checkInSchema>) {
  return api<CheckIn>(`/api/meetings/${enc(meetingId)}/check-in`, { method: 'PUT', body });
}

/** Query keys to refresh after anything about a meeting or series changed (home counts, lists, the meeting). */
export const oneOnOneKeys = [['home'], ['series'], ['meetings']] as const;

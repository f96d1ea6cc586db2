import { saveAsFile } from './download.js';
import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { Topic } from '../../domain/agenda.js';
import { localDateOf } from '../../domain/calendar.js';
import type {
  ActionItem,
  actionItemCreateSchema,
  ActionItemList,
  actionItemUpdateSchema,
  feedbackCreateSchema,
  feedbackUpdateSchema,
  FeedbackRecord,
  History,
  MeetingFlow,
  Minutes,
  MinutesRevision,
  PrivateNote,
  ReflectionView,
  SearchResultList,
} from '../../domain/followUp.js';
import type { MinutesNode } from '../../domain/minutesDocument.js';
import type { Meeting } from '../../domain/series.js';
import { api, apiAnswer, ApiError, client } from './api.js';

/**
 * The meeting itself and its follow-up (SPEC §3.3–3.4): flow, private note, feedback, action items,
 * minutes, reflection, history and search — response types, query options and the calls that change them.
 */

export type { ActionItem, FeedbackRecord, Minutes, PrivateNote, ReflectionView };

export type { FlowAbilities, MeetingFlow, MinutesRevision } from '../../domain/followUp.js';

export type HistoryItem = History['items'][number];
export type SearchResult = SearchResultList['items'][number];


/** Statuses in which a meeting has minutes (draft or shared). */
export const minutesStatuses: readonly Meeting['status'][] = ['minutesDraft', 'shared', 'acknowledged'];

export function hasMinutes(status: Meeting['status']): boolean {
  return minutesStatuses.includes(status);
}

// In the meeting room these are kept fresh by the room's event stream (useRoomLive), not by polling.

export function flowQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['meetings', 'flow', meetingId],
    queryFn: ({ signal }) => api<MeetingFlow>(client.GET('/api/meetings/{id}/flow', { params: { path: { id: meetingId } }, signal })),
  });
}

export function openActionItemsQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['actionItems', 'openFor', meetingId],
    queryFn: ({ signal }) => api<{ items: ActionItem[] }>(client.GET('/api/meetings/{id}/open-action-items', { params: { path: { id: meetingId } }, signal })),
  });
}

export function feedbackQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['feedback', meetingId],
    queryFn: ({ signal }) => api<{ items: FeedbackRecord[] }>(client.GET('/api/meetings/{id}/feedback', { params: { path: { id: meetingId } }, signal })),
  });
}

export function privateNoteQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['privateNote', meetingId],
    queryFn: ({ signal }) => api<PrivateNote>(client.GET('/api/meetings/{id}/private-note', { params: { path: { id: meetingId } }, signal })),
    staleTime: Infinity,
  });
}

export function actionItemsQuery(scope: 'mine' | 'support' | 'team', status: 'open' | 'done' | 'all', page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['actionItems', 'list', scope, status, page, pageSize],
    queryFn: ({ signal }) => api<ActionItemList>(client.GET('/api/action-items', { params: { query: { scope, status, page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function minutesQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['minutes', meetingId],
    queryFn: ({ signal }) => api<Minutes>(client.GET('/api/meetings/{id}/minutes', { params: { path: { id: meetingId } }, signal })),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function minutesRevisionsQuery(meetingId: string, enabled = true) {
  return queryOptions({
    queryKey: ['minutes', meetingId, 'revisions'],
    queryFn: ({ signal }) => api<{ items: MinutesRevision[] }>(client.GET('/api/meetings/{id}/minutes/revisions', { params: { path: { id: meetingId } }, signal })),
    enabled,
  });
}

export function reflectionQuery(meetingId: string, enabled = true) {
  return queryOptions({
    queryKey: ['reflection', meetingId],
    queryFn: ({ signal }) => api<ReflectionView>(client.GET('/api/meetings/{id}/reflection', { params: { path: { id: meetingId } }, signal })),
    enabled,
  });
}

export function historyQuery(seriesId: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['series', 'history', seriesId, page, pageSize],
    queryFn: ({ signal }) => api<History>(client.GET('/api/series/{id}/history', { params: { path: { id: seriesId }, query: { page, pageSize } }, signal })),
    placeholderData: keepPreviousData,
  });
}

export function searchQuery(q: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['search', q, page, pageSize],
    queryFn: ({ signal }) => api<SearchResultList>(client.GET('/api/search', { params: { query: { q, page, pageSize } }, signal })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

// ---- changes ----

export function startMeeting(id: string) {
  return api<MeetingFlow>(client.POST('/api/meetings/{id}/start', { params: { path: { id } } }));
}

/** Starts the meeting unless the partner already did (a 409 then just means "already started"). */
export async function startOrJoin(id: string): Promise<void> {
  try {
    await startMeeting(id);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) return;
    throw error;
  }
}

export function finishMeeting(id: string) {
  return api<MeetingFlow>(client.POST('/api/meetings/{id}/finish', { params: { path: { id } } }));
}

export function markDiscussed(topicId: string, discussed: boolean) {
  return api<Topic>(client.POST('/api/topics/{id}/discussed', { params: { path: { id: topicId } }, body: { discussed } }));
}

export function savePrivateNote(meetingId: string, body: string) {
  return api<PrivateNote>(client.PUT('/api/meetings/{id}/private-note', { params: { path: { id: meetingId } }, body: { body } }));
}

export interface FeedbackInput {
  kind: 'positive' | 'constructive';
  situation: string;
  behaviour: string;
  impact: string;
}

export function addFeedback(meetingId: string, body: z.input<typeof feedbackCreateSchema>) {
  return api<FeedbackRecord>(client.POST('/api/meetings/{id}/feedback', { params: { path: { id: meetingId } }, body }));
}

export function updateFeedback(id: string, body: z.input<typeof feedbackUpdateSchema>) {
  return api<FeedbackRecord>(client.PATCH('/api/feedback/{id}', { params: { path: { id } }, body }));
}

export function removeFeedback(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/feedback/{id}', { params: { path: { id } } }));
}

export function addActionItem(meetingId: string, body: z.input<typeof actionItemCreateSchema>) {
  return api<ActionItem>(client.POST('/api/meetings/{id}/action-items', { params: { path: { id: meetingId } }, body }));
}

export function updateActionItem(id: string, body: z.input<typeof actionItemUpdateSchema>) {
  return api<ActionItem>(client.PATCH('/api/action-items/{id}', { params: { path: { id } }, body }));
}

export function removeActionItem(id: string) {
  return api<{ ok: true }>(client.DELETE('/api/action-items/{id}', { params: { path: { id } } }));
}

export function shareMinutes(meetingId: string) {
  return api<Minutes>(client.POST('/api/meetings/{id}/minutes/share', { params: { path: { id: meetingId } } }));
}

export function acknowledgeMinutes(meetingId: string, comment: string) {
  return api<Minutes>(client.POST('/api/meetings/{id}/minutes/acknowledge', { params: { path: { id: meetingId } }, body: comment.trim() ? { comment: comment.trim() } : {} }));
}

/** `content` is the editor's whole document: its root node is always `doc`. */
export function correctMinutes(meetingId: string, content: MinutesNode, reason: string) {
  return api<Minutes>(client.POST('/api/meetings/{id}/minutes/corrections', { params: { path: { id: meetingId } }, body: { content: { ...content, type: 'doc' }, reason } }));
}

export function saveReflection(
  meetingId: string,
  body: { feltHeard?: number; useful?: number; ownListening?: number; gained?: string | null; improve?: string | null },
) {
  return api<ReflectionView>(client.PUT('/api/meetings/{id}/reflection', { params: { path: { id: meetingId } }, body }));
}

/**
 * Downloads the minutes as Markdown: fetched (so the server writes the header lines in the UI's
 * language) and handed to the browser as a file.
 */
export async function downloadMinutesMarkdown(meetingId: string): Promise<void> {
  const { data, response } = await apiAnswer(
    client.GET('/api/meetings/{id}/minutes.md', { params: { path: { id: meetingId } }, parseAs: 'blob', headers: { Accept: 'text/markdown' } }),
  );
  saveAsFile(data, response, 'minutes.md');
}

/** Keys to refresh after anything of the follow-up changed. */
export const followUpKeys = [['home'], ['series'], ['meetings'], ['actionItems'], ['feedback'], ['minutes'], ['reflection']] as const;

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDateOf(now, timeZone);
}

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
import i18n from '../i18n/index.js';
import { api, ApiError } from './api.js';

/**
 * The meeting itself and its follow-up (SPEC §3.3–3.4): flow, private note, feedback, action items,
 * minutes, reflection, history and search — response types, query options and the calls that change them.
 */

export type { ActionItem, FeedbackRecord, Minutes, PrivateNote, ReflectionView };

export type { FlowAbilities, MeetingFlow, MinutesRevision } from '../../domain/followUp.js';

export type HistoryItem = History['items'][number];
export type SearchResult = SearchResultList['items'][number];

const enc = encodeURIComponent;

/** Statuses in which a meeting has minutes (draft or shared). */
export const minutesStatuses: readonly Meeting['status'][] = ['minutesDraft', 'shared', 'acknowledged'];

export function hasMinutes(status: Meeting['status']): boolean {
  return minutesStatuses.includes(status);
}

// In the meeting room these are kept fresh by the room's event stream (useRoomLive), not by polling.

export function flowQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['meetings', 'flow', meetingId],
    queryFn: ({ signal }) => api<MeetingFlow>(`/api/meetings/${enc(meetingId)}/flow`, { signal }),
  });
}

export function openActionItemsQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['actionItems', 'openFor', meetingId],
    queryFn: ({ signal }) => api<{ items: ActionItem[] }>(`/api/meetings/${enc(meetingId)}/open-action-items`, { signal }),
  });
}

export function feedbackQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['feedback', meetingId],
    queryFn: ({ signal }) => api<{ items: FeedbackRecord[] }>(`/api/meetings/${enc(meetingId)}/feedback`, { signal }),
  });
}

export function privateNoteQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['privateNote', meetingId],
    queryFn: ({ signal }) => api<PrivateNote>(`/api/meetings/${enc(meetingId)}/private-note`, { signal }),
    staleTime: Infinity,
  });
}

export function actionItemsQuery(scope: 'mine' | 'support' | 'team', status: 'open' | 'done' | 'all', page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['actionItems', 'list', scope, status, page, pageSize],
    queryFn: ({ signal }) => api<ActionItemList>('/api/action-items', { query: { scope, status, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function minutesQuery(meetingId: string) {
  return queryOptions({
    queryKey: ['minutes', meetingId],
    queryFn: ({ signal }) => api<Minutes>(`/api/meetings/${enc(meetingId)}/minutes`, { signal }),
    retry: (count, error) => !(error instanceof ApiError && error.status < 500) && count < 2,
  });
}

export function minutesRevisionsQuery(meetingId: string, enabled = true) {
  return queryOptions({
    queryKey: ['minutes', meetingId, 'revisions'],
    queryFn: ({ signal }) => api<{ items: MinutesRevision[] }>(`/api/meetings/${enc(meetingId)}/minutes/revisions`, { signal }),
    enabled,
  });
}

export function reflectionQuery(meetingId: string, enabled = true) {
  return queryOptions({
    queryKey: ['reflection', meetingId],
    queryFn: ({ signal }) => api<ReflectionView>(`/api/meetings/${enc(meetingId)}/reflection`, { signal }),
    enabled,
  });
}

export function historyQuery(seriesId: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['series', 'history', seriesId, page, pageSize],
    queryFn: ({ signal }) => api<History>(`/api/series/${enc(seriesId)}/history`, { query: { page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function searchQuery(q: string, page: number, pageSize: number) {
  return queryOptions({
    queryKey: ['search', q, page, pageSize],
    queryFn: ({ signal }) => api<SearchResultList>('/api/search', { query: { q, page, pageSize }, signal }),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

// ---- changes ----

export function startMeeting(id: string) {
  return api<MeetingFlow>(`/api/meetings/${enc(id)}/start`, { method: 'POST', body: {} });
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
  return api<MeetingFlow>(`/api/meetings/${enc(id)}/finish`, { method: 'POST', body: {} });
}

export function markDiscussed(topicId: string, discussed: boolean) {
  return api<Topic>(`/api/topics/${enc(topicId)}/discussed`, { method: 'POST', body: { discussed } });
}

export function savePrivateNote(meetingId: string, body: string) {
  return api<PrivateNote>(`/api/meetings/${enc(meetingId)}/private-note`, { method: 'PUT', body: { body } });
}

export interface FeedbackInput {
  kind: 'positive' | 'constructive';
  situation: string;
  behaviour: string;
  impact: string;
}

export function addFeedback(meetingId: string, body: z.input<typeof feedbackCreateSchema>) {
  return api<FeedbackRecord>(`/api/meetings/${enc(meetingId)}/feedback`, { method: 'POST', body });
}

export function updateFeedback(id: string, body: z.input<typeof feedbackUpdateSchema>) {
  return api<FeedbackRecord>(`/api/feedback/${enc(id)}`, { method: 'PATCH', body });
}

export function removeFeedback(id: string) {
  return api<{ ok: true }>(`/api/feedback/${enc(id)}`, { method: 'DELETE' });
}

export function addActionItem(meetingId: string, body: z.input<typeof actionItemCreateSchema>) {
  return api<ActionItem>(`/api/meetings/${enc(meetingId)}/action-items`, { method: 'POST', body });
}

export function updateActionItem(id: string, body: z.input<typeof actionItemUpdateSchema>) {
  return api<ActionItem>(`/api/action-items/${enc(id)}`, { method: 'PATCH', body });
}

export function removeActionItem(id: string) {
  return api<{ ok: true }>(`/api/action-items/${enc(id)}`, { method: 'DELETE' });
}

export function shareMinutes(meetingId: string) {
  return api<Minutes>(`/api/meetings/${enc(meetingId)}/minutes/share`, { method: 'POST', body: {} });
}

export function acknowledgeMinutes(meetingId: string, comment: string) {
  return api<Minutes>(`/api/meetings/${enc(meetingId)}/minutes/acknowledge`, {
    method: 'POST',
    body: comment.trim() ? { comment: comment.trim() } : {},
  });
}

export function correctMinutes(meetingId: string, content: MinutesNode, reason: string) {
  return api<Minutes>(`/api/meetings/${enc(meetingId)}/minutes/corrections`, { method: 'POST', body: { content, reason } });
}

export function saveReflection(
  meetingId: string,
  body: { feltHeard?: number; useful?: number; ownListening?: number; gained?: string | null; improve?: string | null },
) {
  return api<ReflectionView>(`/api/meetings/${enc(meetingId)}/reflection`, { method: 'PUT', body });
}

/**
 * Downloads the minutes as Markdown: fetched (so the server writes the header lines in the UI's
 * language) and handed to the browser as a file.
 */
export async function downloadMinutesMarkdown(meetingId: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`/api/meetings/${enc(meetingId)}/minutes.md`, {
      credentials: 'same-origin',
      headers: { Accept: 'text/markdown', 'Accept-Language': i18n.language || 'ja' },
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok) {
    const data: unknown = await response.json().catch(() => null);
    const message = (data as { error?: { message?: string } } | null)?.error?.message;
    throw new ApiError(response.status, 'internal', message ?? i18n.t('errors.unexpected', { status: response.status }));
  }
  const disposition = response.headers.get('content-disposition') ?? '';
  const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? 'minutes.md';
  const url = URL.createObjectURL(await response.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Keys to refresh after anything of the follow-up changed. */
export const followUpKeys = [['home'], ['series'], ['meetings'], ['actionItems'], ['feedback'], ['minutes'], ['reflection']] as const;

/** Today's calendar date (YYYY-MM-DD) in a time zone. */
export function todayIn(timeZone: string, now = new Date()): string {
  return localDateOf(now, timeZone);
}

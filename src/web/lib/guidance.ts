import { queryOptions } from '@tanstack/react-query';
import type { Coaching } from '../../domain/coaching.js';
import type { ManagedQuestion, QuestionCategory, QuestionDepth } from '../../domain/questionBank.js';
import { api } from './api.js';

/**
 * The guidance part of the API: coaching for one meeting (in the caller's language and for the
 * caller's side only, decided by the server) and hr's management of the question bank.
 */

/** Coaching tips for this meeting; the key carries the language because the server writes the text. */
export function coachingQuery(meetingId: string, language: string) {
  return queryOptions({
    queryKey: ['coaching', meetingId, language],
    queryFn: ({ signal }) => api<Coaching>(`/api/meetings/${encodeURIComponent(meetingId)}/coaching`, { signal }),
    staleTime: 60_000,
  });
}

export interface BankFilters {
  category?: QuestionCategory | null;
  depth?: QuestionDepth | null;
  q?: string;
  status?: 'all' | 'visible' | 'hidden' | 'edited' | 'own';
}

/** Every question with its state, for hr's bank page. */
export function managedBankQuery(filters: BankFilters) {
  return queryOptions({
    queryKey: ['questionBank', 'manage', filters],
    queryFn: ({ signal }) => api<{ items: ManagedQuestion[] }>('/api/question-bank/manage', { query: { ...filters }, signal }),
  });
}

/** hr adds a question of its own. */
export function addBankQuestion(body: { category: QuestionCategory; depth: QuestionDepth; ja: string; en: string }) {
  return api<ManagedQuestion>('/api/question-bank', { method: 'POST', body });
}

/** hr rewords, recategorises, hides or shows a question. */
export function updateBankQuestion(id: string, body: Partial<{ category: QuestionCategory; depth: QuestionDepth; ja: string; en: string; hidden: boolean }>) {
  return api<ManagedQuestion>(`/api/question-bank/${encodeURIComponent(id)}`, { method: 'PATCH', body });
}

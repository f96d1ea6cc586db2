import { queryOptions } from '@tanstack/react-query';
import type { AgendaTemplate, AgendaTemplateId } from '../../domain/agendaTemplates.js';
import type { Coaching } from '../../domain/coaching.js';
import type { ManagedQuestion, QuestionCategory, QuestionDepth } from '../../domain/questionBank.js';
import { api, client } from './api.js';

/**
 * The guidance part of the API: coaching for one meeting (in the caller's language and for the
 * caller's side only, decided by the server) and hr's management of the question bank.
 */

/** Coaching tips for this meeting; the key carries the language because the server writes the text. */
export function coachingQuery(meetingId: string, language: string) {
  return queryOptions({
    queryKey: ['coaching', meetingId, language],
    queryFn: ({ signal }) => api<Coaching>(client.GET('/api/meetings/{id}/coaching', { params: { path: { id: meetingId } }, signal })),
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
    queryFn: ({ signal }) => api<{ items: ManagedQuestion[] }>(client.GET('/api/question-bank/manage', { params: { query: { ...filters, category: filters.category ?? undefined, depth: filters.depth ?? undefined } }, signal })),
  });
}

/** hr adds a question of its own. */
export function addBankQuestion(body: { category: QuestionCategory; depth: QuestionDepth; ja: string; en: string }) {
  return api<ManagedQuestion>(client.POST('/api/question-bank', { body }));
}

/** hr rewords, recategorises, hides or shows a question. */
export function updateBankQuestion(id: string, body: Partial<{ category: QuestionCategory; depth: QuestionDepth; ja: string; en: string; hidden: boolean }>) {
  return api<ManagedQuestion>(client.PATCH('/api/question-bank/{id}', { params: { path: { id } }, body }));
}

/** The agenda templates the caller may apply (hr and admins also see hidden ones). */
export const agendaTemplatesQuery = queryOptions({
  queryKey: ['agendaTemplates'],
  queryFn: ({ signal }) => api<{ items: AgendaTemplate[]; abilities: { manage: boolean } }>(client.GET('/api/agenda-templates', { signal })),
  staleTime: 5 * 60_000,
});

/** Adds a template's topics to the meeting as the caller's own shared topics. */
export function applyAgendaTemplate(meetingId: string, templateId: AgendaTemplateId) {
  return api<{ topicIds: string[] }>(client.POST('/api/meetings/{id}/apply-template', { params: { path: { id: meetingId } }, body: { templateId } }));
}

/** hr rewrites a template's names or topics, or hides / shows it. */
export function updateAgendaTemplate(id: AgendaTemplateId, body: Partial<Pick<AgendaTemplate, 'nameJa' | 'nameEn' | 'topics' | 'hidden'>>) {
  return api<AgendaTemplate>(client.PATCH('/api/agenda-templates/{id}', { params: { path: { id } }, body }));
}

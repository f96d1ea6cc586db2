import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import type { z } from 'zod';
import type { feedbackLogSchema, Goal, goalCreateSchema, GoalRef, goalUpdateSchema } from '../../domain/goals.js';
import { api, client } from './api.js';

/** Goals (SPEC §6) and the feedback log: query options and the calls that change them. */
export type { Goal, GoalRef };
export type GoalEntry = Goal['entries'][number];
export type FeedbackLog = z.infer<typeof feedbackLogSchema>;

/** My goals (no owner) or the goals of a person whose 1on1 partner I am. */
export function goalsQuery(status: 'active' | 'archived', ownerId?: string) {
  return queryOptions({
    queryKey: ['goals', ownerId ?? 'mine', status],
    queryFn: ({ signal }) => api<{ items: Goal[] }>(client.GET('/api/goals', { params: { query: { status, ...(ownerId ? { ownerId } : {}) } }, signal })),
  });
}

export function createGoal(body: z.input<typeof goalCreateSchema>) {
  return api<Goal>(client.POST('/api/goals', { body }));
}

export function updateGoal(id: string, body: z.input<typeof goalUpdateSchema>) {
  return api<Goal>(client.PATCH('/api/goals/{id}', { params: { path: { id } }, body }));
}

/** The body as the form sends it (only the fields it fills in). */
export type GoalEntryInput = { keyResultId?: string; value?: number; comment?: string };

export function postGoalEntry(id: string, body: GoalEntryInput) {
  return api<Goal>(client.POST('/api/goals/{id}/updates', { params: { path: { id } }, body }));
}

export function feedbackLogQuery(direction: 'received' | 'given', page: number, pageSize: number, personId?: string) {
  return queryOptions({
    queryKey: ['feedbackLog', direction, personId ?? 'all', page, pageSize],
    queryFn: ({ signal }) =>
      api<FeedbackLog>(client.GET('/api/feedback-log', { params: { query: { direction, page, pageSize, ...(personId ? { personId } : {}) } }, signal })),
    placeholderData: keepPreviousData,
  });
}

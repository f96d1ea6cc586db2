import { queryOptions } from '@tanstack/react-query';
import type { TalkBalance, TalkInterval, TalkMode } from '../../domain/talkBalance.js';
import { api, client } from './api.js';

/** Talk balance (ADR 0190): the meeting's figure and settings, the calls that change them, the manager's trend. */
export type { TalkBalance, TalkInterval, TalkMode };

export const talkQuery = (meetingId: string) =>
  queryOptions({ queryKey: ['talk', meetingId], queryFn: ({ signal }) => api<TalkBalance>(client.GET('/api/meetings/{id}/talk', { params: { path: { id: meetingId } }, signal })) });

/** Opts the caller in or out, or sets the pair's mode or cue share. */
export const setTalk = (meetingId: string, body: { consent?: boolean; mode?: TalkMode; cueShare?: number }) =>
  api<TalkBalance>(client.PUT('/api/meetings/{id}/talk', { params: { path: { id: meetingId } }, body }));

/** Sends the caller's own speaking intervals: timing and level, nothing else. */
export const sendTalkIntervals = (meetingId: string, intervals: TalkInterval[]) =>
  api<TalkBalance>(client.POST('/api/meetings/{id}/talk/intervals', { params: { path: { id: meetingId } }, body: { intervals } }));

export interface TalkTrendItem {
  meetingId: string;
  startsAt: string;
  reportName: string;
  managerShare: number;
  cueShare: number;
}
export const talkTrendQuery = () =>
  queryOptions({ queryKey: ['talk', 'trend'], queryFn: ({ signal }) => api<{ items: TalkTrendItem[] }>(client.GET('/api/me/talk-trend', { signal })) });

export type TalkAggregate =
  | { status: 'withheld'; minimum: number }
  | { status: 'shown'; managers: number; meetings: number; averageManagerShare: number; withinCue: number };
/** hr/admin: the organisation's aggregate, or `withheld` under five managers. */
export const talkAggregateQuery = () =>
  queryOptions({ queryKey: ['talk', 'aggregate'], queryFn: ({ signal }) => api<TalkAggregate>(client.GET('/api/talk-balance/aggregate', { signal })) });

import { describe, expect, it } from 'vitest';
import { feltHeardNudge, formalityNudges, formalityThresholds as t, looksLikeStatusReport, sumFigures, type FormalityFigures } from './formality.js';

/** A healthy series: every signal below its threshold. */
const healthy: FormalityFigures = {
  planned: 8,
  held: 8,
  cancelled: 0,
  rescheduled: 0,
  prepared: 8,
  topics: 12,
  reportTopics: 8,
  statusTopics: 1,
  meetingsWithTopics: 8,
  statusMeetings: 0,
  actionItems: 6,
  actionItemsDone: 5,
  purposeStale: 0,
  series: 1,
  purposeAgeDays: 20,
};
const kinds = (f: Partial<FormalityFigures>) => formalityNudges({ ...healthy, ...f }).map((n) => n.kind);

describe('formality thresholds: each signal on both sides of its line', () => {
  it('a healthy series has no nudge', () => expect(kinds({})).toEqual([]));

  it('status reports: at least 3 meetings and half of those with topics', () => {
    expect(formalityNudges({ ...healthy, statusMeetings: 3, meetingsWithTopics: 4, statusTopics: 7, topics: 9 })).toEqual([
      { kind: 'statusReport', n: 3, of: 4, n2: 7, of2: 9 },
    ]);
    expect(kinds({ statusMeetings: 2, meetingsWithTopics: 4 })).toEqual([]);
    expect(kinds({ statusMeetings: 3, meetingsWithTopics: 7 })).toEqual([]);
    expect(kinds({ statusMeetings: 4, meetingsWithTopics: 8 })).toEqual(['statusReport']);
  });

  it('cancellations: 2 or more and a quarter of the planned; they explain the cadence, which is not said twice', () => {
    expect(kinds({ cancelled: 2, held: 6 })).toEqual(['cancellations']);
    expect(kinds({ cancelled: 1, held: 7 })).toEqual([]);
    expect(kinds({ planned: 12, cancelled: 2, held: 10 })).toEqual([]);
    expect(kinds({ planned: 3, cancelled: 2, held: 1 })).toEqual([]);
  });

  it('cadence: held under three quarters of planned (meetings that simply did not happen)', () => {
    expect(kinds({ held: 5, prepared: 5, meetingsWithTopics: 5 })).toEqual(['cadence']);
    expect(kinds({ held: 6, prepared: 6, meetingsWithTopics: 6 })).toEqual([]);
  });

  it('topics by the report: under 40% once there are 4 topics', () => {
    expect(formalityNudges({ ...healthy, reportTopics: 2, topics: 9 })).toEqual([{ kind: 'reportTopics', n: 2, of: 9, n2: null, of2: null }]);
    expect(kinds({ reportTopics: 4, topics: 10 })).toEqual([]);
    expect(kinds({ reportTopics: 0, topics: 3 })).toEqual([]);
  });

  it('agenda prepared in advance: under half of the held meetings', () => {
    expect(kinds({ prepared: 3 })).toEqual(['agenda']);
    expect(kinds({ prepared: 4 })).toEqual([]);
    expect(kinds({ held: 2, planned: 2, prepared: 0, meetingsWithTopics: 2 })).toEqual([]);
  });

  it('action items: under half done once 3 are due', () => {
    expect(kinds({ actionItems: 5, actionItemsDone: 2 })).toEqual(['actionItems']);
    expect(kinds({ actionItems: 4, actionItemsDone: 2 })).toEqual([]);
    expect(kinds({ actionItems: 2, actionItemsDone: 0 })).toEqual([]);
  });

  it('purpose not written or confirmed for a quarter; reschedules from 3', () => {
    expect(formalityNudges({ ...healthy, purposeStale: 1, purposeAgeDays: 120 })).toEqual([{ kind: 'purpose', n: 1, of: 1, n2: 120, of2: null }]);
    expect(kinds({ rescheduled: 3 })).toEqual(['reschedules']);
    expect(kinds({ rescheduled: 2 })).toEqual([]);
    expect(kinds({ planned: 16, held: 16, prepared: 16, meetingsWithTopics: 16, rescheduled: 3 })).toEqual([]);
  });

  it('most telling first', () => {
    expect(kinds({ statusMeetings: 5, cancelled: 3, held: 5, prepared: 1, reportTopics: 1, actionItemsDone: 0, purposeStale: 1 })).toEqual([
      'statusReport',
      'cancellations',
      'reportTopics',
      'agenda',
      'actionItems',
      'purpose',
    ]);
  });

  it('felt heard: only two shown averages, a drop of at least 0.5', () => {
    const base = { month: '2026-10', previousMonth: '2026-09', hiddenReason: null };
    expect(feltHeardNudge({ ...base, average: 3.4, previous: 4.0 })).toEqual({ kind: 'feltHeard', n: 3.4, of: 4, n2: null, of2: null });
    expect(feltHeardNudge({ ...base, average: 3.6, previous: 4.0 })).toBeNull();
    expect(feltHeardNudge({ ...base, average: null, previous: 4.5, hiddenReason: 'tooFew' })).toBeNull();
    expect(t.feltHeardDropAtLeast).toBe(0.5);
  });

  it('a manager’s figures are the sums of their series', () => {
    const sum = sumFigures([healthy, { ...healthy, cancelled: 3, purposeStale: 1 }]);
    expect(sum).toMatchObject({ planned: 16, cancelled: 3, purposeStale: 1, series: 2, purposeAgeDays: null });
  });
});

describe('status wording', () => {
  it.each(['今週の進捗', 'タスク完了の報告', 'Status update', 'What got DONE', 'ステータス共有'])('%s reads as a status report', (title) => expect(looksLikeStatusReport(title)).toBe(true));
  it.each(['来期のキャリアについて', 'Career plans', '最近の働き方で気になっていること'])('%s does not', (title) => expect(looksLikeStatusReport(title)).toBe(false));
});

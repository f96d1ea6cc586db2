import { beforeAll, describe, expect, it } from 'vitest';
import type { PreQuestion, Topic } from '../../../domain/agenda.js';
import { bankQuestion } from '../../../domain/questionBank.js';
import type { ActionItem, FeedbackRecord } from '../../../domain/followUp.js';
import type { Series } from '../../../domain/series.js';
import { addDays } from '../../../domain/calendar.js';
import { feedbackRecords, minutes } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { countQueries, testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { consentToCheckIns, insertPastMeeting, meetingsOf, tokyoToday, weeklySchedule } from '../../test/series.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
type Brief = {
  meeting: { id: string; seriesId: string };
  purpose: string | null;
  report: { id: string };
  reportTopics: Topic[];
  managerTopics: Topic[];
  preQuestions: PreQuestion[];
  condition: { current: { score: number; comment: string | null } | null; baseline: number | null; trend: { date: string; score: number }[] };
  lastMeeting: { meeting: { id: string }; topics: Topic[]; checkInScore: number | null } | null;
  suggestedQuestions: { id: string }[];
  actionItems: ActionItem[];
  lastMinutes: { meeting: { id: string; startsAt: string }; status: string; summary: string[]; decisions: string[] } | null;
  recentFeedback: FeedbackRecord[];
  feedbackWindowDays: number;
  goals: { id: string }[];
  goalsSince: string | null;
};
const DRAFT = 'まだ言えない悩み(下書き)';

describe.skipIf(noDatabase)('prep brief API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let meetingId: string;
  let lastHeld: string;
  let seriesId: string;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));

    // The manager starts a weekly series with the report.
    const created = await call<Series>(app, 'POST', '/api/series', { cookie: cookies.partner, body: { reportId: org.self.id, schedule: weeklySchedule(1) } });
    expect(created.status).toBe(201);
    seriesId = created.body.id;
    const generated = await meetingsOf(database.db, seriesId);
    expect(generated.length).toBeGreaterThanOrEqual(13);
    meetingId = generated[0]!.id;

    // Ten earlier meetings with check-ins, oldest first; then a cancelled one without.
    const scores = [1, 1, 3, 3, 4, 4, 4, 5, 5, 5];
    for (const [i, score] of scores.entries()) {
      const id = await insertPastMeeting(database.db, { seriesId: created.body.id, reportId: org.self.id, daysAgo: 7 * (scores.length - i), score });
      if (i === scores.length - 1) lastHeld = id;
    }
    await insertPastMeeting(database.db, { seriesId: created.body.id, reportId: org.self.id, daysAgo: 2, status: 'cancelled' });

    // The report prepares: a shared topic, a private draft, an answer and a check-in.
    const shared = await call<Topic>(app, 'POST', `/api/meetings/${meetingId}/topics`, {
      cookie: cookies.self,
      body: { title: '来期の役割について', category: 'career', wantedResponse: 'listen' },
    });
    expect(shared.status).toBe(201);
    await call(app, 'POST', `/api/meetings/${meetingId}/topics`, { cookie: cookies.self, body: { title: DRAFT, category: 'condition', wantedResponse: 'advice', visibility: 'private' } });
    await call(app, 'POST', `/api/meetings/${meetingId}/topics`, { cookie: cookies.partner, body: { title: '新しいプロジェクトの件', category: 'goals', wantedResponse: 'decide' } });
    const q = await call<PreQuestion>(app, 'POST', `/api/meetings/${meetingId}/pre-questions`, {
      cookie: cookies.partner,
      body: { text: bankQuestion('cond-2')!.ja, bankQuestionId: 'cond-2' },
    });
    expect(q.status).toBe(201);
    expect((await call(app, 'PUT', `/api/pre-questions/${q.body.id}/answer`, { cookie: cookies.self, body: { answer: '忙しいが充実している' } })).status).toBe(200);
    await consentToCheckIns(database.db, org.self.id);
    expect((await call(app, 'PUT', `/api/meetings/${meetingId}/check-in`, { cookie: cookies.self, body: { score: 2, comment: '寝不足' } })).status).toBe(200);

    // Next steps of both sides agreed in the last meeting: one overdue, one the manager's support, one already done.
    const addItem = async (cookie: string | null, body: Record<string, unknown>) => {
      const res = await call<ActionItem>(app, 'POST', `/api/meetings/${lastHeld}/action-items`, { cookie, body });
      expect(res.status).toBe(201);
      return res.body;
    };
    await addItem(cookies.self, { ownerId: org.self.id, title: '資料を読む', dueDate: addDays(tokyoToday(), 10) });
    await addItem(cookies.partner, { ownerId: org.partner.id, title: '研修の枠を確保する', support: true });
    await addItem(cookies.self, { ownerId: org.self.id, title: '先週の振り返りを書く', dueDate: addDays(tokyoToday(), -3) });
    const done = await addItem(cookies.partner, { ownerId: org.self.id, title: '終わった件' });
    expect((await call(app, 'PATCH', `/api/action-items/${done.id}`, { cookie: cookies.self, body: { status: 'done' } })).status).toBe(200);

    // The last meeting's minutes, and feedback: one recent, one from long ago.
    await database.db.insert(minutes).values({
      meetingId: lastHeld,
      status: 'shared',
      body: '# 1on1 議事録\n\n## 話したこと\n\n- 異動の希望\n\n## 決めたこと・アクションアイテム\n\n- [ ] 資料を読む(担当:本人)\n',
    });
    const fb = await call(app, 'POST', `/api/meetings/${lastHeld}/feedback`, {
      cookie: cookies.partner,
      body: { kind: 'positive', receiverId: org.self.id, situation: '顧客デモで', behaviour: '落ち着いて答えた', impact: '契約が進んだ' },
    });
    expect(fb.status).toBe(201);
    await database.db.insert(feedbackRecords).values({
      seriesId,
      meetingId: null,
      giverId: org.partner.id,
      receiverId: org.self.id,
      kind: 'constructive',
      situation: '昔の会議で',
      behaviour: '遅刻した',
      impact: '待たせた',
      createdAt: new Date(Date.now() - 120 * 86_400_000),
    });
  });

  it.each(viewers)('%s', async (viewer) => {
    const res = await call<Brief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    if (viewer === 'self') return void expectError(res, 403, 'forbidden');
    if (viewer !== 'partner') {
      expectError(res, 404, 'not_found');
      expect(res.text).not.toContain('来期の役割');
      return;
    }
    expect(res.status).toBe(200);
    expect(res.text).not.toContain(DRAFT);
  });

  it('acceptance: the report’s shared topic with its wanted response, the answer, the check-in and the baseline of earlier check-ins', async () => {
    const res = await call<Brief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
    expect(res.status).toBe(200);
    const b = res.body;
    expect(b.meeting.id).toBe(meetingId);
    // No purpose was written: the brief says so with null, and the page shows the default in the reader's language.
    expect(b.purpose).toBeNull();
    expect(b.report.id).toBe(org.self.id);
    expect(b.reportTopics.map((t) => [t.title, t.category, t.wantedResponse, t.authorRole])).toEqual([['来期の役割について', 'career', 'listen', 'report']]);
    expect(b.managerTopics.map((t) => [t.title, t.wantedResponse])).toEqual([['新しいプロジェクトの件', 'decide']]);
    expect(b.preQuestions.map((q) => [q.text, q.answer, q.closed])).toEqual([[bankQuestion('cond-2')!.ja, '忙しいが充実している', false]]);
    expect(b.condition.current).toMatchObject({ score: 2, comment: '寝不足' });
    // The last 8 earlier check-ins are 3,3,4,4,4,5,5,5: the median is 4 (the two oldest 1s do not count).
    expect(b.condition.baseline).toBe(4);
    expect(b.condition.trend.map((t) => t.score)).toEqual([1, 1, 3, 3, 4, 4, 4, 5, 5, 5, 2]);
    const dates = b.condition.trend.map((t) => t.date);
    expect([...dates].sort()).toEqual(dates);
    // The last meeting held (the cancelled one after it is skipped).
    expect(b.lastMeeting).toMatchObject({ meeting: { id: lastHeld }, topics: [], checkInScore: 5 });
    // Suggestions fit the report's topic categories, open questions only.
    expect(b.suggestedQuestions.map((q) => q.id)).toEqual(['career-1', 'career-2']);
    expect(res.text).not.toContain(DRAFT);
  });

  it('lists the open action items of both sides, overdue first, with the manager’s support marked; done items are left out', async () => {
    const b = (await call<Brief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner })).body;
    expect(b.actionItems.map((a) => [a.title, a.ownerRole, a.overdue, a.support])).toEqual([
      ['先週の振り返りを書く', 'report', true, false],
      ['資料を読む', 'report', false, false],
      ['研修の枠を確保する', 'manager', false, true],
    ]);
    // The same items, in the same order and shape, as the manager's own list of their team's open items.
    const team = (await call<{ items: ActionItem[] }>(app, 'GET', '/api/action-items?scope=team&status=open&pageSize=100', { cookie: cookies.partner })).body;
    expect(b.actionItems).toEqual(team.items.filter((a) => a.seriesId === b.meeting.seriesId));
    // The report has no goals yet: the brief lists none (goals.test.ts covers a goal with updates).
    expect(b.goals).toEqual([]);
  });

  it('gives the last minutes in short with a link target, and the feedback of the last 90 days only', async () => {
    const b = (await call<Brief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner })).body;
    expect(b.lastMinutes).toMatchObject({ meeting: { id: lastHeld }, status: 'shared', summary: ['異動の希望'], decisions: ['資料を読む(担当:本人)'] });
    expect(b.feedbackWindowDays).toBe(90);
    expect(b.recentFeedback.map((f) => [f.kind, f.behaviour, f.giver.id, f.receiver.id])).toEqual([['positive', '落ち着いて答えた', org.partner.id, org.self.id]]);
  });

  it('keeps to a few SQL statements however many items, minutes and feedback the pair has', async () => {
    const brief = () => call<Brief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
    const first = await countQueries(database.pool, brief);
    for (let i = 0; i < 5; i++) {
      await call(app, 'POST', `/api/meetings/${lastHeld}/action-items`, { cookie: cookies.partner, body: { ownerId: org.self.id, title: `追加 ${i}` } });
      await call(app, 'POST', `/api/meetings/${lastHeld}/feedback`, {
        cookie: cookies.self,
        body: { kind: 'positive', receiverId: org.partner.id, situation: 's', behaviour: `b${i}`, impact: 'i' },
      });
    }
    const second = await countQueries(database.pool, brief);
    expect(second.result.body.actionItems.length).toBe(first.result.body.actionItems.length + 5);
    expect(second.result.body.recentFeedback.length).toBe(first.result.body.recentFeedback.length + 5);
    expect(second.queries.length).toBe(first.queries.length);
    // Session, actor, meeting, agenda and the brief's own reads: a fixed budget.
    expect(first.queries.length).toBeLessThanOrEqual(24);
  });

  it('a cancelled meeting has no brief; an unknown one is 404', async () => {
    const later = (await meetingsOf(database.db, seriesId)).at(-1)!;
    expect((await call(app, 'POST', `/api/meetings/${later.id}/cancel`, { cookie: cookies.partner, body: { reason: '休暇' } })).status).toBe(200);
    expectError(await call(app, 'GET', `/api/meetings/${later.id}/prep-brief`, { cookie: cookies.partner }), 403, 'forbidden');
    expectError(await call(app, 'GET', '/api/meetings/00000000-0000-4000-8000-000000000000/prep-brief', { cookie: cookies.partner }), 404, 'not_found');
  });

  it('without earlier check-ins the baseline is null and the brief suggests condition, work and career questions', async () => {
    const created = await call<Series>(app, 'POST', '/api/series', { cookie: cookies.partner, body: { reportId: org.otherReport.id, schedule: weeklySchedule(2) } });
    const [first] = await meetingsOf(database.db, created.body.id);
    const res = await call<Brief>(app, 'GET', `/api/meetings/${first!.id}/prep-brief`, { cookie: cookies.partner });
    expect(res.body.condition).toEqual({ current: null, baseline: null, trend: [] });
    expect(res.body.lastMeeting).toBeNull();
    expect(res.body.reportTopics).toEqual([]);
    expect(res.body.suggestedQuestions.map((q) => q.id)).toEqual(['cond-1', 'cond-2', 'work-1', 'work-2', 'career-1', 'career-2']);
  });
});

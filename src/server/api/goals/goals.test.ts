import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../../../domain/agenda.js';
import type { FeedbackRecord } from '../../../domain/followUp.js';
import type { Goal } from '../../../domain/goals.js';
import type { PrepBrief } from '../../../domain/meetings.js';
import { goalUpdates, meetings, series } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectRefused, outsiders, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const okr = {
  kind: 'okr',
  title: '顧客満足度を高める',
  description: '問い合わせ対応を速くする',
  keyResults: [
    { title: '一次回答までの時間', startValue: 24, target: 4, unit: '時間' },
    { title: 'NPS', target: 40 },
  ],
};

describe.skipIf(noDatabase)('goals', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let meetingIds: string[];

  async function create(cookie: string | null, body: object = okr) {
    const res = await call<Goal>(app, 'POST', '/api/goals', { cookie, body });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id }));
    meetingIds = (await meetingsOf(database.db, seriesId)).map((m) => m.id);
  });

  it('the owner creates an OKR goal with key results; progress is the key results’ mean', async () => {
    const g = await create(cookies.self);
    expect(g).toMatchObject({ kind: 'okr', title: okr.title, status: 'active', progress: 0, owner: { id: org.self.id } });
    expect(g.keyResults.map((k) => [k.title, k.startValue, k.current, k.target])).toEqual([
      ['一次回答までの時間', 24, 24, 4],
      ['NPS', 0, 0, 40],
    ]);
    expect(g.abilities).toEqual({ edit: true, updateProgress: true, comment: true });
    const [, nps] = g.keyResults;
    const posted = await call<Goal>(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { keyResultId: nps!.id, value: 20, comment: '調査を実施' } });
    expect(posted.status, posted.text).toBe(201);
    expect(posted.body.progress).toBe(25);
    expect(posted.body.keyResults[1]).toMatchObject({ current: 20, progress: 50 });
    expect(posted.body.entries[0]).toMatchObject({ kind: 'progress', value: 20, comment: '調査を実施', keyResultTitle: 'NPS', author: { id: org.self.id } });
  });

  it('an MBO goal without key results takes a percentage; archiving hides it from the active list', async () => {
    const g = await create(cookies.self, { kind: 'mbo', title: '新人の育成', description: '3か月で独り立ち', weight: 30 });
    expect(g).toMatchObject({ weight: 30, keyResults: [] });
    const posted = await call<Goal>(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { value: 60 } });
    expect(posted.body.progress).toBe(60);
    const archived = await call<Goal>(app, 'PATCH', `/api/goals/${g.id}`, { cookie: cookies.self, body: { status: 'archived' } });
    expect(archived.body.status).toBe('archived');
    const active = await call<{ items: Goal[] }>(app, 'GET', '/api/goals', { cookie: cookies.self });
    expect(active.body.items.map((x) => x.id)).not.toContain(g.id);
    const old = await call<{ items: Goal[] }>(app, 'GET', '/api/goals?status=archived', { cookie: cookies.self });
    expect(old.body.items.map((x) => x.id)).toContain(g.id);
    expectError(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { value: 70 } }), 409, 'conflict');
  });

  it('editing key results keeps listed ones, removes the rest and adds new ones', async () => {
    const g = await create(cookies.self);
    const [first] = g.keyResults;
    const edited = await call<Goal>(app, 'PATCH', `/api/goals/${g.id}`, {
      cookie: cookies.self,
      body: { title: '顧客満足度を上げる', keyResults: [{ id: first!.id, title: '一次回答の時間', startValue: 24, target: 2 }, { title: '解約率', startValue: 5, target: 3, unit: '%' }] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body.title).toBe('顧客満足度を上げる');
    expect(edited.body.keyResults.map((k) => [k.title, k.target])).toEqual([
      ['一次回答の時間', 2],
      ['解約率', 3],
    ]);
    expect(edited.body.keyResults[0]!.id).toBe(first!.id);
  });

  it('the manager reads the goal and comments, but cannot update progress or edit it', async () => {
    const g = await create(cookies.self);
    const seen = await call<Goal>(app, 'GET', `/api/goals/${g.id}`, { cookie: cookies.partner });
    expect(seen.status).toBe(200);
    expect(seen.body.abilities).toEqual({ edit: false, updateProgress: false, comment: true });
    const list = await call<{ items: Goal[] }>(app, 'GET', `/api/goals?ownerId=${org.self.id}`, { cookie: cookies.partner });
    expect(list.body.items.map((x) => x.id)).toContain(g.id);

    const before = await databaseSnapshot(database.db);
    expectError(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.partner, body: { keyResultId: g.keyResults[0]!.id, value: 8 } }), 403, 'forbidden');
    expectError(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.partner, body: { value: 8, comment: 'よし' } }), 403, 'forbidden');
    expectError(await call(app, 'PATCH', `/api/goals/${g.id}`, { cookie: cookies.partner, body: { title: '書き換え' } }), 403, 'forbidden');
    expect(await databaseSnapshot(database.db)).toEqual(before);

    const commented = await call<Goal>(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.partner, body: { comment: '良いペースです' } });
    expect(commented.status).toBe(201);
    expect(commented.body.entries[0]).toMatchObject({ kind: 'comment', value: null, comment: '良いペースです', author: { id: org.partner.id } });
    expect(commented.body.progress).toBe(g.progress);
  });

  it.each(outsiders)('%s reads and writes nothing of the goal', async (viewer) => {
    const g = await create(cookies.self);
    const before = await databaseSnapshot(database.db);
    const read = await call(app, 'GET', `/api/goals/${g.id}`, { cookie: cookies[viewer] });
    expectRefused(viewer, read);
    expect(read.text).not.toContain(okr.title);
    expectRefused(viewer, await call(app, 'PATCH', `/api/goals/${g.id}`, { cookie: cookies[viewer], body: { title: 'x' } }));
    expectRefused(viewer, await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies[viewer], body: { comment: 'x' } }));
    if (viewer !== 'anonymous') {
      const list = await call<{ items: Goal[] }>(app, 'GET', `/api/goals?ownerId=${org.self.id}`, { cookie: cookies[viewer] });
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([]);
    }
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it("a manager's own goals are not shown to their reports; a paused series stops the partner reading", async () => {
    const mine = await create(cookies.partner, { kind: 'mbo', title: '部の採用計画' });
    expectRefused('self', await call(app, 'GET', `/api/goals/${mine.id}`, { cookie: cookies.self }));
    const g = await create(cookies.self);
    await database.db.update(series).set({ status: 'paused' }).where(eq(series.id, seriesId));
    try {
      expectRefused('partner', await call(app, 'GET', `/api/goals/${g.id}`, { cookie: cookies.partner }));
    } finally {
      await database.db.update(series).set({ status: 'active' }).where(eq(series.id, seriesId));
    }
  });

  it('bad input: 400 with the field in the reader’s language, nothing written', async () => {
    const g = await create(cookies.self);
    const before = await databaseSnapshot(database.db);
    expectFields(await call(app, 'POST', '/api/goals', { cookie: cookies.self, body: { kind: 'kpi', title: '' } }), {
      kind: '次のいずれかを指定してください: okr, mbo',
      title: '入力してください。',
    });
    expectFields(await call(app, 'POST', '/api/goals', { cookie: cookies.self, body: { kind: 'mbo', title: 'x', weight: 150 } }), { weight: '100以下の値を入力してください。' });
    expectFields(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: {} }), { comment: '進捗の値かコメントのどちらかを入力してください。' });
    expectFields(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { value: 3 } }), {
      keyResultId: 'この目標の成果指標(キーリザルト)を指定してください。',
    });
    expectFields(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { value: 3, keyResultId: UNKNOWN_ID } }), {
      keyResultId: 'この目標の成果指標(キーリザルト)を指定してください。',
    });
    expectFields(await call(app, 'PATCH', `/api/goals/${g.id}`, { cookie: cookies.self, body: { keyResults: [{ id: UNKNOWN_ID, title: 'x', target: 1 }] } }), {
      'keyResults.0.id': 'この目標の成果指標(キーリザルト)を指定してください。',
    });
    expectFields(await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { comment: ' ' }, lang: 'en' }), {
      comment: 'Enter a new value, a comment, or both.',
    });
    expectError(await call(app, 'GET', `/api/goals/${UNKNOWN_ID}`, { cookie: cookies.self }), 404, 'not_found');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it("a topic links to one of the report's goals and shows its progress; the next prep brief shows updates since the last meeting", async () => {
    const g = await create(cookies.self);
    const meetingId = meetingIds[1]!;
    // The meeting before it was held two days ago.
    await database.db
      .update(meetings)
      .set({ startsAt: new Date(Date.now() - 2 * 86400_000), status: 'shared' })
      .where(eq(meetings.id, meetingIds[0]!));
    const topic = await call<Topic>(app, 'POST', `/api/meetings/${meetingId}/topics`, {
      cookie: cookies.self,
      body: { title: '目標の進み具合', category: 'goals', wantedResponse: 'thinkTogether', goalId: g.id },
    });
    expect(topic.status, topic.text).toBe(201);
    expect(topic.body.goal).toMatchObject({ id: g.id, title: okr.title, progress: 0 });

    await call(app, 'POST', `/api/goals/${g.id}/updates`, { cookie: cookies.self, body: { keyResultId: g.keyResults[1]!.id, value: 40, comment: '目標達成' } });
    const [old] = await database.db
      .insert(goalUpdates)
      .values({ goalId: g.id, authorId: org.self.id, kind: 'comment', comment: '前回より前のメモ', createdAt: new Date(Date.now() - 5 * 86400_000) })
      .returning();

    const brief = await call<PrepBrief>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
    expect(brief.status, brief.text).toBe(200);
    const inBrief = brief.body.goals.find((x) => x.id === g.id)!;
    expect(inBrief.progress).toBe(50);
    expect(inBrief.entries.map((e) => e.comment)).toEqual(['目標達成']);
    expect(inBrief.entries.map((e) => e.id)).not.toContain(old!.id);
    expect(brief.body.goalsSince).not.toBeNull();

    const room = await call<{ topics: Topic[] }>(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.partner });
    expect(room.body.topics.find((t) => t.id === topic.body.id)!.goal).toMatchObject({ id: g.id, progress: 50 });
  });

  it("a topic cannot link to someone else's goal, nor an archived one", async () => {
    const managerGoal = await create(cookies.partner, { kind: 'mbo', title: '部の予算' });
    const before = await databaseSnapshot(database.db);
    const post = (cookie: string | null, goalId: string) =>
      call(app, 'POST', `/api/meetings/${meetingIds[2]!}/topics`, { cookie, body: { title: 't', category: 'goals', wantedResponse: 'listen', goalId } });
    expectFields(await post(cookies.partner, managerGoal.id), { goalId: '紐づけられるのは、この1on1のメンバー(部下)の進行中の目標だけです。' });
    expectFields(await post(cookies.self, UNKNOWN_ID), { goalId: '紐づけられるのは、この1on1のメンバー(部下)の進行中の目標だけです。' });
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });
});

describe.skipIf(noDatabase)('the feedback log', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
  });

  it('gathers feedback from meetings and between them, received and given, paginated, filtered by person', async () => {
    const { id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const [m] = await meetingsOf(database.db, seriesId);
    const sbi = { situation: '定例', behaviour: '要約した', impact: '速く決まった' };
    for (let i = 0; i < 3; i++) {
      const r = await call(app, 'POST', `/api/series/${seriesId}/feedback`, { cookie: cookies.partner, body: { kind: 'positive', receiverId: org.self.id, ...sbi, impact: `効果${i}` } });
      expect(r.status).toBe(201);
    }
    await call(app, 'POST', `/api/meetings/${m!.id}/feedback`, { cookie: cookies.partner, body: { kind: 'constructive', receiverId: org.self.id, ...sbi } });
    await call(app, 'POST', `/api/meetings/${m!.id}/feedback`, { cookie: cookies.self, body: { kind: 'positive', receiverId: org.partner.id, ...sbi } });

    type Log = { items: FeedbackRecord[]; total: number; people: { id: string }[] };
    const received = await call<Log>(app, 'GET', '/api/feedback-log?pageSize=2', { cookie: cookies.self });
    expect(received.status).toBe(200);
    expect(received.body.total).toBe(4);
    expect(received.body.items).toHaveLength(2);
    expect(received.body.items[0]).toMatchObject({ kind: 'constructive', meetingId: m!.id, giver: { id: org.partner.id } });
    expect(received.body.people.map((p) => p.id)).toEqual([org.partner.id]);
    const page2 = await call<Log>(app, 'GET', '/api/feedback-log?pageSize=2&page=2', { cookie: cookies.self });
    expect(page2.body.items.map((f) => f.meetingId)).toEqual([null, null]);
    const given = await call<Log>(app, 'GET', '/api/feedback-log?direction=given', { cookie: cookies.self });
    expect(given.body.items.map((f) => f.receiver.id)).toEqual([org.partner.id]);
    const filtered = await call<Log>(app, 'GET', `/api/feedback-log?personId=${org.otherReport.id}`, { cookie: cookies.self });
    expect(filtered.body.total).toBe(0);
    // Outsiders see none of it in their own logs.
    for (const viewer of ['otherReport', 'skipLevel', 'hr', 'admin'] as const) {
      const other = await call<Log>(app, 'GET', `/api/feedback-log?personId=${org.self.id}`, { cookie: cookies[viewer] });
      expect(other.body.total).toBe(0);
      expect(other.text).not.toContain('要約した');
    }
    expectError(await call(app, 'GET', '/api/feedback-log', { cookie: null }), 401, 'unauthenticated');
    expectFields(await call(app, 'GET', '/api/feedback-log?direction=sideways', { cookie: cookies.self }), { direction: '次のいずれかを指定してください: received, given' });
  });
});

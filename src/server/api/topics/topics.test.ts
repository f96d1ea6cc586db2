import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CheckIn, PreQuestion, Topic } from '../../../domain/agenda.js';
import { checkIns, preQuestions, topics } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { consentToCheckIns, createSeries, insertTopic, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const outsiders: Viewer[] = ['otherReport', 'skipLevel', 'hr', 'admin'];
const UNKNOWN = '00000000-0000-4000-8000-000000000000';
type Detail = { topics: Topic[]; preQuestions: PreQuestion[]; checkIn: CheckIn | null };
type Home = { upcoming: { meeting: { id: string }; prep: { reportTopics: number; managerTopics: number } }[] };

const topic = (title: string, over: object = {}) => ({ title, category: 'career', wantedResponse: 'listen', ...over });

describe.skipIf(noDatabase)('agenda API: topics, pre-questions, check-ins', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let meetingIds: string[];

  beforeAll(async () => {
    ({ app, org, cookies } = await signedInOrganisation(database));
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id }));
    meetingIds = (await meetingsOf(database.db, seriesId)).map((m) => m.id);
  });

  /** 401 for anonymous, else 404 (outsiders cannot tell the meeting exists). */
  const refused = (viewer: Viewer, res: Awaited<ReturnType<typeof call>>) => {
    if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
    else expectError(res, 404, 'not_found');
  };

  // One story in steps (a draft is written, then shown, reordered around, shared): its steps run in order.
  describe('the private draft: only its author ever sees it', { shuffle: false }, () => {
    const DRAFT = '転職を考えている(まだ内緒の下書き)';
    const SHARED = '評価面談の前に相談したいこと';
    let meetingId: string;
    let draftId: string;
    let sharedId: string;

    beforeAll(async () => {
      meetingId = meetingIds[0]!;
      const draft = await call<Topic>(app, 'POST', `/api/meetings/${meetingId}/topics`, {
        cookie: cookies.self,
        body: topic(DRAFT, { visibility: 'private', note: '家族の事情もある' }),
      });
      expect(draft.status).toBe(201);
      expect(draft.body).toMatchObject({ title: DRAFT, visibility: 'private', authorRole: 'report', carried: false, abilities: { update: true, remove: true, share: true } });
      draftId = draft.body.id;
      const shared = await call<Topic>(app, 'POST', `/api/meetings/${meetingId}/topics`, {
        cookie: cookies.self,
        body: topic(SHARED, { category: 'feedback', wantedResponse: 'listen' }),
      });
      expect(shared.body).toMatchObject({ title: SHARED, visibility: 'pair', category: 'feedback', wantedResponse: 'listen', position: 2 });
      sharedId = shared.body.id;
    });

    it('the author sees both', async () => {
      const res = await call<Detail>(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.self });
      expect(res.body.topics.map((t) => [t.title, t.visibility])).toEqual([
        [DRAFT, 'private'],
        [SHARED, 'pair'],
      ]);
    });

    it("the manager's meeting, prep brief and home never reveal it", async () => {
      const detail = await call<Detail>(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.partner });
      expect(detail.body.topics.map((t) => t.id)).toEqual([sharedId]);
      expect(detail.text).not.toContain(DRAFT);
      expect(detail.text).not.toContain('家族の事情');
      const brief = await call<{ reportTopics: Topic[] }>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
      expect(brief.status).toBe(200);
      expect(brief.body.reportTopics.map((t) => t.id)).toEqual([sharedId]);
      expect(brief.text).not.toContain(DRAFT);
      const home = await call<Home>(app, 'GET', '/api/home', { cookie: cookies.partner });
      expect(home.body.upcoming.find((u) => u.meeting.id === meetingId)?.prep).toMatchObject({ reportTopics: 1, managerTopics: 0 });
      expect(home.text).not.toContain(DRAFT);
      expect(home.text).not.toContain(draftId);
    });

    it('the manager reorders around it without learning it exists; editing or deleting it is 404 like a missing topic', async () => {
      const reorder = await call<{ topics: Topic[] }>(app, 'PUT', `/api/meetings/${meetingId}/topics/order`, { cookie: cookies.partner, body: { topicIds: [sharedId] } });
      expect(reorder.status).toBe(200);
      expect(reorder.body.topics.map((t) => t.id)).toEqual([sharedId]);
      expect(reorder.text).not.toContain(DRAFT);
      const before = await databaseSnapshot(database.db);
      // Naming the draft is refused exactly like naming a topic that does not exist.
      const withDraft = await call(app, 'PUT', `/api/meetings/${meetingId}/topics/order`, { cookie: cookies.partner, body: { topicIds: [sharedId, draftId] } });
      const withUnknown = await call(app, 'PUT', `/api/meetings/${meetingId}/topics/order`, { cookie: cookies.partner, body: { topicIds: [sharedId, UNKNOWN] } });
      expectFields(withDraft, { topicIds: '並べ替えには、表示されているトピックをすべて1回ずつ指定してください。' });
      expect(withDraft.text).toBe(withUnknown.text);
      const patch = await call(app, 'PATCH', `/api/topics/${draftId}`, { cookie: cookies.partner, body: { title: '書き換え' } });
      const patchUnknown = await call(app, 'PATCH', `/api/topics/${UNKNOWN}`, { cookie: cookies.partner, body: { title: '書き換え' } });
      expect(expectError(patch, 404, 'not_found').message).toBe('トピックが見つかりません。');
      expect(patch.text).toBe(patchUnknown.text);
      const del = await call(app, 'DELETE', `/api/topics/${draftId}`, { cookie: cookies.partner });
      expect(del.text).toBe((await call(app, 'DELETE', `/api/topics/${UNKNOWN}`, { cookie: cookies.partner })).text);
      expectError(del, 404, 'not_found');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each(outsiders)('%s sees nothing of the meeting, the brief, the topics or the draft', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      for (const [method, path, body] of [
        ['GET', `/api/meetings/${meetingId}`],
        ['GET', `/api/meetings/${meetingId}/prep-brief`],
        ['PUT', `/api/meetings/${meetingId}/topics/order`, { topicIds: [sharedId] }],
        ['PATCH', `/api/topics/${draftId}`, { title: 'x' }],
        ['DELETE', `/api/topics/${draftId}`],
        ['PATCH', `/api/topics/${sharedId}`, { title: 'x' }],
        ['DELETE', `/api/topics/${sharedId}`],
      ] as [string, string, object?][]) {
        const res = await call(app, method, path, { cookie: cookies[viewer], body });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.text).not.toContain(DRAFT);
        expect(res.text).not.toContain(SHARED);
      }
      const home = await call(app, 'GET', '/api/home', { cookie: cookies[viewer] });
      expect(home.status).toBe(200);
      expect(home.text).not.toContain(meetingId);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('once the author shares it, the manager sees it everywhere; it cannot go back to a draft', async () => {
      const other = await call(app, 'PATCH', `/api/topics/${sharedId}`, { cookie: cookies.partner, body: { title: '上司が書き換え' } });
      expectError(other, 403, 'forbidden');
      const shared = await call<Topic>(app, 'PATCH', `/api/topics/${draftId}`, { cookie: cookies.self, body: { visibility: 'pair' } });
      expect(shared.status).toBe(200);
      expect(shared.body).toMatchObject({ id: draftId, visibility: 'pair', abilities: { share: false } });
      const detail = await call<Detail>(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies.partner });
      expect(detail.body.topics.map((t) => t.title).sort()).toEqual([DRAFT, SHARED].sort());
      expect(detail.body.topics.find((t) => t.id === draftId)).toMatchObject({ note: '家族の事情もある', abilities: { update: false, remove: false, share: false } });
      const brief = await call<{ reportTopics: Topic[] }>(app, 'GET', `/api/meetings/${meetingId}/prep-brief`, { cookie: cookies.partner });
      expect(brief.body.reportTopics).toHaveLength(2);
      const home = await call<Home>(app, 'GET', '/api/home', { cookie: cookies.partner });
      expect(home.body.upcoming.find((u) => u.meeting.id === meetingId)?.prep.reportTopics).toBe(2);
      const [row] = await database.db.select().from(topics).where(eq(topics.id, draftId));
      expect(row!.sharedAt).not.toBeNull();
      const back = await call(app, 'PATCH', `/api/topics/${draftId}`, { cookie: cookies.self, body: { visibility: 'private' } });
      expect(expectError(back, 409, 'conflict').fields).toEqual({ visibility: '共有済みのトピックを下書きに戻すことはできません。' });
      for (const viewer of outsiders) {
        const res = await call(app, 'GET', `/api/meetings/${meetingId}`, { cookie: cookies[viewer] });
        expect(res.text).not.toContain(DRAFT);
      }
    });
  });

  describe('every endpoint for every relation', () => {
    const meetingId = () => meetingIds[1]!;

    it.each(viewers)('POST /api/meetings/{id}/topics by %s', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const res = await call<Topic>(app, 'POST', `/api/meetings/${meetingId()}/topics`, { cookie: cookies[viewer], body: topic(`${viewer}の話題`) });
      if (viewer === 'self' || viewer === 'partner') {
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ title: `${viewer}の話題`, meetingId: meetingId(), authorRole: viewer === 'self' ? 'report' : 'manager', author: { id: org[viewer].id } });
        expect((await databaseSnapshot(database.db)).topics).toHaveLength(before.topics!.length + 1);
        return;
      }
      refused(viewer, res);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each(viewers)('PUT /api/meetings/{id}/topics/order by %s', async (viewer) => {
      const a = await insertTopic(database.db, { meetingId: meetingIds[2]!, authorId: org.self.id, title: 'A', position: 1 });
      const b = await insertTopic(database.db, { meetingId: meetingIds[2]!, authorId: org.partner.id, title: 'B', position: 2 });
      const res = await call<{ topics: Topic[] }>(app, 'PUT', `/api/meetings/${meetingIds[2]}/topics/order`, { cookie: cookies[viewer], body: { topicIds: [b, a] } });
      if (viewer === 'self' || viewer === 'partner') {
        expect(res.status).toBe(200);
        expect(res.body.topics.filter((t) => t.id === a || t.id === b).map((t) => t.title)).toEqual(['B', 'A']);
      } else {
        refused(viewer, res);
        const rows = await database.db.select({ id: topics.id, position: topics.position }).from(topics).where(eq(topics.id, a));
        expect(rows[0]!.position).toBe(1);
      }
      await database.db.delete(topics).where(eq(topics.meetingId, meetingIds[2]!));
    });

    it.each(viewers)('PATCH and DELETE /api/topics/{id} (the report’s topic) by %s', async (viewer) => {
      const id = await insertTopic(database.db, { meetingId: meetingId(), authorId: org.self.id, title: '部下の話題' });
      const before = await databaseSnapshot(database.db);
      const patch = await call<Topic>(app, 'PATCH', `/api/topics/${id}`, { cookie: cookies[viewer], body: { title: '直した', category: 'goals' } });
      if (viewer === 'self') {
        expect(patch.status).toBe(200);
        expect(patch.body).toMatchObject({ id, title: '直した', category: 'goals', wantedResponse: 'thinkTogether' });
        expect(await call(app, 'DELETE', `/api/topics/${id}`, { cookie: cookies.self })).toMatchObject({ status: 200, body: { ok: true } });
        expect(await database.db.select().from(topics).where(eq(topics.id, id))).toEqual([]);
        return;
      }
      const del = await call(app, 'DELETE', `/api/topics/${id}`, { cookie: cookies[viewer] });
      if (viewer === 'partner') {
        // The partner sees it but it is not theirs.
        expectError(patch, 403, 'forbidden');
        expectError(del, 403, 'forbidden');
      } else {
        refused(viewer, patch);
        refused(viewer, del);
      }
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each(viewers)('POST /api/meetings/{id}/pre-questions by %s', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const res = await call<PreQuestion>(app, 'POST', `/api/meetings/${meetingId()}/pre-questions`, {
        cookie: cookies[viewer],
        body: { text: '最近、困っていることはありますか?' },
      });
      if (viewer === 'partner') {
        expect(res.status).toBe(201);
        // A yes/no question is accepted but flagged with an open alternative.
        expect(res.body).toMatchObject({ text: '最近、困っていることはありますか?', closed: true, openAlternative: '最近どんなことに困っていますか？', answer: null, abilities: { answer: false, remove: true } });
        return;
      }
      if (viewer === 'self') expectError(res, 403, 'forbidden');
      else refused(viewer, res);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each(viewers)('PUT /api/pre-questions/{id}/answer and DELETE /api/pre-questions/{id} by %s', async (viewer) => {
      const [q] = await database.db
        .insert(preQuestions)
        .values({ meetingId: meetingId(), authorId: org.partner.id, text: '今後のキャリアで考えていることは?', bankQuestionId: 'career-1' })
        .returning({ id: preQuestions.id });
      const before = await databaseSnapshot(database.db);
      const answer = await call<PreQuestion>(app, 'PUT', `/api/pre-questions/${q!.id}/answer`, { cookie: cookies[viewer], body: { answer: 'マネジメントに挑戦したい' } });
      const del = await call(app, 'DELETE', `/api/pre-questions/${q!.id}`, { cookie: cookies[viewer] });
      if (viewer === 'self') {
        expect(answer.status).toBe(200);
        expect(answer.body).toMatchObject({ id: q!.id, answer: 'マネジメントに挑戦したい', closed: false, openAlternative: null });
        expect(answer.body.answeredAt).not.toBeNull();
        expectError(del, 403, 'forbidden');
        // Answered, the manager can no longer withdraw it.
        expectError(await call(app, 'DELETE', `/api/pre-questions/${q!.id}`, { cookie: cookies.partner }), 409, 'conflict');
        return;
      }
      if (viewer === 'partner') {
        expectError(answer, 403, 'forbidden');
        expect(del).toMatchObject({ status: 200, body: { ok: true } });
        expect(await database.db.select().from(preQuestions).where(eq(preQuestions.id, q!.id))).toEqual([]);
        return;
      }
      refused(viewer, answer);
      refused(viewer, del);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each(viewers)('PUT /api/meetings/{id}/check-in by %s', async (viewer) => {
      // The report consented to condition check-ins (without it nothing is stored: privacy.test.ts).
      if (viewer === 'self') await consentToCheckIns(database.db, org.self.id);
      const before = await databaseSnapshot(database.db);
      const res = await call<CheckIn>(app, 'PUT', `/api/meetings/${meetingIds[3]}/check-in`, { cookie: cookies[viewer], body: { score: 4, comment: '少し疲れ気味' } });
      if (viewer === 'self') {
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ meetingId: meetingIds[3], score: 4, comment: '少し疲れ気味' });
        // Revising it keeps one check-in per meeting.
        const again = await call<CheckIn>(app, 'PUT', `/api/meetings/${meetingIds[3]}/check-in`, { cookie: cookies.self, body: { score: 2 } });
        expect(again.body).toMatchObject({ score: 2, comment: null });
        const rows = await database.db.select().from(checkIns).where(eq(checkIns.meetingId, meetingIds[3]!));
        expect(rows.map((r) => [r.score, r.reportId])).toEqual([[2, org.self.id]]);
        const seen = await call<Detail>(app, 'GET', `/api/meetings/${meetingIds[3]}`, { cookie: cookies.partner });
        expect(seen.body.checkIn).toMatchObject({ score: 2 });
        return;
      }
      if (viewer === 'partner') expectError(res, 403, 'forbidden');
      else refused(viewer, res);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('bad input → 400 with field messages in ja and en, nothing written', () => {
    const m = () => meetingIds[4]!;
    it.each([
      ['unknown category', 'topics', () => topic('a', { category: 'salary' }), 'category',
        '次のいずれかを指定してください: career, skills, workChallenges, relationships, condition, goals, feedback, other',
        'Use one of: career, skills, workChallenges, relationships, condition, goals, feedback, other'],
      ['unknown wantedResponse', 'topics', () => topic('a', { wantedResponse: 'scold' }), 'wantedResponse',
        '次のいずれかを指定してください: listen, advice, thinkTogether, decide, feedback', 'Use one of: listen, advice, thinkTogether, decide, feedback'],
      ['an empty topic title', 'topics', () => topic('   '), 'title', '入力してください。', 'Required.'],
      ['a 10,000-character topic', 'topics', () => topic('長'.repeat(10_000)), 'title', '200文字以内で入力してください。', 'Enter at most 200 characters.'],
      ['an unknown visibility', 'topics', () => topic('a', { visibility: 'everyone' }), 'visibility', '次のいずれかを指定してください: private, pair', 'Use one of: private, pair'],
      ['a check-in score of 0', 'check-in', () => ({ score: 0 }), 'score', '1以上の値を入力してください。', 'Enter a value of at least 1.'],
      ['a check-in score of 6', 'check-in', () => ({ score: 6 }), 'score', '5以下の値を入力してください。', 'Enter a value of at most 5.'],
      ['a check-in without a score', 'check-in', () => ({ comment: 'x' }), 'score', '入力してください。', 'Required.'],
      ['an empty pre-question', 'pre-questions', () => ({ text: '' }), 'text', '入力してください。', 'Required.'],
    ])('%s', async (_name, path, body, field, ja, en) => {
      const before = await databaseSnapshot(database.db);
      const cookie = path === 'pre-questions' ? cookies.partner : cookies.self;
      const method = path === 'check-in' ? 'PUT' : 'POST';
      expectFields(await call(app, method, `/api/meetings/${m()}/${path}`, { cookie, body: body() }), { [field]: ja });
      expectFields(await call(app, method, `/api/meetings/${m()}/${path}`, { cookie, body: body(), lang: 'en' }), { [field]: en });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('an empty answer, an empty topic update and a reorder listing a topic twice are refused', async () => {
      const [q] = await database.db.insert(preQuestions).values({ meetingId: m(), authorId: org.partner.id, text: '今日話したいことは何ですか?' }).returning({ id: preQuestions.id });
      const t = await insertTopic(database.db, { meetingId: m(), authorId: org.self.id, title: 'T' });
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'PUT', `/api/pre-questions/${q!.id}/answer`, { cookie: cookies.self, body: { answer: ' ' } }), { answer: '入力してください。' });
      expectFields(await call(app, 'PATCH', `/api/topics/${t}`, { cookie: cookies.self, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
      expectFields(await call(app, 'PUT', `/api/meetings/${m()}/topics/order`, { cookie: cookies.self, body: { topicIds: [t, t] } }), {
        topicIds: '並べ替えには、表示されているトピックをすべて1回ずつ指定してください。',
      });
      expectFields(await call(app, 'PUT', `/api/meetings/${m()}/topics/order`, { cookie: cookies.self, body: { topicIds: [] } }), { topicIds: '1以上の値を入力してください。' });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  it('topics keep their series: nothing is written to a meeting of another pair', async () => {
    const other = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const [m] = await meetingsOf(database.db, other.id);
    const before = await databaseSnapshot(database.db);
    refused('self', await call(app, 'POST', `/api/meetings/${m!.id}/topics`, { cookie: cookies.self, body: topic('覗き見') }));
    refused('self', await call(app, 'PUT', `/api/meetings/${m!.id}/check-in`, { cookie: cookies.self, body: { score: 3 } }));
    expect(await databaseSnapshot(database.db)).toEqual(before);
    expect(seriesId).not.toBe(other.id);
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Topic } from '../../../domain/agenda.js';
import type { ActionItem, Minutes, ReflectionView } from '../../../domain/followUp.js';
import type { Meeting } from '../../../domain/series.js';
import { meetings, minutesRevisions, topics } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { type Organisation, signedInOrganisation } from '../../test/factories.js';
import { expectNoReportRatings, expectRefused, outsiders, setSharedNotes, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { textsOf, typeIntoMinutes } from '../../test/minutes.js';
import { createSeries, insertPastMeeting, insertTopic, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';
import { maintainSeries } from '../../jobs/maintainSeries.js';

type Flow = { meeting: Meeting; abilities: Record<string, boolean> };
type Detail = { topics: Topic[] };

describe.skipIf(noDatabase)('meeting flow: start → discussed → finish → minutes → reflection → next meeting', () => {
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

  it('the whole cycle through the API, in Japanese', async () => {
    const [meetingId, nextId] = meetingIds as [string, string];
    const post = (viewer: Viewer, path: string, body?: unknown) => call(app, 'POST', path, { cookie: cookies[viewer], body });
    const t1 = await post('self', `/api/meetings/${meetingId}/topics`, { title: 'キャリアの方向性', category: 'career', wantedResponse: 'thinkTogether' });
    const t2 = await post('partner', `/api/meetings/${meetingId}/topics`, { title: '来期の体制', category: 'workChallenges', wantedResponse: 'listen' });
    const draft = await post('self', `/api/meetings/${meetingId}/topics`, {
      title: '秘密の下書き',
      category: 'other',
      wantedResponse: 'listen',
      visibility: 'private',
    });
    const [topic1, topic2, draftId] = [(t1.body as unknown as Topic).id, (t2.body as unknown as Topic).id, (draft.body as unknown as Topic).id];

    // Outsiders can neither start nor see; the pair can.
    for (const viewer of outsiders) expectRefused(viewer, await post(viewer, `/api/meetings/${meetingId}/start`));
    const started = await call<Flow>(app, 'POST', `/api/meetings/${meetingId}/start`, { cookie: cookies.self });
    expect(started.status).toBe(200);
    expect(started.body.meeting.status).toBe('inProgress');
    // Both rooms time the meeting from the moment it was started.
    expect(Math.abs(Date.parse(started.body.meeting.startedAt!) - Date.now())).toBeLessThan(60_000);
    expect(started.body.abilities).toMatchObject({ start: false, finish: true, markDiscussed: true, reflect: false });
    expectError(await post('partner', `/api/meetings/${meetingId}/start`), 409, 'conflict');

    const marked = await call<Topic>(app, 'POST', `/api/topics/${topic1}/discussed`, { cookie: cookies.partner, body: { discussed: true } });
    expect(marked.status).toBe(200);
    expect(marked.body).toMatchObject({ id: topic1, discussed: true });
    // A private draft cannot be marked: 404 to the partner (it does not exist for them), 409 to its author.
    expectError(await post('partner', `/api/topics/${draftId}/discussed`, { discussed: true }), 404, 'not_found');
    expect(expectError(await post('self', `/api/topics/${draftId}/discussed`, { discussed: true }), 409, 'conflict').message).toContain('共有');
    expectFields(await post('self', `/api/topics/${topic1}/discussed`, { discussed: 'yes' }), { discussed: '形式が正しくありません。' });
    expectFields(await post('self', `/api/topics/${topic1}/discussed`, {}), { discussed: '入力してください。' });

    // One action item each side; the manager's is a support commitment.
    const mine = await call<ActionItem>(app, 'POST', `/api/meetings/${meetingId}/action-items`, {
      cookie: cookies.self,
      body: { ownerId: org.self.id, title: '社内勉強会で発表する', dueDate: '2020-01-31' },
    });
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({ ownerRole: 'report', support: false, status: 'open', overdue: true });
    const support = await call<ActionItem>(app, 'POST', `/api/meetings/${meetingId}/action-items`, {
      cookie: cookies.partner,
      body: { ownerId: org.partner.id, title: '発表の機会を調整する', support: true },
    });
    expect(support.body).toMatchObject({ ownerRole: 'manager', support: true, overdue: false, dueDate: null });
    const fb = await post('partner', `/api/meetings/${meetingId}/feedback`, {
      kind: 'positive',
      receiverId: org.self.id,
      situation: '先週の顧客デモ',
      behaviour: '質問に落ち着いて答えていた',
      impact: '顧客の信頼が高まった',
    });
    expect(fb.status).toBe(201);
    await setSharedNotes(database.db, meetingId, '共有メモ: キャリアについて話した。');

    const finished = await call<Flow>(app, 'POST', `/api/meetings/${meetingId}/finish`, { cookie: cookies.self });
    expect(finished.status).toBe(200);
    expect(finished.body.meeting.status).toBe('minutesDraft');
    expectError(await post('self', `/api/topics/${topic2}/discussed`, { discussed: true }), 409, 'conflict');

    const draftMinutes = await call<Minutes>(app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.partner });
    expect(draftMinutes.status).toBe(200);
    const body = draftMinutes.body.body;
    for (const part of [
      '## 話したこと',
      '## 決めたこと・アクションアイテム',
      '## フィードバック',
      '## 共有メモ',
      'キャリアの方向性',
      '社内勉強会で発表する',
      '上司のサポート',
      '質問に落ち着いて答えていた',
      '共有メモ: キャリアについて話した。',
    ]) {
      expect(body).toContain(part);
    }
    expect(body).not.toContain('来期の体制'); // not discussed
    expect(body).not.toContain('秘密の下書き');
    expect(draftMinutes.body).toMatchObject({ status: 'draft', version: 1, abilities: { edit: true, share: true, acknowledge: false, correct: false } });

    // The draft is edited live (minutes:<id> over the collaboration socket); this is its durable write.
    await typeIntoMinutes(database.db, meetingId, '追記: 次回は評価の話も。');
    const edited = await call<Minutes>(app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.self });
    expect(edited.body.body).toContain('追記: 次回は評価の話も。');
    expectError(await post('self', `/api/meetings/${meetingId}/minutes/acknowledge`, {}), 409, 'conflict');
    const shared = await call<Minutes>(app, 'POST', `/api/meetings/${meetingId}/minutes/share`, { cookie: cookies.self });
    expect(shared.body).toMatchObject({
      status: 'shared',
      version: 1,
      sharedBy: { id: org.self.id },
      abilities: { edit: false, acknowledge: true, correct: true },
    });
    expect((await database.db.select().from(minutesRevisions).where(eq(minutesRevisions.meetingId, meetingId))).map((r) => r.version)).toEqual([1]);
    await expect(typeIntoMinutes(database.db, meetingId, '書き換え')).rejects.toMatchObject({ reason: 'minutes-shared' });
    expect(textsOf((await call<Minutes>(app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.self })).body.content)).not.toContain('書き換え');

    expectError(await post('partner', `/api/meetings/${meetingId}/minutes/acknowledge`, {}), 403, 'forbidden');
    const ack = await call<Minutes>(app, 'POST', `/api/meetings/${meetingId}/minutes/acknowledge`, {
      cookie: cookies.self,
      body: { comment: 'ありがとうございました' },
    });
    expect(ack.body).toMatchObject({ status: 'acknowledged', reportComment: 'ありがとうございました' });
    expect((await database.db.select().from(meetings).where(eq(meetings.id, meetingId)))[0]!.status).toBe('acknowledged');

    const r1 = await call<ReflectionView>(app, 'PUT', `/api/meetings/${meetingId}/reflection`, {
      cookie: cookies.self,
      body: { feltHeard: 2, useful: 4, gained: '方向性が見えた', improve: 'もっと話したい' },
    });
    expect(r1.status).toBe(200);
    expect(r1.body.mine).toMatchObject({ role: 'report', feltHeard: 2, useful: 4, ownListening: null });
    const r2 = await call<ReflectionView>(app, 'PUT', `/api/meetings/${meetingId}/reflection`, {
      cookie: cookies.partner,
      body: { ownListening: 3, gained: '本人の関心が分かった', improve: '沈黙を待つ' },
    });
    expect(r2.body.mine).toMatchObject({ role: 'manager', ownListening: 3 });
    expect(r2.body.partner).toEqual({ role: 'report', gained: '方向性が見えた', improve: 'もっと話したい' });
    expectNoReportRatings(r2);
    const asReport = await call<ReflectionView>(app, 'GET', `/api/meetings/${meetingId}/reflection`, { cookie: cookies.self });
    expect(asReport.body.partner).toEqual({ role: 'manager', gained: '本人の関心が分かった', improve: '沈黙を待つ' });
    expect(asReport.text).not.toContain('"ownListening":3');

    // The next meeting: the undiscussed topic carried over, open action items on top (overdue first).
    const next = await call<Detail>(app, 'GET', `/api/meetings/${nextId}`, { cookie: cookies.partner });
    expect(next.body.topics.map((t) => [t.title, t.carried])).toEqual([['来期の体制', true]]);
    const open = await call<{ items: ActionItem[] }>(app, 'GET', `/api/meetings/${nextId}/open-action-items`, { cookie: cookies.self });
    expect(open.body.items.map((a) => [a.title, a.overdue, a.support])).toEqual([
      ['社内勉強会で発表する', true, false],
      ['発表の機会を調整する', false, true],
    ]);
    for (const viewer of outsiders) expectRefused(viewer, await call(app, 'GET', `/api/meetings/${nextId}/open-action-items`, { cookie: cookies[viewer] }));
  });

  it('finishing in English writes English headings; start and finish refuse outsiders and wrong states, changing nothing', async () => {
    const meetingId = meetingIds[3]!;
    const before = await databaseSnapshot(database.db);
    for (const viewer of outsiders) {
      expectRefused(viewer, await call(app, 'POST', `/api/meetings/${meetingId}/finish`, { cookie: cookies[viewer] }));
      expectRefused(viewer, await call(app, 'POST', `/api/meetings/${meetingId}/start`, { cookie: cookies[viewer] }));
      expectRefused(viewer, await call(app, 'GET', `/api/meetings/${meetingId}/flow`, { cookie: cookies[viewer] }));
    }
    expect(await databaseSnapshot(database.db)).toEqual(before);
    const topicId = await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '外からは触れない話題' });
    const snapshot = await databaseSnapshot(database.db);
    for (const viewer of outsiders) {
      const res = await call(app, 'POST', `/api/topics/${topicId}/discussed`, { cookie: cookies[viewer], body: { discussed: true } });
      expectRefused(viewer, res);
      expect(res.text).not.toContain('外からは触れない話題');
    }
    expectFields(await call(app, 'POST', `/api/topics/${topicId}/discussed`, { cookie: cookies.self, body: { discussed: 1 } }), {
      discussed: '形式が正しくありません。',
    });
    expect(await databaseSnapshot(database.db)).toEqual(snapshot);
    const flow = await call<Flow>(app, 'GET', `/api/meetings/${meetingId}/flow`, { cookie: cookies.partner });
    expect(flow.body).toMatchObject({ meeting: { id: meetingId, status: 'scheduled' }, abilities: { start: true, finish: false, reflect: false } });
    expectError(await call(app, 'POST', `/api/meetings/${meetingId}/finish`, { cookie: cookies.self }), 409, 'conflict');
    expectError(await call(app, 'POST', `/api/meetings/${UNKNOWN_ID}/start`, { cookie: cookies.self }), 404, 'not_found');
    expectFields(await call(app, 'POST', `/api/meetings/not-a-uuid/start`, { cookie: cookies.self }), { id: 'IDの形式が正しくありません。' });
    expect(await databaseSnapshot(database.db)).toEqual(snapshot);

    await call(app, 'POST', `/api/meetings/${meetingId}/start`, { cookie: cookies.partner, lang: 'en' });
    const t = await insertTopic(database.db, { meetingId, authorId: org.partner.id, title: 'Team offsite', discussed: true });
    const finished = await call<Flow>(app, 'POST', `/api/meetings/${meetingId}/finish`, { cookie: cookies.partner, lang: 'en' });
    expect(finished.status).toBe(200);
    // The draft stores no words of its own: each reader gets the headings in their language.
    const m = await call<Minutes>(app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.self, lang: 'en' });
    for (const h of ['## What we talked about', '## Decisions and action items', '## Feedback', '## Shared notes', '- Team offsite', '(none)'])
      expect(m.body.body).toContain(h);
    expect(m.body.body).not.toMatch(/[\u3040-\u30ff]/);
    const ja = await call<Minutes>(app, 'GET', `/api/meetings/${meetingId}/minutes`, { cookie: cookies.self });
    for (const h of ['## 話したこと', '## 決めたこと・アクションアイテム', '## フィードバック', '## 共有メモ', '- Team offsite', '(なし)']) expect(ja.body.body).toContain(h);
    expect(t).toBeTruthy();
  });

  it('every follow-up endpoint is in the OpenAPI document with its error answers', async () => {
    const doc = await call<{ paths: Record<string, Record<string, { responses: Record<string, unknown> }>> }>(app, 'GET', '/api/openapi.json');
    const ops = Object.entries(doc.body.paths).flatMap(([p, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${p}`));
    expect(ops).toEqual(
      expect.arrayContaining([
        'POST /api/meetings/{id}/start',
        'POST /api/meetings/{id}/finish',
        'GET /api/meetings/{id}/flow',
        'POST /api/topics/{id}/discussed',
        'GET /api/meetings/{id}/private-note',
        'PUT /api/meetings/{id}/private-note',
        'GET /api/meetings/{id}/feedback',
        'POST /api/meetings/{id}/feedback',
        'POST /api/series/{id}/feedback',
        'PATCH /api/feedback/{id}',
        'DELETE /api/feedback/{id}',
        'POST /api/meetings/{id}/action-items',
        'PATCH /api/action-items/{id}',
        'DELETE /api/action-items/{id}',
        'GET /api/action-items',
        'GET /api/meetings/{id}/open-action-items',
        'GET /api/meetings/{id}/minutes',
        'POST /api/meetings/{id}/minutes/share',
        'POST /api/meetings/{id}/minutes/acknowledge',
        'POST /api/meetings/{id}/minutes/corrections',
        'GET /api/meetings/{id}/minutes/revisions',
        'GET /api/meetings/{id}/minutes.md',
        'PUT /api/meetings/{id}/reflection',
        'GET /api/meetings/{id}/reflection',
        'GET /api/reflections/summary',
        'GET /api/series/{id}/history',
        'GET /api/search',
      ]),
    );
    expect(Object.keys(doc.body.paths['/api/search']!.get!.responses)).toEqual(expect.arrayContaining(['200', '400', '401']));
  });

  it('carry-over waits while the previous meeting runs; a topic marked discussed after it was carried stops carrying, and unmarking brings it back', async () => {
    // A series of its own (the manager with the other report), with a past meeting never started.
    const s2 = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const [n0] = await meetingsOf(database.db, s2.id);
    const past = await insertPastMeeting(database.db, { seriesId: s2.id, reportId: org.otherReport.id, daysAgo: 3, status: 'scheduled' });
    const t = await insertTopic(database.db, { meetingId: past, authorId: org.otherReport.id, title: '後から話した話題' });
    const titles = async () => (await call<Detail>(app, 'GET', `/api/meetings/${n0!.id}`, { cookie: cookies.otherReport })).body.topics.map((x) => x.title);
    // The meeting passed unheld: the periodic maintenance carries its open topics (a read never does).
    expect(await titles()).toEqual([]);
    expect(await maintainSeries(database.db)).toMatchObject({ ran: true });

    expect(await titles()).toEqual(['後から話した話題']);
    const marked = await call(app, 'POST', `/api/topics/${t}/discussed`, { cookie: cookies.otherReport, body: { discussed: true } });
    expect(marked.status).toBe(200);
    expect(await database.db.select().from(topics).where(eq(topics.meetingId, n0!.id))).toEqual([]);
    expect(await titles()).toEqual([]);
    await call(app, 'POST', `/api/topics/${t}/discussed`, { cookie: cookies.otherReport, body: { discussed: false } });
    expect(await titles()).toEqual(['後から話した話題']);

    // While the past meeting is in progress, a topic added to it does not carry yet; once finished it does.
    expect((await call(app, 'POST', `/api/meetings/${past}/start`, { cookie: cookies.partner })).status).toBe(200);
    await insertTopic(database.db, { meetingId: past, authorId: org.partner.id, title: '途中で追加した話題', position: 2 });
    expect(await titles()).toEqual(['後から話した話題']);
    expect((await call(app, 'POST', `/api/meetings/${past}/finish`, { cookie: cookies.partner })).status).toBe(200);
    expect((await titles()).sort()).toEqual(['後から話した話題', '途中で追加した話題'].sort());
    // The self's cookie (not of this pair) sees none of it.
    expectRefused('self', await call(app, 'GET', `/api/meetings/${n0!.id}`, { cookie: cookies.self }));
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackRecord } from '../../../domain/followUp.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { expectRefused, outsiders, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const sbi = { situation: '月曜の定例', behaviour: '議論を要約してくれた', impact: '決定が早くなった' };

describe.skipIf(noDatabase)('feedback records', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  /** Read and refused only: a test that changes data builds its own with `pair()`. */
  let shared: Pair & { cookies: Record<Viewer, string | null> };
  let sharedFeedback: FeedbackRecord;

  interface Pair {
    org: Organisation;
    /** Signed in: the pair only (signing in is slow); the shared organisation has everyone. */
    cookies: Pick<Record<Viewer, string | null>, 'self' | 'partner'>;
    seriesId: string;
    meetingId: string;
  }

  /** A fresh organisation with a series and its first meeting, the pair signed in. */
  async function pair(): Promise<Pair> {
    const org = await buildOrganisation(database.db, auth);
    const [self, partner] = await Promise.all([signIn(app, org.self.email, TEST_PASSWORD), signIn(app, org.partner.email, TEST_PASSWORD)]);
    const { id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const meetingId = (await meetingsOf(database.db, seriesId))[0]!.id;
    return { org, cookies: { self, partner }, seriesId, meetingId };
  }

  /** The report's positive feedback to their manager in the meeting. */
  async function give({ org, cookies, meetingId }: Pair): Promise<FeedbackRecord> {
    const res = await call<FeedbackRecord>(app, 'POST', `/api/meetings/${meetingId}/feedback`, {
      cookie: cookies.self,
      body: { kind: 'positive', receiverId: org.partner.id, ...sbi },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    const sharedPair = await pair();
    shared = { ...sharedPair, cookies: await signInAll(app, sharedPair.org) };
    sharedFeedback = await give(shared);
  });

  it('either side gives feedback to the partner, in a meeting or between meetings; the pair reads it', async () => {
    const { org, cookies, seriesId, meetingId } = await pair();
    const res = await call<FeedbackRecord>(app, 'POST', `/api/meetings/${meetingId}/feedback`, {
      cookie: cookies.self,
      body: { kind: 'positive', receiverId: org.partner.id, ...sbi },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'positive',
      giver: { id: org.self.id },
      receiver: { id: org.partner.id },
      meetingId,
      seriesId,
      ...sbi,
      abilities: { update: true, remove: true },
    });
    const given = res.body;
    const between = await call<FeedbackRecord>(app, 'POST', `/api/series/${seriesId}/feedback`, {
      cookie: cookies.partner,
      body: { kind: 'constructive', receiverId: org.self.id, situation: '顧客対応', behaviour: '返信が2日遅れた', impact: '顧客が不安になった' },
    });
    expect(between.status).toBe(201);
    expect(between.body).toMatchObject({ meetingId: null, kind: 'constructive' });
    for (const viewer of ['self', 'partner'] as const) {
      const list = await call<{ items: FeedbackRecord[] }>(app, 'GET', `/api/meetings/${meetingId}/feedback`, { cookie: cookies[viewer] });
      expect(list.body.items.map((f) => [f.id, f.abilities.update])).toEqual([[given.id, viewer === 'self']]);
    }
  });

  it.each(outsiders)('%s reads and writes nothing', async (viewer) => {
    const { org, cookies, seriesId, meetingId } = shared;
    const given = sharedFeedback;
    const before = await databaseSnapshot(database.db);
    const list = await call(app, 'GET', `/api/meetings/${meetingId}/feedback`, { cookie: cookies[viewer] });
    expectRefused(viewer, list);
    expect(list.text).not.toContain(sbi.behaviour);
    expectRefused(
      viewer,
      await call(app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies[viewer], body: { kind: 'positive', receiverId: org.self.id, ...sbi } }),
    );
    expectRefused(
      viewer,
      await call(app, 'POST', `/api/series/${seriesId}/feedback`, { cookie: cookies[viewer], body: { kind: 'positive', receiverId: org.self.id, ...sbi } }),
    );
    expectRefused(viewer, await call(app, 'PATCH', `/api/feedback/${given.id}`, { cookie: cookies[viewer], body: { impact: 'x' } }));
    expectRefused(viewer, await call(app, 'DELETE', `/api/feedback/${given.id}`, { cookie: cookies[viewer] }));
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('bad input: 400 with fields, nothing written', async () => {
    const { org, cookies, meetingId } = shared;
    const given = sharedFeedback;
    const before = await databaseSnapshot(database.db);
    const post = (body: object) => call(app, 'POST', `/api/meetings/${meetingId}/feedback`, { cookie: cookies.self, body });
    expectFields(await post({ kind: 'positive', receiverId: org.self.id, ...sbi }), {
      receiverId: 'フィードバックの相手は、この1on1の相手を指定してください。',
    });
    expectFields(await post({ kind: 'positive', receiverId: org.otherReport.id, ...sbi }), {
      receiverId: 'フィードバックの相手は、この1on1の相手を指定してください。',
    });
    expectFields(await post({ kind: 'praise', receiverId: org.partner.id, ...sbi, impact: '' }), {
      kind: '次のいずれかを指定してください: positive, constructive',
      impact: '入力してください。',
    });
    expectFields(await post({ kind: 'positive', receiverId: 'x', situation: 'a'.repeat(2001), behaviour: 'b' }), {
      receiverId: 'IDの形式が正しくありません。',
      situation: '2000文字以内で入力してください。',
      impact: '入力してください。',
    });
    expectFields(await call(app, 'PATCH', `/api/feedback/${given.id}`, { cookie: cookies.self, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('only the giver edits or withdraws it', async () => {
    const fresh = await pair();
    const { org, cookies } = fresh;
    const given = await give(fresh);
    expectError(await call(app, 'PATCH', `/api/feedback/${given.id}`, { cookie: cookies.partner, body: { impact: '書き換え' } }), 403, 'forbidden');
    expectError(await call(app, 'DELETE', `/api/feedback/${given.id}`, { cookie: cookies.partner }), 403, 'forbidden');
    const edited = await call<FeedbackRecord>(app, 'PATCH', `/api/feedback/${given.id}`, {
      cookie: cookies.self,
      body: { impact: 'チームの判断が速くなった' },
    });
    expect(edited.body).toMatchObject({ impact: 'チームの判断が速くなった', situation: sbi.situation });
    expect((await call(app, 'DELETE', `/api/feedback/${given.id}`, { cookie: cookies.self })).status).toBe(200);
    expectError(await call(app, 'PATCH', `/api/feedback/${given.id}`, { cookie: cookies.self, body: { impact: 'x' } }), 404, 'not_found');
    expectError(
      await call(app, 'POST', `/api/series/${UNKNOWN_ID}/feedback`, { cookie: cookies.self, body: { kind: 'positive', receiverId: org.partner.id, ...sbi } }),
      404,
      'not_found',
    );
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import { preQuestions } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { countQueries, testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { consentToCheckIns, createSeries, insertTopic, meetingsOf } from '../../test/series.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
type Home = {
  upcoming: {
    meeting: { id: string; startsAt: string };
    seriesId: string;
    myRole: 'manager' | 'report';
    partner: { id: string };
    prep: { reportTopics: number; managerTopics: number; preQuestions: number; preQuestionsAnswered: number; checkedIn: boolean };
    tasks: string[];
  }[];
  reportsWithoutSeries: { id: string }[];
  canCreateSeries: boolean;
};

describe.skipIf(noDatabase)('home API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let nextId: string;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
    cookies = await signInAll(app, org);
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id }));
    nextId = (await meetingsOf(database.db, seriesId))[0]!.id;
  });

  it.each(viewers)('%s: only their own next meetings', async (viewer) => {
    const res = await call<Home>(app, 'GET', '/api/home', { cookie: cookies[viewer] });
    if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
    expect(res.status).toBe(200);
    if (viewer === 'partner') {
      expect(res.body.upcoming).toHaveLength(1);
      expect(res.body.upcoming[0]).toMatchObject({ seriesId, myRole: 'manager', partner: { id: org.self.id }, meeting: { id: nextId }, tasks: ['askPreQuestions', 'readPrepBrief'] });
      expect(res.body.reportsWithoutSeries.map((p) => p.id)).toEqual([org.otherReport.id]);
      expect(res.body.canCreateSeries).toBe(true);
    } else if (viewer === 'self') {
      expect(res.body.upcoming).toHaveLength(1);
      expect(res.body.upcoming[0]).toMatchObject({ seriesId, myRole: 'report', partner: { id: org.partner.id }, meeting: { id: nextId } });
      expect(res.body.reportsWithoutSeries).toEqual([]);
      expect(res.body.canCreateSeries).toBe(false);
    } else {
      expect(res.body.upcoming).toEqual([]);
      expect(res.text).not.toContain(seriesId);
      expect(res.body.reportsWithoutSeries.map((p) => p.id)).toEqual(viewer === 'skipLevel' ? [org.partner.id] : []);
      expect(res.body.canCreateSeries).toBe(viewer !== 'otherReport');
    }
  });

  it('counts the preparation of the next meeting and tells each side what is left to do', async () => {
    const o = await buildOrganisation(database.db, auth);
    const manager = await signIn(app, o.partner.email, TEST_PASSWORD);
    const report = await signIn(app, o.self.email, TEST_PASSWORD);
    const s = await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id });
    const [next, second] = await meetingsOf(database.db, s.id);
    const before = await call<Home>(app, 'GET', '/api/home', { cookie: report });
    expect(before.body.upcoming[0]).toMatchObject({
      meeting: { id: next!.id },
      prep: { reportTopics: 0, managerTopics: 0, preQuestions: 0, preQuestionsAnswered: 0, checkedIn: false },
      tasks: ['addTopics', 'checkIn'],
    });
    await insertTopic(database.db, { meetingId: next!.id, authorId: o.self.id, title: '共有した話題' });
    await insertTopic(database.db, { meetingId: next!.id, authorId: o.self.id, title: '下書き', visibility: 'private' });
    await insertTopic(database.db, { meetingId: next!.id, authorId: o.partner.id, title: '上司の話題' });
    await insertTopic(database.db, { meetingId: second!.id, authorId: o.self.id, title: '次の次の話題' });
    await database.db.insert(preQuestions).values([
      { meetingId: next!.id, authorId: o.partner.id, text: '最近困っていることは?' },
      { meetingId: next!.id, authorId: o.partner.id, text: '今日話したいことは何ですか?', answer: '評価について', answeredAt: new Date() },
    ]);
    const mine = await call<Home>(app, 'GET', '/api/home', { cookie: report });
    expect(mine.body.upcoming[0]).toMatchObject({
      prep: { reportTopics: 1, managerTopics: 1, preQuestions: 2, preQuestionsAnswered: 1, checkedIn: false },
      tasks: ['answerPreQuestions', 'checkIn'],
    });
    await consentToCheckIns(database.db, o.self.id);
    expect((await call(app, 'PUT', `/api/meetings/${next!.id}/check-in`, { cookie: report, body: { score: 3 } })).status).toBe(200);
    const theirs = await call<Home>(app, 'GET', '/api/home', { cookie: manager });
    expect(theirs.body.upcoming[0]).toMatchObject({
      prep: { reportTopics: 1, managerTopics: 1, preQuestions: 2, preQuestionsAnswered: 1, checkedIn: true },
      tasks: ['readPrepBrief'],
    });
    expect(theirs.text).not.toContain('下書き');
    // A cancelled next meeting gives way to the following one.
    await call(app, 'POST', `/api/meetings/${next!.id}/cancel`, { cookie: manager, body: { reason: '出張' } });
    const after = await call<Home>(app, 'GET', '/api/home', { cookie: manager });
    expect(after.body.upcoming[0]).toMatchObject({ meeting: { id: second!.id }, prep: { reportTopics: 1, preQuestions: 0 } });
  });

  it('sends the same number of SQL queries for a manager with 2 series and one with 8', async () => {
    const o = await buildOrganisation(database.db, auth);
    const [small, large] = await insertPeople(database.db, auth, [
      { familyName: '少', givenName: '数', managerId: o.skipLevel.id },
      { familyName: '多', givenName: '数', managerId: o.skipLevel.id },
    ]);
    const smallReports = await insertPeople(database.db, auth, Array.from({ length: 2 }, (_, i) => ({ familyName: `小${i}`, givenName: '部下', managerId: small!.id })));
    const largeReports = await insertPeople(database.db, auth, Array.from({ length: 8 }, (_, i) => ({ familyName: `大${i}`, givenName: '部下', managerId: large!.id })));
    for (const r of smallReports) await createSeries(database.db, { managerId: small!.id, reportId: r.id });
    for (const r of largeReports) {
      const s = await createSeries(database.db, { managerId: large!.id, reportId: r.id });
      const [m] = await meetingsOf(database.db, s.id);
      await insertTopic(database.db, { meetingId: m!.id, authorId: r.id, title: '話題' });
    }
    const smallCookie = await signIn(app, small!.email, TEST_PASSWORD);
    const largeCookie = await signIn(app, large!.email, TEST_PASSWORD);
    const home = (cookie: string) => countQueries(database.pool, () => call<Home>(app, 'GET', '/api/home', { cookie }));
    await home(smallCookie); // warm up
    const two = await home(smallCookie);
    const eight = await home(largeCookie);
    expect(two.result.body.upcoming).toHaveLength(2);
    expect(eight.result.body.upcoming).toHaveLength(8);
    expect(eight.result.body.upcoming.every((u) => u.prep.reportTopics === 1)).toBe(true);
    expect(two.queries.length).toBeGreaterThan(0);
    expect(eight.queries.length).toBe(two.queries.length);
  });
});

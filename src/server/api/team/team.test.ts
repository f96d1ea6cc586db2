import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '../../../domain/team.js';
import { checkIns, preQuestions, series } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { countQueries, testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { viewers, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertPastMeeting, insertTopic, meetingsOf } from '../../test/series.js';

const SHARED_TOPIC = '転職を考えていることについて';
const PRIVATE_TOPIC = '評価への不満（下書き）';
const MANAGER_TOPIC = '来期の役割の相談';
const QUESTION = '最近眠れていますか';
const ANSWER = '実はあまり眠れていません';
const COMMENT = '家族のことで余裕がない';

describe.skipIf(noDatabase)('GET /api/team: the manager’s team view', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let nextMeetingId: string;
  let lastHeldId: string;
  let offeredId: string;
  let partnerOnlyId: string;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    auth = built.services.auth;
    org = await buildOrganisation(database.db, built.services.auth);
    cookies = await signInAll(app, org);
    const db = database.db;
    seriesId = (await createSeries(db, { managerId: org.partner.id, reportId: org.self.id })).id;
    const s = { seriesId, reportId: org.self.id };
    // Steady at 4 for a month, then two check-ins at 2: a sustained drop against the own baseline.
    for (const daysAgo of [70, 63, 56, 49]) await insertPastMeeting(db, { ...s, daysAgo, score: 4 });
    await insertPastMeeting(db, { ...s, daysAgo: 42, score: 2 });
    lastHeldId = await insertPastMeeting(db, { ...s, daysAgo: 35, score: 2 });
    // Then the last two cadence meetings were cancelled (repeated cancellations), and one just passed.
    await insertPastMeeting(db, { ...s, daysAgo: 28, status: 'cancelled' });
    await insertPastMeeting(db, { ...s, daysAgo: 21, status: 'cancelled' });
    await insertPastMeeting(db, { ...s, daysAgo: 14, status: 'scheduled' });
    nextMeetingId = (await meetingsOf(db, seriesId)).find((m) => m.startsAt.getTime() > Date.now())!.id;
    await insertTopic(db, { meetingId: nextMeetingId, authorId: org.self.id, title: SHARED_TOPIC });
    await insertTopic(db, { meetingId: nextMeetingId, authorId: org.self.id, title: PRIVATE_TOPIC, visibility: 'private' });
    await insertTopic(db, { meetingId: nextMeetingId, authorId: org.partner.id, title: MANAGER_TOPIC });
    await db.insert(preQuestions).values([
      { meetingId: nextMeetingId, authorId: org.partner.id, text: QUESTION, answer: ANSWER, answeredAt: new Date() },
      { meetingId: nextMeetingId, authorId: org.partner.id, text: '今週よかったことは？' },
    ]);
    await db.insert(checkIns).values({ meetingId: nextMeetingId, reportId: org.self.id, score: 2, comment: COMMENT });
    // The skip-level offers a series to the report (not accepted: nothing of it shows), and holds an
    // accepted one with the other report (a series partner who is not their primary manager).
    offeredId = (await createSeries(db, { managerId: org.skipLevel.id, reportId: org.self.id })).id;
    await db.update(series).set({ status: 'pending' }).where(eq(series.id, offeredId));
    partnerOnlyId = (await createSeries(db, { managerId: org.skipLevel.id, reportId: org.otherReport.id })).id;
  });

  const teamOf = async (viewer: Viewer) => {
    const res = await call<Team>(app, 'GET', '/api/team', { cookie: cookies[viewer] });
    expect(res.status).toBe(200);
    return res;
  };

  it('the manager sees each report’s preparation, cadence, condition trend and warnings', async () => {
    const { body } = await teamOf('partner');
    const me = body.members.find((m) => m.person.id === org.self.id)!;
    expect(me.direct).toBe(true);
    const s = me.series!;
    expect(s.id).toBe(seriesId);
    expect(s.next?.meetingId).toBe(nextMeetingId);
    // The report's private draft is not counted; only shared topics.
    expect(s.next?.prep).toEqual({ reportTopics: 1, managerTopics: 1, preQuestions: 2, preQuestionsAnswered: 1, checkedIn: true });
    const lastHeld = (await meetingsOf(database.db, seriesId)).find((m) => m.id === lastHeldId);
    expect(s.lastHeldAt).toBe(lastHeld!.startsAt.toISOString());
    expect(s.missed).toBe(1);
    expect(s.condition.points.map((p) => p.score)).toEqual([4, 4, 4, 4, 2, 2, 2]);
    expect(s.condition.baseline).toBe(4);
    expect(s.warnings).toEqual({ sustainedDrop: true, repeatedCancellations: true });
    // The formality figures are the series' own signals, as GET /api/series/{id}/signals gives them.
    const signals = await call<{ figures: unknown; nudges: unknown }>(app, 'GET', `/api/series/${seriesId}/signals`, { cookie: cookies.partner });
    expect(signals.status).toBe(200);
    expect(s.figures).toEqual(signals.body.figures);
    expect(s.nudges).toEqual(signals.body.nudges);
  });

  it('a direct report without a series is listed without figures; a former employee is not', async () => {
    const { body } = await teamOf('partner');
    const other = body.members.find((m) => m.person.id === org.otherReport.id);
    expect(other).toEqual({ person: expect.objectContaining({ id: org.otherReport.id }), direct: true, series: null });
    expect(body.members.some((m) => m.person.id === org.former.id)).toBe(false);
    expect(body.members).toHaveLength(2);
  });

  it('no topic, note, question, answer or check-in comment text reaches the team view', async () => {
    const { text } = await teamOf('partner');
    for (const secret of [SHARED_TOPIC, PRIVATE_TOPIC, MANAGER_TOPIC, QUESTION, ANSWER, COMMENT]) expect(text).not.toContain(secret);
  });

  it('a skip-level manager sees their own report and series, never their report’s reports’ 1on1s', async () => {
    const { body, text } = await teamOf('skipLevel');
    expect(text).not.toContain(org.self.id);
    expect(text).not.toContain(seriesId);
    expect(text).not.toContain(offeredId);
    const partner = body.members.find((m) => m.person.id === org.partner.id);
    expect(partner).toMatchObject({ direct: true, series: null });
    // The series they hold with someone else's report shows (its content is theirs), marked not direct.
    const other = body.members.find((m) => m.person.id === org.otherReport.id)!;
    expect(other.direct).toBe(false);
    expect(other.series?.id).toBe(partnerOnlyId);
    expect(other.series?.condition.points).toEqual([]);
    expect(body.members).toHaveLength(2);
  });

  it('a report, hr and admin (without reports) are refused; anonymous gets 401', async () => {
    for (const viewer of viewers.filter((v) => v !== 'partner' && v !== 'skipLevel')) {
      const res = await call(app, 'GET', '/api/team', { cookie: cookies[viewer], lang: 'en' });
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else {
        expectError(res, 403, 'forbidden');
        expect(res.text).not.toContain(org.self.id);
      }
    }
  });

  it('keeps to the same few SQL statements however many reports the manager has', async () => {
    const db = database.db;
    const [manager] = await insertPeople(db, auth, [{ familyName: '大人数', givenName: '課長' }]);
    const add = async (n: number) => {
      const people = await insertPeople(db, auth, Array.from({ length: n }, (_, i) => ({ familyName: '部下', givenName: `${i}`, managerId: manager!.id })));
      for (const p of people) {
        const id = (await createSeries(db, { managerId: manager!.id, reportId: p.id })).id;
        await insertPastMeeting(db, { seriesId: id, reportId: p.id, daysAgo: 7, score: 3 });
      }
    };
    await add(1);
    const cookie = await signIn(app, manager!.email, TEST_PASSWORD);
    const team = () => call<Team>(app, 'GET', '/api/team', { cookie });
    const one = await countQueries(database.pool, team);
    await add(5);
    const six = await countQueries(database.pool, team);
    expect(one.result.body.members).toHaveLength(1);
    expect(six.result.body.members).toHaveLength(6);
    expect(six.result.body.members.every((m) => m.series?.condition.points.length === 1)).toBe(true);
    expect(six.queries.length).toBe(one.queries.length);
    // Session, actor and the team view's own five statements.
    expect(one.queries.length).toBeLessThanOrEqual(10);
  });

  it('a paused series stays in the view; an ended one leaves it; hr who manages sees only their own report', async () => {
    const db = database.db;
    const [hrManager] = await insertPeople(db, auth, [{ familyName: '人事', givenName: '兼務', isHr: true }]);
    const [a, b] = await insertPeople(db, auth, [
      { familyName: '休止', givenName: '中', managerId: hrManager!.id },
      { familyName: '終了', givenName: '済', managerId: hrManager!.id },
    ]);
    const paused = (await createSeries(db, { managerId: hrManager!.id, reportId: a!.id })).id;
    const ended = (await createSeries(db, { managerId: hrManager!.id, reportId: b!.id })).id;
    await db.update(series).set({ status: 'paused' }).where(eq(series.id, paused));
    await db.update(series).set({ status: 'ended' }).where(eq(series.id, ended));
    const res = await call<Team>(app, 'GET', '/api/team', { cookie: await signIn(app, hrManager!.email, TEST_PASSWORD) });
    expect(res.status).toBe(200);
    expect(res.body.members.map((m) => [m.person.id, m.series?.id ?? null, m.series?.status ?? null])).toEqual(
      expect.arrayContaining([
        [a!.id, paused, 'paused'],
        [b!.id, null, null],
      ]),
    );
    expect(res.body.members).toHaveLength(2);
    // hr's role gives nothing more: the organisation's other reports are not there.
    expect(res.text).not.toContain(org.self.id);
    expect(res.text).not.toContain(seriesId);
  });
});

import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReflectionSummary, ReflectionView } from '../../../domain/followUp.js';
import { addMonths, latestClosedMonth, monthBounds } from '../../../domain/aggregates.js';
import { auditEvents, meetings, reflections } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type InsertedPerson, type Organisation } from '../../test/factories.js';
import { expectNoReportRatings, expectRefused, outsiders, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertPastMeeting, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

describe.skipIf(noDatabase)('reflections: ratings are pair-aggregate, text is pair', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  /** Read and refused only: a test that changes data builds its own with `world()`. */
  let shared: World;
  const pathOf = (meetingId: string) => `/api/meetings/${meetingId}/reflection`;

  interface World {
    org: Organisation;
    cookies: Record<Viewer, string | null>;
    /** A third report of the same manager, not signed in. */
    third: InsertedPerson;
    seriesId: string;
    /** A past meeting whose minutes are shared. */
    meetingId: string;
    upcomingId: string;
  }

  /** A fresh organisation with the pair's series, its next meeting and a past one with shared minutes. */
  async function world(): Promise<World> {
    const org = await buildOrganisation(database.db, auth);
    const cookies = await signInAll(app, org);
    const third = (await insertPeople(database.db, auth, [{ familyName: '山本', givenName: '蓮', managerId: org.partner.id }]))[0]!;
    const { id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const upcomingId = (await meetingsOf(database.db, seriesId))[0]!.id;
    const meetingId = await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 7, status: 'shared' });
    return { org, cookies, third, seriesId, meetingId, upcomingId };
  }

  beforeAll(async () => {
    ({
      app,
      services: { auth },
    } = testApp(database));
    shared = await world();
    const own = await call(app, 'PUT', pathOf(shared.meetingId), {
      cookie: shared.cookies.self,
      body: { feltHeard: 2, useful: 2, gained: '話せてよかった', improve: null },
    });
    expect(own.status).toBe(200);
  });

  it('not before the minutes are shared (409), and bad input is 400 per side; nothing written', async () => {
    const { cookies, meetingId, upcomingId } = shared;
    const before = await databaseSnapshot(database.db);
    const early = await call(app, 'PUT', `/api/meetings/${upcomingId}/reflection`, { cookie: cookies.self, body: { feltHeard: 4, useful: 4 } });
    expect(expectError(early, 409, 'conflict').message).toBe('振り返りは議事録が共有されてから書けます。');
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 6 } }), { feltHeard: '5以下の値を入力してください。' });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 5 } }), { useful: '入力してください。' });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.partner, body: { gained: '良かった' } }), { ownListening: '入力してください。' });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 3, useful: 3, ownListening: 4 } }), {
      ownListening: 'この項目は指定できません。',
    });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.partner, body: { feltHeard: 5, useful: 5, ownListening: 4 } }), {
      feltHeard: 'この項目は指定できません。',
      useful: 'この項目は指定できません。',
    });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.partner, body: { ownListening: 0, gained: 'x'.repeat(2001) } }), {
      ownListening: '1以上の値を入力してください。',
      gained: '2000文字以内で入力してください。',
    });
    expectFields(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.partner, body: { ownListening: 2.5 } }), { ownListening: '形式が正しくありません。' });
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('each side reflects; the manager reads the report’s text, never their ratings', async () => {
    const { org, cookies, meetingId } = await world();
    const mine = await call<ReflectionView>(app, 'PUT', pathOf(meetingId), {
      cookie: cookies.self,
      body: { feltHeard: 1, useful: 2, gained: '話せてよかった', improve: '時間が短い' },
    });
    expect(mine.body).toMatchObject({
      mine: { role: 'report', feltHeard: 1, useful: 2, ownListening: null, gained: '話せてよかった' },
      partner: null,
      abilities: { reflect: true },
    });
    const manager = await call<ReflectionView>(app, 'PUT', pathOf(meetingId), {
      cookie: cookies.partner,
      body: { ownListening: 4, gained: '悩みを知れた', improve: null },
    });
    expect(manager.body.mine).toMatchObject({ role: 'manager', ownListening: 4, feltHeard: null, useful: null, improve: null });
    expect(manager.body.partner).toEqual({ role: 'report', gained: '話せてよかった', improve: '時間が短い' });
    expectNoReportRatings(manager);
    const report = await call<ReflectionView>(app, 'GET', pathOf(meetingId), { cookie: cookies.self });
    expect(report.body.partner).toEqual({ role: 'manager', gained: '悩みを知れた', improve: null });
    expect(report.text).not.toMatch(/"ownListening":\s*4/);
    // Each read of the other's text is recorded for its author (ADR 0210); the first PUT showed none.
    const reads = await database.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'reflection.read'), eq(auditEvents.targetId, meetingId)));
    expect(reads.map((e) => [e.actorId, e.subjectId]).sort()).toEqual(
      [
        [org.partner.id, org.self.id],
        [org.self.id, org.partner.id],
      ].sort(),
    );
    // Revising replaces, never duplicates.
    await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 1, useful: 1 } });
    expect(await database.db.select().from(reflections).where(eq(reflections.meetingId, meetingId))).toHaveLength(2);
  });

  it.each(outsiders)('%s reads and writes no reflection', async (viewer) => {
    const { cookies, meetingId } = shared;
    const before = await databaseSnapshot(database.db);
    const res = await call(app, 'GET', pathOf(meetingId), { cookie: cookies[viewer] });
    expectRefused(viewer, res);
    expect(res.text).not.toContain('話せてよかった');
    expectRefused(viewer, await call(app, 'PUT', pathOf(meetingId), { cookie: cookies[viewer], body: { ownListening: 5 } }));
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('the summary is suppressed under 3 reports and an average from 3, over closed months only; no endpoint gives the manager one report’s ratings', async () => {
    const { org, cookies, third, seriesId, meetingId, upcomingId } = await world();
    const tz = 'Asia/Tokyo';
    const to = latestClosedMonth(new Date(), tz);
    const from = addMonths(to, -2);
    /** Time passes: the meeting now lies in a closed month (`monthsBack` before the newest one). */
    const closeMonthOf = (id: string, monthsBack = 0) =>
      database.db
        .update(meetings)
        .set({ startsAt: new Date(monthBounds(addMonths(to, -monthsBack), tz).start.getTime() + 2 * 86_400_000) })
        .where(eq(meetings.id, id));
    // The report reflects on the past meeting: 1 and 1. Its month is still open: nothing is counted yet.
    expect((await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 1, useful: 1, gained: '話せてよかった' } })).status).toBe(200);
    const summary = (cookie: string | null) => call<ReflectionSummary>(app, 'GET', '/api/reflections/summary', { cookie });
    expect((await summary(cookies.partner)).body).toEqual({ from, to, contributors: 0, minGroup: 3, suppressed: true });
    await closeMonthOf(meetingId);
    const one = await summary(cookies.partner);
    expect(one.body).toEqual({ from, to, contributors: 1, minGroup: 3, suppressed: true });
    // A second report reflects; a third one only on a meeting before the last three closed months (does not count).
    const s2 = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    const m2 = await insertPastMeeting(database.db, { seriesId: s2.id, reportId: org.otherReport.id, daysAgo: 3 });
    await call(app, 'PUT', `/api/meetings/${m2}/reflection`, { cookie: cookies.otherReport, body: { feltHeard: 5, useful: 5 } });
    await closeMonthOf(m2, 1);
    const s3 = await createSeries(database.db, { managerId: org.partner.id, reportId: third.id });
    const old = await insertPastMeeting(database.db, { seriesId: s3.id, reportId: third.id, daysAgo: 2 });
    const thirdCookie = await signIn(app, third.email, TEST_PASSWORD);
    expect((await call(app, 'PUT', `/api/meetings/${old}/reflection`, { cookie: thirdCookie, body: { feltHeard: 3, useful: 3 } })).status).toBe(200);
    await closeMonthOf(old, 3);
    const two = await summary(cookies.partner);
    expect(two.body).toEqual({ from, to, contributors: 2, minGroup: 3, suppressed: true });
    expectNoReportRatings(two);
    const recent = await insertPastMeeting(database.db, { seriesId: s3.id, reportId: third.id, daysAgo: 1 });
    await call(app, 'PUT', `/api/meetings/${recent}/reflection`, { cookie: thirdCookie, body: { feltHeard: 3, useful: 3 } });
    await closeMonthOf(recent, 2);
    const three = await summary(cookies.partner);
    // (1 + 5 + 3) / 3 = 3 and (1 + 5 + 3) / 3 = 3.
    expect(three.body).toEqual({ from, to, contributors: 3, minGroup: 3, suppressed: false, feltHeard: 3, useful: 3, responses: 3 });

    // One new rating in the open month moves nothing the manager sees.
    const fresh = await insertPastMeeting(database.db, { seriesId, reportId: org.self.id, daysAgo: 1 });
    expect((await call(app, 'PUT', pathOf(fresh), { cookie: cookies.self, body: { feltHeard: 5, useful: 5 } })).status).toBe(200);
    expect((await summary(cookies.partner)).body).toEqual(three.body);
    // Nor can a rating of a closed month change any more (its text still can).
    expectError(await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 5, useful: 5 } }), 409, 'conflict');
    expect((await call(app, 'PUT', pathOf(meetingId), { cookie: cookies.self, body: { feltHeard: 1, useful: 1, gained: '書き直した' } })).status).toBe(200);
    expect((await summary(cookies.partner)).body).toEqual(three.body);
    // The manager's view of the report's reflection tells no time (when they wrote it is when they rated).
    const view = await call<ReflectionView>(app, 'GET', pathOf(fresh), { cookie: cookies.partner });
    expect(view.body.partner).toEqual({ role: 'report', gained: null, improve: null });

    // Every endpoint the manager can call about the report's meeting leaves the ratings out.
    for (const p of [
      pathOf(meetingId),
      `/api/meetings/${meetingId}`,
      `/api/series/${seriesId}/history`,
      `/api/search?q=${encodeURIComponent('話せて')}`,
      '/api/home',
      `/api/meetings/${upcomingId}/prep-brief`,
      `/api/meetings/${meetingId}/minutes`,
    ]) {
      const res = await call(app, 'GET', p, { cookie: cookies.partner });
      expectNoReportRatings(res);
    }
    // Others get no average at all: nobody reports to them in a series.
    for (const viewer of ['self', 'skipLevel', 'hr', 'admin'] as Viewer[]) {
      const res = await summary(cookies[viewer]);
      expect(res.body).toMatchObject({ suppressed: true, contributors: 0 });
      expectNoReportRatings(res);
    }
    expectError(await summary(null), 401, 'unauthenticated');
  });
});

import { and, desc, eq, lt, ne, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, latestClosedMonth, monthBounds } from '../../../domain/aggregates.js';
import { formalityNudges, type FormalityFigures, type ManagerSignals, type PracticeTable, type SeriesSignals, practiceQuerySchema } from '../../../domain/formality.js';
import { practiceTable, seriesFigures, snapshotPractice } from '../../analytics/formality.js';
import { actionItems, analyticsSnapshots, checkIns, departments, meetings, reflections, series, topics } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, insertPeople, TEST_PASSWORD, signInAll, type InsertedPerson, type Organisation } from '../../test/factories.js';
import { viewers, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries } from '../../test/series.js';

const DAY = 86_400_000;
const TOPIC = '今週の進捗報告と来週の予定';
const NOTE = '家族の事情で悩んでいる';
const REASON = '通院のため';

describe.skipIf(noDatabase)('formality signals: figures in SQL, nudges for the manager, practice metadata for hr', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  const now = new Date();

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
    cookies = await signInAll(app, org);
  });

  /** A fresh manager and report in a department of their own, and their series (meetings from tomorrow on). */
  async function pair(departmentId?: string) {
    const [manager] = await insertPeople(database.db, auth, [{ familyName: '上司', givenName: '一郎', departmentId: departmentId ?? null }]);
    const [report] = await insertPeople(database.db, auth, [{ familyName: '部下', givenName: '二郎', managerId: manager!.id, departmentId: departmentId ?? null }]);
    const s = await createSeries(database.db, { managerId: manager!.id, reportId: report!.id });
    return { manager: manager!, report: report!, seriesId: s.id };
  }

  type MeetingSpec = { daysAgo: number; status?: 'shared' | 'scheduled' | 'cancelled' | 'inProgress'; extra?: boolean; moved?: boolean; topics?: { by: 'report' | 'manager'; title: string; late?: boolean; statusReport?: boolean | null }[] };
  /** Past meetings with shared topics: written a day before the meeting unless `late` (added during it). */
  async function history(p: { manager: InsertedPerson; report: InsertedPerson; seriesId: string }, list: MeetingSpec[]) {
    for (const spec of list) {
      const startsAt = new Date(now.getTime() - spec.daysAgo * DAY);
      const [m] = await database.db
        .insert(meetings)
        .values({
          seriesId: p.seriesId,
          startsAt,
          durationMinutes: 30,
          status: spec.status ?? 'shared',
          extra: spec.extra ?? false,
          startedAt: spec.status === 'cancelled' || spec.status === 'scheduled' ? null : startsAt,
          ...(spec.moved ? { rescheduledAt: new Date(startsAt.getTime() - DAY), rescheduleReason: REASON } : {}),
          ...(spec.status === 'cancelled' ? { cancelReason: REASON, cancelledAt: startsAt, cancelledById: p.manager.id } : {}),
        })
        .returning({ id: meetings.id });
      for (const [i, t] of (spec.topics ?? []).entries()) {
        const at = new Date(startsAt.getTime() + (t.late ? 10 * 60_000 : -DAY));
        await database.db.insert(topics).values({
          meetingId: m!.id,
          authorId: t.by === 'report' ? p.report.id : p.manager.id,
          title: t.title,
          note: NOTE,
          category: 'workChallenges',
          wantedResponse: 'listen',
          visibility: 'pair',
          position: i,
          createdAt: at,
          sharedAt: at,
          statusReport: t.statusReport ?? null,
        });
      }
    }
  }
  const figuresOf = async (seriesId: string): Promise<FormalityFigures> => (await seriesFigures(database.db, now, sql`s.id = ${seriesId}`))[0]!.figures;
  const career = { by: 'report' as const, title: 'キャリアの相談' };
  const status = (by: 'report' | 'manager' = 'report') => ({ by, title: TOPIC });
  /** Four held, prepared meetings with a report topic each: below every threshold. */
  const healthy = (extra: Partial<MeetingSpec> = {}): MeetingSpec[] => [7, 14, 21, 28].map((d) => ({ daysAgo: d, topics: [career, { by: 'manager', title: '次の四半期の仕事' }], ...extra }));

  it('a healthy series crosses nothing', async () => {
    const p = await pair();
    await history(p, healthy());
    const f = await figuresOf(p.seriesId);
    expect(f).toMatchObject({ planned: 4, held: 4, cancelled: 0, prepared: 4, topics: 8, reportTopics: 4, statusTopics: 0, statusMeetings: 0, purposeStale: 0 });
    expect((await call<SeriesSignals>(app, 'GET', `/api/series/${p.seriesId}/signals`, { cookie: await signIn(app, p.manager.email, TEST_PASSWORD) })).body.nudges).toEqual([]);
  });

  it('status reports: 3 of 4 meetings mostly status wording crosses; 2 of 4 does not', async () => {
    const p = await pair();
    await history(p, [
      { daysAgo: 7, topics: [status(), status('manager'), career] },
      { daysAgo: 14, topics: [status(), { by: 'report', title: 'Status update on the release' }] },
      { daysAgo: 21, topics: [status(), career] },
      { daysAgo: 28, topics: [career, { by: 'manager', title: '来期の役割' }] },
    ]);
    const f = await figuresOf(p.seriesId);
    expect(f).toMatchObject({ meetingsWithTopics: 4, statusMeetings: 3, statusTopics: 5, topics: 9 });
    const res = await call<SeriesSignals>(app, 'GET', `/api/series/${p.seriesId}/signals`, { cookie: await signIn(app, p.manager.email, TEST_PASSWORD) });
    expect(res.body.nudges).toEqual([{ kind: 'statusReport', n: 3, of: 4, n2: 5, of2: 9 }]);
    const q = await pair();
    await history(q, [
      { daysAgo: 7, topics: [status()] },
      { daysAgo: 14, topics: [status(), career] },
      { daysAgo: 21, topics: [status(), career, career] },
      { daysAgo: 28, topics: [career] },
    ]);
    expect(await figuresOf(q.seriesId)).toMatchObject({ statusMeetings: 2, meetingsWithTopics: 4 });
  });

  it('status reports: the author’s own answer wins over the wording', async () => {
    const p = await pair();
    // Worded like a report, but its author said it is not one; and one the author marked as a report.
    const notOne = { ...status(), statusReport: false };
    await history(p, [
      { daysAgo: 7, topics: [notOne, notOne] },
      { daysAgo: 14, topics: [notOne, career] },
      { daysAgo: 21, topics: [{ ...career, statusReport: true }] },
      { daysAgo: 28, topics: [career] },
    ]);
    expect(await figuresOf(p.seriesId)).toMatchObject({ statusTopics: 1, statusMeetings: 1, meetingsWithTopics: 4 });
    // Through the API: the answer is stored with the topic and shown back to its author.
    const [next] = await database.db
      .insert(meetings)
      .values({ seriesId: p.seriesId, startsAt: new Date(Date.now() + 3 * DAY), durationMinutes: 30 })
      .returning({ id: meetings.id });
    const cookie = await signIn(app, p.report.email, TEST_PASSWORD);
    const created = await call<{ id: string; statusReport: boolean | null }>(app, 'POST', `/api/meetings/${next!.id}/topics`, {
      cookie,
      body: { title: TOPIC, category: 'workChallenges', wantedResponse: 'thinkTogether', statusReport: false },
    });
    expect(created.status).toBe(201);
    expect(created.body.statusReport).toBe(false);
    const edited = await call<{ statusReport: boolean | null }>(app, 'PATCH', `/api/topics/${created.body.id}`, { cookie, body: { statusReport: null } });
    expect(edited.body.statusReport).toBeNull();
    expectFields(await call(app, 'PATCH', `/api/topics/${created.body.id}`, { cookie, body: { statusReport: 'no' } }), { statusReport: expect.any(String) });
  });

  it('cancellations, cadence and reschedules: each on both sides of its line', async () => {
    const cancelled = await pair();
    await history(cancelled, [...healthy(), { daysAgo: 35, status: 'cancelled' }, { daysAgo: 42, status: 'cancelled' }]);
    expect(await figuresOf(cancelled.seriesId)).toMatchObject({ planned: 6, held: 4, cancelled: 2 });
    const [c] = await seriesFigures(database.db, now, sql`s.id = ${cancelled.seriesId}`);
    expect(formalityNudges(c!.figures).map((n) => n.kind)).toEqual(['cancellations']);

    const missed = await pair();
    // Two meetings that simply did not happen (still scheduled), an extra meeting that is not planned.
    await history(missed, [...healthy(), { daysAgo: 35, status: 'scheduled' }, { daysAgo: 42, status: 'scheduled' }, { daysAgo: 3, extra: true, topics: [career] }]);
    const m = await figuresOf(missed.seriesId);
    expect(m).toMatchObject({ planned: 6, held: 5, cancelled: 0 });
    expect(formalityNudges(m).map((n) => n.kind)).toEqual([]);
    await history(missed, [{ daysAgo: 49, status: 'scheduled' }]);
    expect(formalityNudges(await figuresOf(missed.seriesId)).map((n) => n.kind)).toEqual(['cadence']);

    const moved = await pair();
    await history(moved, healthy({ moved: true }));
    expect(await figuresOf(moved.seriesId)).toMatchObject({ rescheduled: 4 });
    expect(formalityNudges(await figuresOf(moved.seriesId)).map((n) => n.kind)).toEqual(['reschedules']);
  });

  it('agenda in advance and topics by the report', async () => {
    const late = await pair();
    await history(late, [
      { daysAgo: 7, topics: [{ ...career, late: true }] },
      { daysAgo: 14, topics: [{ ...career, late: true }] },
      { daysAgo: 21, topics: [career] },
      { daysAgo: 28, topics: [] },
    ]);
    const f = await figuresOf(late.seriesId);
    expect(f).toMatchObject({ held: 4, prepared: 1, meetingsWithTopics: 3 });
    expect(formalityNudges(f).map((n) => n.kind)).toEqual(['agenda']);

    const managerLed = await pair();
    await history(
      managerLed,
      [7, 14, 21, 28].map((d) => ({ daysAgo: d, topics: [{ by: 'manager' as const, title: '来期の体制' }, ...(d === 7 ? [career] : [])] })),
    );
    const g = await figuresOf(managerLed.seriesId);
    expect(g).toMatchObject({ topics: 5, reportTopics: 1 });
    expect(formalityNudges(g).map((n) => n.kind)).toEqual(['reportTopics']);
  });

  it('action items due in the window: under half done crosses; items not yet due are not counted', async () => {
    const p = await pair();
    await history(p, healthy());
    const item = (status: 'open' | 'done', due: string | null, daysAgo = 20) => ({
      seriesId: p.seriesId,
      ownerId: p.report.id,
      createdById: p.manager.id,
      title: NOTE,
      status,
      dueDate: due,
      createdAt: new Date(now.getTime() - daysAgo * DAY),
    });
    const past = new Date(now.getTime() - 3 * DAY).toISOString().slice(0, 10);
    const ahead = new Date(now.getTime() + 10 * DAY).toISOString().slice(0, 10);
    await database.db.insert(actionItems).values([item('done', past), item('open', past), item('open', null), item('open', ahead), item('open', past, 200)]);
    const f = await figuresOf(p.seriesId);
    expect(f).toMatchObject({ actionItems: 3, actionItemsDone: 1 });
    expect(formalityNudges(f).map((n) => n.kind)).toEqual(['actionItems']);
    await database.db.insert(actionItems).values(item('done', null));
    expect(formalityNudges(await figuresOf(p.seriesId)).map((n) => n.kind)).toEqual([]);
  });

  it('purpose: stale after a quarter unconfirmed; writing it again (either side) confirms it', async () => {
    const p = await pair();
    await history(p, healthy());
    await database.db.update(series).set({ createdAt: new Date(now.getTime() - 200 * DAY) }).where(eq(series.id, p.seriesId));
    expect(await figuresOf(p.seriesId)).toMatchObject({ purposeStale: 1, purposeAgeDays: 200 });
    const cookie = await signIn(app, p.report.email, TEST_PASSWORD);
    expect((await call(app, 'PATCH', `/api/series/${p.seriesId}`, { cookie, body: { purpose: '成長と信頼のための時間' } })).status).toBe(200);
    const after = await call<SeriesSignals>(app, 'GET', `/api/series/${p.seriesId}/signals`, { cookie: await signIn(app, p.manager.email, TEST_PASSWORD) });
    expect(after.body.figures).toMatchObject({ purposeStale: 0, purposeAgeDays: 0 });
  });

  it('the window: the last 90 days, at most the 8 most recent meetings', async () => {
    const p = await pair();
    await history(p, [...Array.from({ length: 10 }, (_, i) => ({ daysAgo: 7 * (i + 1), topics: [career] })), { daysAgo: 100, status: 'cancelled' }]);
    expect(await figuresOf(p.seriesId)).toMatchObject({ planned: 8, held: 8, cancelled: 0, topics: 8 });
  });

  it('series signals: its manager only; the report never sees them', async () => {
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    await history({ manager: org.partner, report: org.self, seriesId: s.id }, [7, 14, 21, 28].map((d) => ({ daysAgo: d, topics: [status(), status('manager')] })));
    for (const viewer of viewers) {
      const res = await call<SeriesSignals>(app, 'GET', `/api/series/${s.id}/signals`, { cookie: cookies[viewer] });
      if (viewer === 'partner') {
        expect(res.status).toBe(200);
        expect(res.body.nudges[0]).toEqual({ kind: 'statusReport', n: 4, of: 4, n2: 8, of2: 8 });
        expect(res.text).not.toContain(TOPIC);
        expect(res.text).not.toContain(NOTE);
      } else if (viewer === 'self') expectError(res, 403, 'forbidden');
      else if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expectError(res, 404, 'not_found');
    }
    // On the home page: the manager gets the nudge with its series; the report gets no signals at all.
    const home = await call<{ signals: ManagerSignals | null }>(app, 'GET', '/api/home', { cookie: cookies.partner });
    const mine = home.body.signals!.series.find((x) => x.seriesId === s.id)!;
    expect(mine.report.id).toBe(org.self.id);
    expect(mine.nudges.map((n) => n.kind)).toContain('statusReport');
    const reportHome = await call<{ signals: ManagerSignals | null }>(app, 'GET', '/api/home', { cookie: cookies.self });
    expect(reportHome.body.signals).toBeNull();
    expect(reportHome.text).not.toContain('statusReport');
    for (const viewer of ['otherReport', 'hr', 'admin'] as Viewer[]) expect((await call<{ signals: unknown }>(app, 'GET', '/api/home', { cookie: cookies[viewer] })).body.signals).toBeNull();
    expectError(await call(app, 'GET', '/api/series/00000000-0000-4000-8000-000000000000/signals', { cookie: cookies.partner }), 404, 'not_found');
  });

  it('felt heard reaches the manager only as a team average over 3 reports per closed month', async () => {
    const [boss] = await insertPeople(database.db, auth, [{ familyName: '黒田', givenName: '聡' }]);
    const reports = await insertPeople(database.db, auth, Array.from({ length: 3 }, (_, i) => ({ familyName: '部下', givenName: `${i}`, managerId: boss!.id })));
    const month = latestClosedMonth(now, 'Asia/Tokyo');
    const previous = addMonths(month, -1);
    const at = (m: string) => new Date(monthBounds(m, 'Asia/Tokyo').start.getTime() + 10 * DAY);
    const rate = async (reportId: string, m: string, feltHeard: number) => {
      const s = await createSeries(database.db, { managerId: boss!.id, reportId });
      const [row] = await database.db.insert(meetings).values({ seriesId: s.id, startsAt: at(m), durationMinutes: 30, status: 'shared' }).returning({ id: meetings.id });
      await database.db.insert(reflections).values({ meetingId: row!.id, authorId: reportId, role: 'report', feltHeard, useful: 3, gained: NOTE });
      await database.db.insert(checkIns).values({ meetingId: row!.id, reportId, score: 1 });
    };
    // Two reports in the newest closed month: hidden, so no nudge even though the previous month was higher.
    await rate(reports[0]!.id, previous, 5);
    await rate(reports[1]!.id, previous, 5);
    await rate(reports[2]!.id, previous, 4);
    await rate(reports[0]!.id, month, 3);
    await rate(reports[1]!.id, month, 4);
    const cookie = await signIn(app, boss!.email, TEST_PASSWORD);
    const before = (await call<{ signals: ManagerSignals }>(app, 'GET', '/api/home', { cookie })).body.signals;
    expect(before.feltHeard).toEqual({ month, previousMonth: previous, average: null, previous: 4.7, hiddenReason: 'tooFew' });
    expect(before.teamNudges).toEqual([]);
    await rate(reports[2]!.id, month, 3);
    const after = (await call<{ signals: ManagerSignals }>(app, 'GET', '/api/home', { cookie }));
    expect(after.body.signals.feltHeard).toMatchObject({ average: 3.3, previous: 4.7, hiddenReason: null });
    expect(after.body.signals.teamNudges).toEqual([{ kind: 'feltHeard', n: 3.3, of: 4.7, n2: null, of2: null }]);
    // No figure per series or per report carries a rating.
    for (const s of after.body.signals.series) expect(Object.keys(s.figures)).not.toContain('feltHeard');
    expect(after.text).not.toContain(NOTE);
  });

  describe('hr practice table', () => {
    const get = (viewer: Viewer, query = '') => call<PracticeTable>(app, 'GET', `/api/analytics/practice${query}`, { cookie: cookies[viewer] });
    let dept = '';
    let child = '';
    const managers: InsertedPerson[] = [];
    beforeAll(async () => {
      const [d] = await database.db.insert(departments).values({ name: '実践本部' }).returning({ id: departments.id });
      const [c] = await database.db.insert(departments).values({ name: '実践課', parentId: d!.id }).returning({ id: departments.id });
      dept = d!.id;
      child = c!.id;
      const a = await pair(dept);
      await history(a, [7, 14, 21, 28].map((d) => ({ daysAgo: d, topics: [status(), status()] })));
      const b = await pair(child);
      await history(b, [...healthy(), { daysAgo: 35, status: 'cancelled' }, { daysAgo: 42, status: 'cancelled' }]);
      managers.push(a.manager, b.manager);
    });

    it('hr and admin only', async () => {
      for (const viewer of ['self', 'partner', 'otherReport', 'skipLevel'] as Viewer[]) expectError(await get(viewer), 403, 'forbidden');
      expectError(await get('anonymous'), 401, 'unauthenticated');
      expect((await get('admin')).status).toBe(200);
    });

    it('per manager of a department and its sub-departments: counts and signals, sorted and paged', async () => {
      const res = await get('hr', `?department=${dept}&sort=cancelled&order=desc`);
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(2);
      expect(res.body.items.map((r) => r.manager.id)).toEqual([managers[1]!.id, managers[0]!.id]);
      expect(res.body.items[0]).toMatchObject({ manager: { department: '実践課' }, figures: { planned: 6, held: 4, cancelled: 2 }, signals: ['cancellations'], seriesSignals: [{ kind: 'cancellations', series: 1 }] });
      expect(res.body.items[1]).toMatchObject({ manager: { department: '実践本部' }, figures: { statusMeetings: 4, meetingsWithTopics: 4 }, signals: ['statusReport'] });
      const asc = await get('hr', `?department=${dept}&sort=cancelled&order=asc&pageSize=1&page=1`);
      expect(asc.body.items.map((r) => r.manager.id)).toEqual([managers[0]!.id]);
      expect(asc.body.total).toBe(2);
      const second = await get('hr', `?department=${dept}&sort=cancelled&order=asc&pageSize=1&page=2`);
      expect(second.body.items.map((r) => r.manager.id)).toEqual([managers[1]!.id]);
      expect((await get('hr', `?department=${child}`)).body.items.map((r) => r.manager.id)).toEqual([managers[1]!.id]);
    });

    it('returns no topic or note text, no reason, no report, no rating or condition', async () => {
      for (const viewer of ['hr', 'admin'] as Viewer[]) {
        const res = await get(viewer, `?department=${dept}`);
        for (const secret of [TOPIC, NOTE, REASON, '部下', 'キャリアの相談']) expect(res.text).not.toContain(secret);
        expect(res.text).not.toMatch(/"(feltHeard|useful|score|condition|reportId|gained|cancelReason|note)"/);
      }
    });

    it('read from the job’s snapshot once one is taken, with the figures computed at that moment and its time', async () => {
      const live = await get('hr', `?department=${dept}&sort=name&order=asc`);
      expect(Date.parse(live.body.takenAt)).toBeGreaterThan(Date.now() - 60_000);
      const at = new Date(Date.now() - 5 * 60_000);
      expect(await snapshotPractice(database.db, at)).toBeGreaterThanOrEqual(2);
      try {
        const snap = await get('hr', `?department=${dept}&sort=name&order=asc`);
        expect(snap.body.takenAt).toBe(at.toISOString());
        expect(snap.body.timeZone).toBe('Asia/Tokyo');
        // The same table as computed at that moment, whatever the sort.
        for (const q of ['sort=name&order=asc', 'sort=signals&order=desc', 'sort=cancelled&order=asc&pageSize=1&page=2']) {
          const fromSnapshot = (await get('hr', `?department=${dept}&${q}`)).body;
          const computed = await practiceTable(database.db, at, practiceQuerySchema.parse(Object.fromEntries(new URLSearchParams(`department=${dept}&${q}`))), { live: true });
          expect({ ...fromSnapshot, takenAt: null }).toEqual({ ...computed, takenAt: null });
        }
        // A meeting cancelled after the snapshot shows at the next one, not before.
        const b = snap.body.items.find((r) => r.manager.id === managers[1]!.id)!;
        const [s] = await database.db.select({ id: series.id }).from(series).where(eq(series.managerId, managers[1]!.id));
        const [m] = await database.db
          .select({ id: meetings.id, status: meetings.status })
          .from(meetings)
          .where(and(eq(meetings.seriesId, s!.id), ne(meetings.status, 'cancelled'), lt(meetings.startsAt, new Date())))
          .orderBy(desc(meetings.startsAt))
          .limit(1);
        await database.db.update(meetings).set({ status: 'cancelled' }).where(eq(meetings.id, m!.id));
        expect((await get('hr', `?department=${dept}`)).body.items.find((r) => r.manager.id === managers[1]!.id)!.figures.cancelled).toBe(b.figures.cancelled);
        await snapshotPractice(database.db, new Date());
        expect((await get('hr', `?department=${dept}`)).body.items.find((r) => r.manager.id === managers[1]!.id)!.figures.cancelled).toBe(b.figures.cancelled + 1);
        // An older snapshot never replaces a newer one.
        await snapshotPractice(database.db, at);
        expect(Date.parse((await get('hr', `?department=${dept}`)).body.takenAt)).toBeGreaterThan(at.getTime());
        await database.db.update(meetings).set({ status: m!.status }).where(eq(meetings.id, m!.id));
      } finally {
        await database.db.delete(analyticsSnapshots);
      }
    });

    it('bad queries are refused in the caller’s language', async () => {
      expectFields(await call(app, 'GET', '/api/analytics/practice?sort=rating', { cookie: cookies.hr, lang: 'en' }), { sort: expect.any(String) });
      expectFields(await get('hr', '?pageSize=500'), { pageSize: expect.any(String) });
      expectError(await get('hr', '?department=00000000-0000-4000-8000-000000000000'), 404, 'not_found');
    });
  });
});

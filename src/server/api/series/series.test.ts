import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf, weekdayOf } from '../../../domain/calendar.js';
import type { Meeting, Series } from '../../../domain/series.js';
import { series as seriesTable } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf, tokyoToday, weeklySchedule } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const outsiders = ['otherReport', 'skipLevel', 'hr', 'admin'] as const;
type MeetingPage = { items: Meeting[]; total: number; page: number; pageSize: number };
const PURPOSE = '翔太さんの成長と、困りごとの早期発見のための時間(秘密の目的)';

describe.skipIf(noDatabase)('series API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
    cookies = await signInAll(app, org);
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id, purpose: PURPOSE }));
  });

  /** A fresh organisation with its people signed in, for tests that change things. */
  async function freshOrg(...who: Viewer[]) {
    const o = await buildOrganisation(database.db, auth);
    const c = { anonymous: null } as Record<Viewer, string | null>;
    for (const v of who) if (v !== 'anonymous') c[v] = await signIn(app, o[v].email, TEST_PASSWORD);
    return { o, c };
  }

  describe('GET /api/series', () => {
    it.each(viewers)('%s: lists only the series they are one of the pair of', async (viewer) => {
      const res = await call<{ items: Series[] }>(app, 'GET', '/api/series', { cookie: cookies[viewer] });
      if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
      expect(res.status).toBe(200);
      if (viewer === 'self' || viewer === 'partner') {
        expect(res.body.items).toHaveLength(1);
        expect(res.body.items[0]).toMatchObject({
          id: seriesId,
          purpose: PURPOSE,
          myRole: viewer === 'self' ? 'report' : 'manager',
          manager: { id: org.partner.id, familyName: '田中' },
          report: { id: org.self.id, familyName: '鈴木' },
          status: 'active',
          schedule: { cadence: 'weekly', startTime: '10:00', durationMinutes: 30, timeZone: 'Asia/Tokyo' },
          abilities: { pause: viewer === 'partner', end: viewer === 'partner', update: true, requestExtra: true, readContent: true },
        });
      } else {
        // hr and admin too: the list is pair-only; they see practice metadata elsewhere.
        expect(res.body.items).toEqual([]);
        expect(res.text).not.toContain(PURPOSE);
      }
    });

    it('filters by status; a bad status is 400 in ja and en', async () => {
      const paused = await call<{ items: Series[] }>(app, 'GET', '/api/series?status=paused', { cookie: cookies.partner });
      expect(paused.body.items).toEqual([]);
      const active = await call<{ items: Series[] }>(app, 'GET', '/api/series?status=active', { cookie: cookies.partner });
      expect(active.body.items.map((s) => s.id)).toEqual([seriesId]);
      expectFields(await call(app, 'GET', '/api/series?status=gone', { cookie: cookies.partner }), {
        status: '次のいずれかを指定してください: pending, active, paused, ended, declined, all',
      });
      expectFields(await call(app, 'GET', '/api/series?status=gone', { cookie: cookies.partner, lang: 'en' }), {
        status: 'Use one of: pending, active, paused, ended, declined, all',
      });
    });
  });

  describe('GET /api/series/{id}', () => {
    it.each(viewers)('%s', async (viewer) => {
      const res = await call<Series>(app, 'GET', `/api/series/${seriesId}`, { cookie: cookies[viewer] });
      if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
      if (viewer === 'otherReport' || viewer === 'skipLevel') {
        expect(expectError(res, 404, 'not_found').message).toBe('1on1(定期)が見つかりません。');
        expect(res.text).not.toContain(PURPOSE);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.id).toBe(seriesId);
      if (viewer === 'hr' || viewer === 'admin') {
        // Practice metadata only: no purpose, no role, no ability.
        expect(res.body).toMatchObject({ purpose: null, myRole: null, status: 'active' });
        expect(Object.values(res.body.abilities).some(Boolean)).toBe(false);
        expect(res.text).not.toContain(PURPOSE);
      } else {
        expect(res.body.purpose).toBe(PURPOSE);
      }
    });

    it('unknown id → 404, malformed → 400', async () => {
      expectError(await call(app, 'GET', '/api/series/00000000-0000-4000-8000-000000000000', { cookie: cookies.partner }), 404, 'not_found');
      expectFields(await call(app, 'GET', '/api/series/abc', { cookie: cookies.partner }), { id: 'IDの形式が正しくありません。' });
    });
  });

  describe('PATCH /api/series/{id}', () => {
    it.each(viewers)('%s changing the purpose', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const purpose = `目的(${viewer})`;
      const res = await call<Series>(app, 'PATCH', `/api/series/${seriesId}`, { cookie: cookies[viewer], body: { purpose } });
      if (viewer === 'self' || viewer === 'partner') {
        expect(res.status).toBe(200);
        expect(res.body.purpose).toBe(purpose);
        await database.db.update(seriesTable).set({ purpose: PURPOSE }).where(eq(seriesTable.id, seriesId));
        return;
      }
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expectError(res, 404, 'not_found');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('only the manager changes the cadence; an empty change is 400', async () => {
      const before = await databaseSnapshot(database.db);
      const res = await call(app, 'PATCH', `/api/series/${seriesId}`, { cookie: cookies.self, body: { schedule: weeklySchedule(2) } });
      expectError(res, 403, 'forbidden');
      expectFields(await call(app, 'PATCH', `/api/series/${seriesId}`, { cookie: cookies.partner, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('POST /api/series/{id}/pause|resume|end', () => {
    it.each(['self', ...outsiders, 'anonymous'] as Viewer[])('%s cannot pause, resume or end, and nothing changes', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      for (const action of ['pause', 'resume', 'end']) {
        const res = await call(app, 'POST', `/api/series/${seriesId}/${action}`, { cookie: cookies[viewer] });
        if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
        else if (viewer === 'self') expectError(res, 403, 'forbidden');
        else expectError(res, 404, 'not_found');
      }
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('GET /api/series/{id}/meetings', () => {
    it.each(viewers)('%s', async (viewer) => {
      const res = await call<MeetingPage>(app, 'GET', `/api/series/${seriesId}/meetings`, { cookie: cookies[viewer] });
      if (viewer === 'anonymous') return void expectError(res, 401, 'unauthenticated');
      if (viewer !== 'self' && viewer !== 'partner') return void expectError(res, 404, 'not_found');
      expect(res.status).toBe(200);
      expect(res.body.total).toBeGreaterThanOrEqual(13);
      expect(res.body.items).toHaveLength(res.body.total);
      const starts = res.body.items.map((m) => m.startsAt);
      expect([...starts].sort()).toEqual(starts);
    });

    it('pages: pageSize and page; past meetings newest first', async () => {
      const all = await call<MeetingPage>(app, 'GET', `/api/series/${seriesId}/meetings`, { cookie: cookies.self });
      const second = await call<MeetingPage>(app, 'GET', `/api/series/${seriesId}/meetings?pageSize=5&page=2`, { cookie: cookies.self });
      expect(second.body).toMatchObject({ page: 2, pageSize: 5, total: all.body.total });
      expect(second.body.items.map((m) => m.id)).toEqual(all.body.items.slice(5, 10).map((m) => m.id));
      const past = await call<MeetingPage>(app, 'GET', `/api/series/${seriesId}/meetings?when=past`, { cookie: cookies.self });
      expect(past.body).toMatchObject({ items: [], total: 0 });
      expectFields(await call(app, 'GET', `/api/series/${seriesId}/meetings?pageSize=0`, { cookie: cookies.self }), { pageSize: '1以上の値を入力してください。' });
    });
  });

  describe('POST /api/series/{id}/meetings (extra 1on1)', () => {
    it.each(viewers)('%s asking for an extra meeting', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const startsAt = new Date(Date.now() + 3 * 86_400_000).toISOString();
      const res = await call<Meeting>(app, 'POST', `/api/series/${seriesId}/meetings`, {
        cookie: cookies[viewer],
        body: { startsAt, reason: `${viewer}: 相談したいことがあります` },
      });
      if (viewer === 'self' || viewer === 'partner') {
        expect(res.status).toBe(201);
        expect(res.body).toMatchObject({ seriesId, extra: true, originalDate: null, status: 'scheduled', durationMinutes: 30, reason: `${viewer}: 相談したいことがあります` });
        expect(res.body.startsAt).toBe(startsAt);
        expect((await databaseSnapshot(database.db)).meetings).toHaveLength(before.meetings!.length + 1);
        return;
      }
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expectError(res, 404, 'not_found');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('a time in the past or a bad time is 400 and writes nothing', async () => {
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', `/api/series/${seriesId}/meetings`, { cookie: cookies.self, body: { startsAt: '2020-01-01T10:00:00+09:00' } }), {
        startsAt: '過去の日時は指定できません。',
      });
      expectFields(await call(app, 'POST', `/api/series/${seriesId}/meetings`, { cookie: cookies.self, body: { startsAt: 'tomorrow' }, lang: 'en' }), {
        startsAt: 'Not a valid date.',
      });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('POST /api/series', () => {
    it.each(viewers)('%s starting a series for otherReport', async (viewer) => {
      const { o, c } = await freshOrg(viewer);
      const before = await databaseSnapshot(database.db);
      const res = await call<Series>(app, 'POST', '/api/series', { cookie: c[viewer], body: { reportId: o.otherReport.id, schedule: weeklySchedule() } });
      if (viewer === 'partner' || viewer === 'hr' || viewer === 'admin') {
        expect(res.status).toBe(201);
        // hr and admin start it with the report's primary manager, and do not see its purpose.
        expect(res.body).toMatchObject({ manager: { id: o.partner.id }, report: { id: o.otherReport.id }, status: 'active' });
        // No purpose was written: nothing language-specific is stored (the reader's language renders the default).
        expect(res.body.purpose).toBeNull();
        return;
      }
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else if (viewer === 'otherReport') expectFields(res, { reportId: '自分自身との1on1は作成できません。' });
      else expectError(res, 403, 'forbidden');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('acceptance: a weekly series generates about three months of meetings at 10:00 Tokyo time', async () => {
      const { o, c } = await freshOrg('partner', 'self');
      const schedule = weeklySchedule(1);
      const res = await call<Series>(app, 'POST', '/api/series', { cookie: c.partner, body: { reportId: o.self.id, schedule: { ...schedule, durationMinutes: 45 } } });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ myRole: 'manager', purpose: null, schedule: { cadence: 'weekly', weekday: schedule.weekday, startDate: schedule.startDate, durationMinutes: 45 } });
      const rows = await meetingsOf(database.db, res.body.id);
      // 92 days ahead of today, from tomorrow on: 13 or 14 weekly meetings.
      expect(rows.length).toBeGreaterThanOrEqual(13);
      expect(rows.length).toBeLessThanOrEqual(14);
      expect(rows[0]!.originalDate).toBe(schedule.startDate);
      for (const m of rows) {
        expect(weekdayOf(m.originalDate!)).toBe(schedule.weekday);
        expect(m.durationMinutes).toBe(45);
        expect(m.status).toBe('scheduled');
        if (!m.movedForHoliday) {
          expect(localDateOf(m.startsAt, 'Asia/Tokyo')).toBe(m.originalDate);
          expect(m.startsAt.toISOString().slice(11, 16)).toBe('01:00');
        }
      }
      expect(rows.at(-1)!.originalDate! <= addDays(tokyoToday(), 92)).toBe(true);
      // The report sees it in their list; created in English, the purpose is still not stored in any language.
      const mine = await call<{ items: Series[] }>(app, 'GET', '/api/series', { cookie: c.self });
      expect(mine.body.items.map((s) => s.id)).toEqual([res.body.id]);
      const { o: o2, c: c2 } = await freshOrg('partner', 'self');
      const en = await call<Series>(app, 'POST', '/api/series', { cookie: c2.partner, lang: 'en', body: { reportId: o2.self.id, schedule } });
      expect(en.body.purpose).toBeNull();
      const [stored] = await database.db.select({ purpose: seriesTable.purpose }).from(seriesTable).where(eq(seriesTable.id, en.body.id));
      expect(stored).toEqual({ purpose: null });
      // A written purpose can go back to the default.
      const written = await call<Series>(app, 'PATCH', `/api/series/${en.body.id}`, { cookie: c2.partner, body: { purpose: '二人の目的' } });
      expect(written.body.purpose).toBe('二人の目的');
      const reset = await call<Series>(app, 'PATCH', `/api/series/${en.body.id}`, { cookie: c2.self, body: { purpose: null } });
      expect(reset.status).toBe(200);
      expect(reset.body.purpose).toBeNull();
    });

    it('a second active series for the same pair is 409; a deactivated report is 409', async () => {
      const before = await databaseSnapshot(database.db);
      const dup = await call(app, 'POST', '/api/series', { cookie: cookies.partner, body: { reportId: org.self.id, schedule: weeklySchedule() } });
      expect(expectError(dup, 409, 'conflict').fields).toEqual({ reportId: 'この2人の1on1(定期)はすでにあります。' });
      const gone = await call(app, 'POST', '/api/series', { cookie: cookies.admin, body: { reportId: org.former.id, schedule: weeklySchedule() } });
      expectError(gone, 409, 'conflict');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    const good = () => ({ reportId: org.otherReport.id, schedule: weeklySchedule() });
    it.each([
      ['unknown cadence', () => ({ ...good(), schedule: { ...weeklySchedule(), cadence: 'daily' } }), 'schedule.cadence',
        '次のいずれかを指定してください: weekly, biweekly, monthlyDay, monthlyWeekday, everyNDays', 'Use one of: weekly, biweekly, monthlyDay, monthlyWeekday, everyNDays'],
      ['weekly without weekday', () => ({ ...good(), schedule: { ...weeklySchedule(), weekday: null } }), 'schedule.weekday', '入力してください。', 'Required.'],
      ['a series with oneself', () => ({ ...good(), reportId: org.partner.id }), 'reportId', '自分自身との1on1は作成できません。', 'Nobody can have a 1on1 series with themselves.'],
      ['a start date in the past', () => ({ ...good(), schedule: weeklySchedule(-1) }), 'schedule.startDate', '過去の日時は指定できません。', 'A date in the past is not allowed.'],
      ['malformed time 25:00', () => ({ ...good(), schedule: { ...weeklySchedule(), startTime: '25:00' } }), 'schedule.startTime',
        '時刻は HH:MM の形式で入力してください(例: 10:30)。', 'Enter the time as HH:MM (e.g. 10:30).'],
      ['an unknown time zone', () => ({ ...good(), schedule: { ...weeklySchedule(), timeZone: 'Asia/Nowhere' } }), 'schedule.timeZone',
        'タイムゾーンが正しくありません(例: Asia/Tokyo)。', 'Not a valid time zone (e.g. Asia/Tokyo).'],
    ])('%s → 400 on %s in ja and en, nothing written', async (_name, body, field, ja, en) => {
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', '/api/series', { cookie: cookies.partner, body: body() }), { [field]: ja });
      expectFields(await call(app, 'POST', '/api/series', { cookie: cookies.partner, body: body(), lang: 'en' }), { [field]: en });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('POST /api/series/bulk', () => {
    it.each(viewers)('%s', async (viewer) => {
      const { o, c } = await freshOrg(viewer);
      const before = await databaseSnapshot(database.db);
      const res = await call<{ created: number; skipped: number }>(app, 'POST', '/api/series/bulk', {
        cookie: c[viewer],
        body: { departmentId: o.departments.team, schedule: weeklySchedule() },
      });
      if (viewer === 'hr' || viewer === 'admin') {
        // partner (with skipLevel), self and otherReport (with partner); the deactivated one is left out.
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ created: 3, skipped: 0 });
        return;
      }
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else expectError(res, 403, 'forbidden');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('hr: one series per employee with a manager, existing pairs skipped, again is a no-op', async () => {
      const { o, c } = await freshOrg('hr');
      await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id });
      const res = await call<{ created: number; skipped: number }>(app, 'POST', '/api/series/bulk', {
        cookie: c.hr,
        body: { departmentId: o.departments.top, schedule: weeklySchedule() },
      });
      // top and team: skipLevel, hr, admin have no manager; self already has a series.
      expect(res.body).toEqual({ created: 2, skipped: 4 });
      const pairs = await database.db
        .select({ managerId: seriesTable.managerId, reportId: seriesTable.reportId, createdById: seriesTable.createdById })
        .from(seriesTable)
        .where(eq(seriesTable.managerId, o.partner.id));
      expect(pairs.map((p) => p.reportId).sort()).toEqual([o.self.id, o.otherReport.id].sort());
      const byHr = await database.db.select().from(seriesTable).where(eq(seriesTable.reportId, o.partner.id));
      expect(byHr.map((s) => [s.managerId, s.createdById])).toEqual([[o.skipLevel.id, o.hr.id]]);
      expect((await meetingsOf(database.db, byHr[0]!.id)).length).toBeGreaterThanOrEqual(13);
      const again = await call<{ created: number; skipped: number }>(app, 'POST', '/api/series/bulk', {
        cookie: c.hr,
        body: { departmentId: o.departments.top, schedule: weeklySchedule() },
      });
      expect(again.body).toEqual({ created: 0, skipped: 6 });
      // includeSubdepartments false: only the top department's own people.
      const own = await call<{ created: number; skipped: number }>(app, 'POST', '/api/series/bulk', {
        cookie: c.hr,
        body: { departmentId: o.departments.top, includeSubdepartments: false, schedule: weeklySchedule() },
      });
      expect(own.body).toEqual({ created: 0, skipped: 3 });
    });

    it('bad input → 400 and nothing written', async () => {
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', '/api/series/bulk', { cookie: cookies.hr, body: { departmentId: 'x', schedule: { ...weeklySchedule(), cadence: 'hourly' } } }), {
        departmentId: 'IDの形式が正しくありません。',
        'schedule.cadence': '次のいずれかを指定してください: weekly, biweekly, monthlyDay, monthlyWeekday, everyNDays',
      });
      const unknown = await call(app, 'POST', '/api/series/bulk', {
        cookie: cookies.hr,
        body: { departmentId: '00000000-0000-4000-8000-000000000000', schedule: weeklySchedule() },
      });
      expectError(unknown, 409, 'conflict');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('lifecycle: pause, resume, end, change of cadence', () => {
    it('pause drops unprepared future meetings and keeps prepared ones; resume brings them back from today; end stops it', async () => {
      const { o, c } = await freshOrg('partner', 'self');
      const s = await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id, schedule: weeklySchedule(1) });
      const generated = await meetingsOf(database.db, s.id);
      const prepared = generated[2]!;
      await insertTopic(database.db, { meetingId: prepared.id, authorId: o.self.id, title: '準備済みの話題' });

      const paused = await call<Series>(app, 'POST', `/api/series/${s.id}/pause`, { cookie: c.partner });
      expect(paused.status).toBe(200);
      expect(paused.body).toMatchObject({ status: 'paused', abilities: { pause: false, resume: true, end: true, requestExtra: false } });
      expect((await meetingsOf(database.db, s.id)).map((m) => m.id)).toEqual([prepared.id]);
      expectError(await call(app, 'POST', `/api/series/${s.id}/pause`, { cookie: c.partner }), 409, 'conflict');
      // A paused series takes no extra meeting.
      const extra = await call(app, 'POST', `/api/series/${s.id}/meetings`, { cookie: c.self, body: { startsAt: new Date(Date.now() + 86_400_000).toISOString() } });
      expectError(extra, 409, 'conflict');

      const resumed = await call<Series>(app, 'POST', `/api/series/${s.id}/resume`, { cookie: c.partner });
      expect(resumed.body.status).toBe('active');
      const back = await meetingsOf(database.db, s.id);
      expect(back.length).toBe(generated.length);
      expect(back.map((m) => m.originalDate)).toEqual(generated.map((m) => m.originalDate));
      expect(back.filter((m) => m.id === prepared.id)).toHaveLength(1);

      const ended = await call<Series>(app, 'POST', `/api/series/${s.id}/end`, { cookie: c.partner });
      expect(ended.body).toMatchObject({ status: 'ended', abilities: { update: false, pause: false, resume: false, end: false, requestExtra: false } });
      expect((await meetingsOf(database.db, s.id)).map((m) => m.id)).toEqual([prepared.id]);
      expectError(await call(app, 'POST', `/api/series/${s.id}/resume`, { cookie: c.partner }), 409, 'conflict');
      expectError(await call(app, 'PATCH', `/api/series/${s.id}`, { cookie: c.partner, body: { purpose: '新しい目的' } }), 403, 'forbidden');
      // Ended, the pair may start a new series.
      const again = await call<Series>(app, 'POST', '/api/series', { cookie: c.partner, body: { reportId: o.self.id, schedule: weeklySchedule() } });
      expect(again.status).toBe(201);
    });

    it('a new cadence regenerates the unprepared meetings on the new days', async () => {
      const { o, c } = await freshOrg('partner');
      const s = await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id, schedule: weeklySchedule(1) });
      const generated = await meetingsOf(database.db, s.id);
      const prepared = generated[1]!;
      await insertTopic(database.db, { meetingId: prepared.id, authorId: o.partner.id, title: '上司の話題' });
      const schedule = { ...weeklySchedule(3), cadence: 'biweekly' as const, startTime: '15:30' };
      const res = await call<Series>(app, 'PATCH', `/api/series/${s.id}`, { cookie: c.partner, body: { schedule } });
      expect(res.status).toBe(200);
      expect(res.body.schedule).toMatchObject({ cadence: 'biweekly', weekday: schedule.weekday, startDate: schedule.startDate, startTime: '15:30' });
      const after = await meetingsOf(database.db, s.id);
      const regenerated = after.filter((m) => m.id !== prepared.id);
      expect(after.map((m) => m.id)).toContain(prepared.id);
      expect(regenerated.length).toBeGreaterThanOrEqual(6);
      expect(regenerated.length).toBeLessThanOrEqual(7);
      expect(regenerated[0]!.originalDate).toBe(schedule.startDate);
      for (const m of regenerated) {
        expect(weekdayOf(m.originalDate!)).toBe(schedule.weekday);
        if (!m.movedForHoliday) expect(m.startsAt.toISOString().slice(11, 16)).toBe('06:30');
      }
      // A bad cadence changes nothing.
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'PATCH', `/api/series/${s.id}`, { cookie: c.partner, body: { schedule: { ...schedule, cadence: 'monthlyDay' } } }), {
        'schedule.dayOfMonth': '入力してください。',
      });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  it('a signed-in person without a series can still use the list', async () => {
    const { c } = await freshOrg('hr');
    const res = await call<{ items: Series[] }>(app, 'GET', '/api/series', { cookie: c.hr });
    expect(res.body.items).toEqual([]);
  });
});

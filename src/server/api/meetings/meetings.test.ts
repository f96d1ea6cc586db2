import { eq } from 'drizzle-orm';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Topic } from '../../../domain/agenda.js';
import type { Meeting, Series } from '../../../domain/series.js';
import { meetings, topics } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertPastMeeting, insertTopic, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';
import { carryOver } from '../../commands/carryOver.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const nonPair: Viewer[] = ['otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
type Detail = {
  meeting: Meeting;
  series: { id: string; purpose: string; myRole: string; manager: { id: string }; report: { id: string } };
  topics: Topic[];
  preQuestions: unknown[];
  checkIn: unknown;
};
const PURPOSE = '秘密の目的: 翔太さんの成長のために';

describe.skipIf(noDatabase)('meetings API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  let seriesId: string;
  let upcoming: Awaited<ReturnType<typeof meetingsOf>>;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
    cookies = await signInAll(app, org);
    ({ id: seriesId } = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id, purpose: PURPOSE }));
    upcoming = await meetingsOf(database.db, seriesId);
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  const refusal = (viewer: Viewer, res: Awaited<ReturnType<typeof call>>) => {
    if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
    else expect(expectError(res, 404, 'not_found').message).toBe('1on1が見つかりません。');
  };

  describe('GET /api/meetings/{id}', () => {
    it.each(viewers)('%s', async (viewer) => {
      const m = upcoming[4]!;
      const res = await call<Detail>(app, 'GET', `/api/meetings/${m.id}`, { cookie: cookies[viewer] });
      if (nonPair.includes(viewer)) {
        refusal(viewer, res);
        expect(res.text).not.toContain(PURPOSE);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        meeting: { id: m.id, seriesId, status: 'scheduled', startsAt: m.startsAt.toISOString(), originalDate: m.originalDate, extra: false, rescheduled: false, reason: null },
        series: { id: seriesId, purpose: PURPOSE, myRole: viewer === 'self' ? 'report' : 'manager', manager: { id: org.partner.id }, report: { id: org.self.id } },
        topics: [],
        preQuestions: [],
        checkIn: null,
      });
      expect(res.body.meeting.abilities).toMatchObject({
        reschedule: true,
        cancel: true,
        addTopic: true,
        askPreQuestion: viewer === 'partner',
        answerPreQuestion: viewer === 'self',
        checkIn: viewer === 'self',
        viewPrepBrief: viewer === 'partner',
      });
    });

    it('unknown → 404, malformed → 400', async () => {
      refusal('partner', await call(app, 'GET', '/api/meetings/00000000-0000-4000-8000-000000000000', { cookie: cookies.partner }));
      expectFields(await call(app, 'GET', '/api/meetings/nope', { cookie: cookies.partner, lang: 'en' }), { id: 'Not a valid id.' });
    });
  });

  describe('POST /api/meetings/{id}/reschedule|cancel|keep-original-date by people outside the pair', () => {
    it.each(nonPair)('%s changes nothing', async (viewer) => {
      const m = upcoming[5]!;
      const before = await databaseSnapshot(database.db);
      const startsAt = new Date(m.startsAt.getTime() + 86_400_000).toISOString();
      refusal(viewer, await call(app, 'POST', `/api/meetings/${m.id}/reschedule`, { cookie: cookies[viewer], body: { startsAt, reason: '私用' } }));
      refusal(viewer, await call(app, 'POST', `/api/meetings/${m.id}/cancel`, { cookie: cookies[viewer], body: { reason: '私用' } }));
      refusal(viewer, await call(app, 'POST', `/api/meetings/${m.id}/keep-original-date`, { cookie: cookies[viewer] }));
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('reschedule and cancel', () => {
    it('reschedule keeps the reason and the original date; the partner sees the reason', async () => {
      const m = upcoming[1]!;
      const startsAt = new Date(m.startsAt.getTime() + 86_400_000 + 4 * 3_600_000).toISOString();
      const res = await call<Meeting>(app, 'POST', `/api/meetings/${m.id}/reschedule`, {
        cookie: cookies.self,
        body: { startsAt, durationMinutes: 60, reason: '  顧客訪問と重なったため  ' },
      });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: m.id, startsAt, durationMinutes: 60, originalDate: m.originalDate, rescheduled: true, reason: '顧客訪問と重なったため', status: 'scheduled' });
      const seen = await call<Detail>(app, 'GET', `/api/meetings/${m.id}`, { cookie: cookies.partner });
      expect(seen.body.meeting).toMatchObject({ startsAt, rescheduled: true, reason: '顧客訪問と重なったため' });
    });

    it('cancel keeps the reason for the pair; a cancelled meeting cannot be moved or cancelled again', async () => {
      const m = upcoming[2]!;
      // A kind of reason outside the list is refused and changes nothing.
      const untouched = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', `/api/meetings/${m.id}/cancel`, { cookie: cookies.partner, body: { reason: '出張のため', category: 'bored' } }), { category: expect.any(String) });
      expect(await databaseSnapshot(database.db)).toEqual(untouched);
      const res = await call<Meeting>(app, 'POST', `/api/meetings/${m.id}/cancel`, { cookie: cookies.partner, body: { reason: '出張のため', category: 'absence' } });
      expect(res.status).toBe(200);
      const [stored] = await database.db.select({ category: meetings.cancelCategory }).from(meetings).where(eq(meetings.id, m.id));
      expect(stored!.category).toBe('absence');
      expect(res.body).toMatchObject({ id: m.id, status: 'cancelled', reason: '出張のため', abilities: { reschedule: false, cancel: false, addTopic: false } });
      const report = await call<Detail>(app, 'GET', `/api/meetings/${m.id}`, { cookie: cookies.self });
      expect(report.body.meeting).toMatchObject({ status: 'cancelled', reason: '出張のため' });
      const list = await call<{ items: Meeting[] }>(app, 'GET', `/api/series/${seriesId}/meetings?pageSize=200`, { cookie: cookies.self });
      expect(list.body.items.find((x) => x.id === m.id)).toMatchObject({ status: 'cancelled', reason: '出張のため' });
      const before = await databaseSnapshot(database.db);
      expectError(await call(app, 'POST', `/api/meetings/${m.id}/cancel`, { cookie: cookies.partner, body: { reason: 'もう一度' } }), 409, 'conflict');
      const again = await call(app, 'POST', `/api/meetings/${m.id}/reschedule`, {
        cookie: cookies.self,
        body: { startsAt: new Date(Date.now() + 86_400_000).toISOString(), reason: '再開' },
      });
      expect(expectError(again, 409, 'conflict').message).toBe('この1on1は予定どおりの状態ではないため、この操作はできません。');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each([
      ['reschedule', { startsAt: '2020-01-01T10:00:00+09:00', reason: '理由' }, { startsAt: '過去の日時は指定できません。' }, { startsAt: 'A date in the past is not allowed.' }],
      ['reschedule', { startsAt: '2099-01-01T10:00:00+09:00' }, { reason: '入力してください。' }, { reason: 'Required.' }],
      ['reschedule', { startsAt: '2099-01-01 10:00', reason: 'x' }, { startsAt: '日付の形式が正しくありません。' }, { startsAt: 'Not a valid date.' }],
      ['reschedule', { startsAt: '2099-01-01T10:00:00+09:00', reason: 'x', durationMinutes: 5 }, { durationMinutes: '10以上の値を入力してください。' }, { durationMinutes: 'Enter a value of at least 10.' }],
      ['cancel', { reason: '   ' }, { reason: '入力してください。' }, { reason: 'Required.' }],
      ['cancel', { reason: 'x'.repeat(501) }, { reason: '500文字以内で入力してください。' }, { reason: 'Enter at most 500 characters.' }],
    ])('%s %j → 400 in ja and en, nothing changed', async (action, body, ja, en) => {
      const m = upcoming[6]!;
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', `/api/meetings/${m.id}/${action}`, { cookie: cookies.partner, body }), ja);
      expectFields(await call(app, 'POST', `/api/meetings/${m.id}/${action}`, { cookie: cookies.partner, body, lang: 'en' }), en);
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('keep-original-date on a meeting that was not moved for a holiday is 409', async () => {
      const notMoved = upcoming.find((m) => !m.movedForHoliday && m.status === 'scheduled')!;
      const res = await call(app, 'POST', `/api/meetings/${notMoved.id}/keep-original-date`, { cookie: cookies.partner });
      expect(expectError(res, 409, 'conflict').message).toBe('この1on1は祝日による移動をしていません。');
    });
  });

  it('acceptance: a monthly 2nd-Monday series from 2027-01-01 holds January on 2027-01-12 (成人の日); keep-original-date moves it back to 01-11 10:00', async () => {
    // Pinned "today" so that 2027-01-01 is in the future whenever the suite runs.
    vi.useFakeTimers({ toFake: ['Date'], now: new Date('2026-12-01T00:00:00Z') });
    const o = await buildOrganisation(database.db, auth);
    const manager = await signIn(app, o.partner.email, TEST_PASSWORD);
    const report = await signIn(app, o.self.email, TEST_PASSWORD);
    const created = await call<Series>(app, 'POST', '/api/series', {
      cookie: manager,
      body: { reportId: o.self.id, schedule: { cadence: 'monthlyWeekday', weekday: 1, weekOfMonth: 2, startDate: '2027-01-01', startTime: '10:00' } },
    });
    expect(created.status).toBe(201);
    const list = await call<{ items: Meeting[] }>(app, 'GET', `/api/series/${created.body.id}/meetings`, { cookie: report });
    // Window: 92 days from 2026-12-01 → until 2027-03-03.
    expect(list.body.items.map((m) => [m.originalDate, m.startsAt, m.holiday?.name ?? null, m.movedForHoliday])).toEqual([
      ['2027-01-11', '2027-01-12T01:00:00.000Z', '成人の日', true],
      ['2027-02-08', '2027-02-08T01:00:00.000Z', null, false],
    ]);
    const january = list.body.items[0]!;
    expect(january).toMatchObject({ holiday: { name: '成人の日', nameEn: 'Coming of Age Day' }, keptOnHoliday: false, abilities: { keepOriginalDate: true } });
    expect(list.body.items[1]!.abilities.keepOriginalDate).toBe(false);

    const kept = await call<Meeting>(app, 'POST', `/api/meetings/${january.id}/keep-original-date`, { cookie: report });
    expect(kept.status).toBe(200);
    expect(kept.body).toMatchObject({
      id: january.id,
      startsAt: '2027-01-11T01:00:00.000Z',
      originalDate: '2027-01-11',
      holiday: { name: '成人の日' },
      movedForHoliday: false,
      keptOnHoliday: true,
      abilities: { keepOriginalDate: false },
    });
    expectError(await call(app, 'POST', `/api/meetings/${january.id}/keep-original-date`, { cookie: manager }), 409, 'conflict');
    const outsider = await signIn(app, o.otherReport.email, TEST_PASSWORD);
    refusal('otherReport', await call(app, 'POST', `/api/meetings/${list.body.items[1]!.id}/keep-original-date`, { cookie: outsider }));
  });

  it('carry-over: a shared, undiscussed topic of the previous meeting appears once, marked carried, on the next meeting only', async () => {
    const o = await buildOrganisation(database.db, auth);
    const manager = await signIn(app, o.partner.email, TEST_PASSWORD);
    const report = await signIn(app, o.self.email, TEST_PASSWORD);
    const s = await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id });
    const [next, after] = await meetingsOf(database.db, s.id);
    const previous = await insertPastMeeting(database.db, { seriesId: s.id, reportId: o.self.id, daysAgo: 7 });
    const open = await insertTopic(database.db, { meetingId: previous, authorId: o.self.id, title: '持ち越しの話題', discussed: false });
    await insertTopic(database.db, { meetingId: previous, authorId: o.partner.id, title: '話し終えた話題', discussed: true });
    const draft = await insertTopic(database.db, { meetingId: previous, authorId: o.self.id, title: '非公開の下書き', visibility: 'private', position: 3 });
    // An older meeting's open topic does not jump over the previous meeting.
    const older = await insertPastMeeting(database.db, { seriesId: s.id, reportId: o.self.id, daysAgo: 14 });
    await insertTopic(database.db, { meetingId: older, authorId: o.self.id, title: '古い話題' });
    // The rows above bypassed the commands; run what finishing the previous meeting runs (twice: idempotent).
    await carryOver(database.db, s.id);
    await carryOver(database.db, s.id);

    for (const cookie of [report, report]) {
      const res = await call<Detail>(app, 'GET', `/api/meetings/${next!.id}`, { cookie });
      expect(res.status).toBe(200);
      // The author's unshared draft came along, still private.
      expect(res.body.topics.map((t) => [t.title, t.carried, t.visibility, t.discussed, t.author.id])).toEqual([
        ['持ち越しの話題', true, 'pair', false, o.self.id],
        ['非公開の下書き', true, 'private', false, o.self.id],
      ]);
    }
    const seen = await call<Detail>(app, 'GET', `/api/meetings/${next!.id}`, { cookie: manager });
    expect(seen.body.topics.map((t) => [t.title, t.carried, t.visibility, t.discussed, t.author.id])).toEqual([['持ち越しの話題', true, 'pair', false, o.self.id]]);
    expect(seen.text).not.toContain('非公開の下書き');
    const rows = await database.db.select().from(topics).where(eq(topics.meetingId, next!.id)).orderBy(topics.position);
    expect(rows.map((t) => t.carriedFromId)).toEqual([open, draft]);
    const later = await call<Detail>(app, 'GET', `/api/meetings/${after!.id}`, { cookie: report });
    expect(later.body.topics).toEqual([]);
  });

  it('a private draft left unshared on a meeting that ends carries over to the next one, still private, with its controls', async () => {
    const o = await buildOrganisation(database.db, auth);
    const manager = await signIn(app, o.partner.email, TEST_PASSWORD);
    const report = await signIn(app, o.self.email, TEST_PASSWORD);
    const s = await createSeries(database.db, { managerId: o.partner.id, reportId: o.self.id });
    const [first, next] = await meetingsOf(database.db, s.id);
    const added = await call<Topic>(app, 'POST', `/api/meetings/${first!.id}/topics`, {
      cookie: report,
      body: { title: 'まだ言えない相談', category: 'career', wantedResponse: 'listen', visibility: 'private' },
    });
    expect(added.status).toBe(201);
    expect((await call(app, 'POST', `/api/meetings/${first!.id}/start`, { cookie: manager })).status).toBe(200);
    expect((await call(app, 'POST', `/api/meetings/${first!.id}/finish`, { cookie: manager })).status).toBe(200);

    const mine = await call<Detail>(app, 'GET', `/api/meetings/${next!.id}`, { cookie: report });
    expect(mine.body.topics).toEqual([
      expect.objectContaining({ title: 'まだ言えない相談', visibility: 'private', carried: true, abilities: { update: true, remove: true, share: true } }),
    ]);
    const theirs = await call<Detail>(app, 'GET', `/api/meetings/${next!.id}`, { cookie: manager });
    expect(theirs.body.topics).toEqual([]);
    expect(theirs.text).not.toContain('まだ言えない相談');

    // Shared from the next meeting, it reaches the partner.
    const carried = mine.body.topics[0]!;
    const shared = await call<Topic>(app, 'PATCH', `/api/topics/${carried.id}`, { cookie: report, body: { visibility: 'pair' } });
    expect(shared.status).toBe(200);
    const after = await call<Detail>(app, 'GET', `/api/meetings/${next!.id}`, { cookie: manager });
    expect(after.body.topics.map((t) => [t.title, t.visibility])).toEqual([['まだ言えない相談', 'pair']]);
  });
});

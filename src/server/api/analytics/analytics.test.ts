import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { addMonths, latestClosedMonth, monthBounds, monthOf } from '../../../domain/aggregates.js';
import type { AnalyticsDepartments } from '../../../domain/analytics.js';
import { checkIns, departments, meetings, reflections, topics } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { insertPeople, type InsertedPerson, type Organisation, signedInOrganisation } from '../../test/factories.js';
import type { Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries } from '../../test/series.js';

const tz = 'Asia/Tokyo';
const NOTE = '転職を考えている本音';
const TOPIC = '家族の介護の相談';
const REASON = '体調不良で通院のため';

describe.skipIf(noDatabase)('organisation analytics: aggregates only, one suppression rule', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;
  /** A parent department with nobody of its own, a sub-department of 4 and one of 6. */
  const ids = { parent: '', small: '', large: '' };
  let people: InsertedPerson[] = [];
  let boss: InsertedPerson = { id: '', userId: '', email: '', employeeNumber: '', familyName: '', givenName: '' };
  const closed = latestClosedMonth(new Date(), tz);
  const at = (month: string, day: number) => new Date(monthBounds(month, tz).start.getTime() + (day - 1) * 86_400_000 + 3_600_000);

  /** A held meeting of `report` with `boss` in `month`, rated by the report (as it was before the month closed). */
  async function heldAndRated(report: InsertedPerson, month: string, rating: number) {
    const s = await createSeries(database.db, { managerId: boss.id, reportId: report.id });
    const [m] = await database.db.insert(meetings).values({ seriesId: s.id, startsAt: at(month, 10), durationMinutes: 30, status: 'shared' }).returning({ id: meetings.id });
    await database.db.insert(reflections).values({ meetingId: m!.id, authorId: report.id, role: 'report', feltHeard: rating, useful: rating, gained: NOTE });
    await database.db.insert(checkIns).values({ meetingId: m!.id, reportId: report.id, score: 1 });
    await database.db.insert(topics).values({ meetingId: m!.id, authorId: report.id, title: TOPIC, category: 'career', wantedResponse: 'listen', visibility: 'pair' });
    // A cancelled one too, with its reason written by the manager.
    await database.db
      .insert(meetings)
      .values({ seriesId: s.id, startsAt: at(month, 20), durationMinutes: 30, status: 'cancelled', cancelReason: REASON, cancelledById: boss.id, cancelledAt: at(month, 19) });
    return s.id;
  }

  /** A parent department with `own` people of its own, a sub-department of 4 (rating 1) and one of 6 (rating 5). */
  async function tree(auth: ReturnType<typeof testApp>['services']['auth'], name: string, own: number) {
    const [parent] = await database.db.insert(departments).values({ name }).returning({ id: departments.id });
    const [small] = await database.db.insert(departments).values({ name: `${name}・小さな課`, parentId: parent!.id }).returning({ id: departments.id });
    const [large] = await database.db.insert(departments).values({ name: `${name}・大きな課`, parentId: parent!.id }).returning({ id: departments.id });
    const members = await insertPeople(database.db, auth, [
      ...Array.from({ length: 4 }, (_, i) => ({ familyName: '椎名', givenName: `${i}`, departmentId: small!.id, managerId: boss.id })),
      ...Array.from({ length: 6 }, (_, i) => ({ familyName: '渡辺', givenName: `${i}`, departmentId: large!.id, managerId: boss.id })),
      ...Array.from({ length: own }, (_, i) => ({ familyName: '椎名', givenName: `本部${i}`, departmentId: parent!.id, managerId: boss.id })),
    ]);
    for (const [i, p] of members.entries()) await heldAndRated(p, closed, i < 4 ? 1 : i < 10 ? 5 : 3);
    return { ids: { parent: parent!.id, small: small!.id, large: large!.id }, members };
  }
  let other = { parent: '', small: '', large: '' };

  beforeAll(async () => {
    const built = await signedInOrganisation(database);
    ({ app, org, cookies } = built);
    boss = (await insertPeople(database.db, built.services.auth, [{ familyName: '黒田', givenName: '一郎' }]))[0]!;
    const a = await tree(built.services.auth, '分析本部', 0);
    Object.assign(ids, a.ids);
    people = a.members;
    other = (await tree(built.services.auth, '直属のいる本部', 1)).ids;
  });

  const get = (viewer: Viewer, query = '') => call<AnalyticsDepartments>(app, 'GET', `/api/analytics/departments${query}`, { cookie: cookies[viewer] });

  it('hr and admin only', async () => {
    for (const viewer of ['self', 'partner', 'skipLevel', 'otherReport'] as Viewer[]) expectError(await get(viewer), 403, 'forbidden');
    expectError(await get('anonymous'), 401, 'unauthenticated');
    expect((await get('hr')).status).toBe(200);
    expect((await get('admin')).status).toBe(200);
  });

  it('a department of 4 is hidden; its sibling is hidden too, so the parent minus it reveals nothing', async () => {
    const res = await get('hr', `?department=${ids.parent}&from=${closed}&to=${closed}`);
    expect(res.status).toBe(200);
    const body = res.body;
    expect(body.group).toEqual({ id: ids.parent, name: '分析本部' });
    expect(body.path).toEqual([{ id: null, name: null }]);
    const small = body.children.find((c) => c.id === ids.small)!;
    const large = body.children.find((c) => c.id === ids.large)!;
    expect(small.practice).toEqual({ shown: false, reason: 'tooFew' });
    expect(small.quality).toEqual({ shown: false, reason: 'tooFew' });
    // Showing the 6 next to the parent's 10 would give the 4 by subtraction.
    expect(large.practice).toEqual({ shown: false, reason: 'complementary' });
    expect(large.quality).toEqual({ shown: false, reason: 'complementary' });
    const [month] = body.months;
    expect(month).toMatchObject({ month: closed, practice: { shown: true, people: 10, planned: 20, held: 10, cancelled: 10, cancelledByManager: 10, implementationRate: 50 } });
    // Cancelled before the kind of reason was asked: counted as "other".
    expect(month!.practice.shown && month!.practice.cancelledByCategory).toEqual({ workload: 0, conflict: 0, absence: 0, nothingToDiscuss: 0, other: 10 });
    expect(month!.quality).toEqual({ shown: true, raters: 10, responses: 10, feltHeard: 3.4, useful: 3.4 });
    // The distributions follow the same rule: the parent's 10 shown, counts only.
    expect(body.distributions.topics).toEqual({
      shown: true,
      monthsShown: 1,
      byCategory: { career: 10, skills: 0, workChallenges: 0, relationships: 0, condition: 0, goals: 0, feedback: 0, other: 0 },
    });
    expect(body.distributions.condition).toEqual({ shown: true, monthsShown: 1, byScore: [10, 0, 0, 0, 0] });
    expect(body.distributions.warnings).toEqual({ shown: true, monthsShown: 1, sustainedDrops: 0, repeatedCancellations: 0 });
    // Drilling into the department of 4 shows nothing either.
    const inside = await get('hr', `?department=${ids.small}&from=${closed}&to=${closed}`);
    expect(inside.body.summary.quality).toEqual({ shown: false, reason: 'tooFew' });
    expect(inside.body.distributions).toEqual({
      topics: { shown: false, reason: 'tooFew' },
      condition: { shown: false, reason: 'tooFew' },
      warnings: { shown: false, reason: 'tooFew' },
    });
    const sibling = await get('hr', `?department=${ids.large}&from=${closed}&to=${closed}`);
    expect(sibling.body.distributions.condition).toEqual({ shown: false, reason: 'complementary' });
    expect(inside.body.path.map((p) => p.id)).toEqual([null, ids.parent]);
  });

  it('with one person of its own, the parent keeps both: the parent minus the 6 mixes the 4 with that person', async () => {
    const body = (await get('hr', `?department=${other.parent}&from=${closed}&to=${closed}`)).body;
    expect(body.children.find((c) => c.id === other.large)!.quality).toMatchObject({ shown: true, feltHeard: 5 });
    expect(body.children.find((c) => c.id === other.small)!.quality).toEqual({ shown: false, reason: 'tooFew' });
    expect(body.months[0]!.quality).toMatchObject({ shown: true, raters: 11 });
  });

  it('one new rating moves no figure until its month closes; the month under way is never shown', async () => {
    const before = (await get('hr')).body;
    expect(before.latestClosed).toBe(closed);
    expect(before.to).toBe(closed);
    expect(before.inProgress).toBe(monthOf(new Date(), tz));
    // Someone of the department of 6 has a meeting today and rates it 1.
    const s = await createSeries(database.db, { managerId: boss.id, reportId: people[5]!.id });
    const [m] = await database.db.insert(meetings).values({ seriesId: s.id, startsAt: new Date(), durationMinutes: 30, status: 'shared' }).returning({ id: meetings.id });
    await database.db.insert(reflections).values({ meetingId: m!.id, authorId: people[5]!.id, role: 'report', feltHeard: 1, useful: 1 });
    for (const query of ['', `?department=${ids.parent}`, `?department=${ids.large}`, `?to=${addMonths(closed, 2)}`]) {
      const after = await get('hr', query);
      if (query === '') expect(after.body).toEqual(before);
      expect(after.body.months.map((x) => x.month)).not.toContain(before.inProgress);
    }
  });

  it('returns no note, topic, reason or name, no person’s id and no single rating or condition', async () => {
    for (const query of ['', `?department=${ids.parent}`, `?department=${ids.small}`, `?department=${ids.large}`]) {
      for (const viewer of ['hr', 'admin'] as Viewer[]) {
        const res = await get(viewer, query);
        for (const secret of [NOTE, TOPIC, REASON, '椎名', '渡辺', '黒田', boss.id, ...people.map((p) => p.id), org.self.id]) expect(res.text).not.toContain(secret);
        // No per-person field at all: only group figures.
        expect(res.text).not.toMatch(/"(score|authorId|reportId|managerId|employeeId|gained|improve|cancelReason|title)"/);
        // "condition" appears only as a figure: the topic count of that category, or the suppressed distribution.
        const conditions: unknown[] = [];
        JSON.parse(res.text, (key, value: unknown) => {
          if (key === 'condition') conditions.push(value);
          return value;
        });
        for (const c of conditions) expect(typeof c === 'number' || (typeof c === 'object' && c !== null && 'shown' in c)).toBe(true);
      }
    }
  });

  it('early warnings count drops against each report’s own baseline and series cancelled again and again, never who', async () => {
    const [dept] = await database.db.insert(departments).values({ name: '早期警告課' }).returning({ id: departments.id });
    const auth = testApp(database).services.auth;
    const team = await insertPeople(database.db, auth, Array.from({ length: 6 }, (_, i) => ({ familyName: '早川', givenName: `${i}`, departmentId: dept!.id, managerId: boss.id })));
    const earlier = addMonths(closed, -1);
    for (const [i, p] of team.entries()) {
      const s = await createSeries(database.db, { managerId: boss.id, reportId: p.id });
      // Three check-ins at 4 the month before, then two in the closed month: 2 and 2 for the first
      // three people (a sustained drop), 4 and 2 for the others (one low score is no warning).
      const scores = i < 3 ? [4, 4, 4, 2, 2] : [4, 4, 4, 4, 2];
      for (const [j, score] of scores.entries()) {
        const month = j < 3 ? earlier : closed;
        const [m] = await database.db
          .insert(meetings)
          .values({ seriesId: s.id, startsAt: at(month, 2 + (j % 3) * 7), durationMinutes: 30, status: 'shared', originalDate: null })
          .returning({ id: meetings.id });
        await database.db.insert(checkIns).values({ meetingId: m!.id, reportId: p.id, score });
      }
      // Two cadence meetings in a row cancelled for the first person; one for the second.
      const cancelled = i === 0 ? 2 : i === 1 ? 1 : 0;
      for (let k = 0; k < cancelled; k++) {
        await database.db.insert(meetings).values({ seriesId: s.id, startsAt: at(closed, 20 + k * 3), durationMinutes: 30, status: 'cancelled', cancelReason: REASON, cancelCategory: 'nothingToDiscuss', cancelledById: boss.id, cancelledAt: at(closed, 19) });
      }
    }
    const res = await get('hr', `?department=${dept!.id}&from=${closed}&to=${closed}`);
    expect(res.body.distributions.warnings).toEqual({ shown: true, monthsShown: 1, sustainedDrops: 3, repeatedCancellations: 1 });
    expect(res.body.distributions.condition).toEqual({ shown: true, monthsShown: 1, byScore: [0, 9, 0, 3, 0] });
    expect(res.body.summary.practice.shown && res.body.summary.practice.cancelledByCategory).toMatchObject({ nothingToDiscuss: 3, other: 0 });
    // The month before has no drop yet (the baseline is being formed).
    const before = await get('hr', `?department=${dept!.id}&from=${earlier}&to=${earlier}`);
    expect(before.body.distributions.warnings).toMatchObject({ shown: true, sustainedDrops: 0, repeatedCancellations: 0 });
    for (const p of team) expect(res.text).not.toContain(p.id);
    expect(res.text).not.toContain('早川');
  });

  it('the CSV holds what the page shows, hidden figures as reasons, and reads back through CP932 and UTF-8', async () => {
    const query = `?department=${ids.parent}&from=${closed}&to=${closed}`;
    const json = (await get('hr', query)).body;
    const download = async (encoding: string, lang?: 'en') => {
      // A download link cannot send Accept-Language: the page's language travels in the query.
      const res = await app.request(`/api/analytics/departments/csv${query}&encoding=${encoding}${lang ? `&lang=${lang}` : ''}`, { headers: { cookie: cookies.hr! } });
      return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
    };
    const sjis = await download('shift_jis');
    expect(sjis.res.status).toBe(200);
    expect(sjis.res.headers.get('content-type')).toBe('text/csv; charset=Shift_JIS');
    expect(sjis.res.headers.get('content-disposition')).toBe(`attachment; filename="taiwa-analytics-${closed}-${closed}-sjis.csv"`);
    // Decoded by the runtime's own WHATWG decoder, as Excel would read a CP932 file.
    const rows = parse(new TextDecoder('shift_jis').decode(sjis.bytes)) as string[][];
    expect(rows[0]).toEqual(['区分', '部署', '期間', '指標', '値', '備考']);
    const find = (section: string, dept: string, measure: string) => rows.find((r) => r[0] === section && r[1] === dept && r[3] === measure);
    const month = json.months[0]!;
    expect(month.practice.shown && month.practice.implementationRate).toBe(50);
    expect(find('月ごと', '分析本部', '実施率(%)')).toEqual(['月ごと', '分析本部', closed, '実施率(%)', '50', '']);
    expect(find('月ごと', '分析本部', '聴いてもらえた(1～5)')?.[4]).toBe('3.4');
    // The department of 4 and its complementary sibling: a reason, never a number.
    expect(find('下位の部署', '分析本部・小さな課', '実施状況')).toEqual(['下位の部署', '分析本部・小さな課', closed, '実施状況', '', '5人未満の集団のため非表示']);
    expect(find('下位の部署', '分析本部・大きな課', '1on1の質')?.slice(4)).toEqual(['', 'ほかの数字との差し引きで5人未満の集団がわかるため非表示']);
    expect(rows.filter((r) => r[1]?.endsWith('課')).every((r) => r[4] === '')).toBe(true);
    expect(find('分布と早期の兆し', '分析本部', 'トピック数: キャリア')?.[4]).toBe('10');
    expect(find('分布と早期の兆し', '分析本部', 'コンディション回答数: コンディション1')?.[4]).toBe('10');
    // The UTF-8 file starts with a byte-order mark (Excel needs it) and says the same.
    const utf8 = await download('utf-8', 'en');
    expect([...utf8.bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const en = parse(new TextDecoder('utf-8').decode(utf8.bytes)) as string[][];
    expect(en[0]).toEqual(['Section', 'Department', 'Period', 'Measure', 'Value', 'Note']);
    expect(en.length).toBe(rows.length);
    expect(en.find((r) => r[1] === '分析本部・小さな課' && r[3] === 'Practice')?.[5]).toBe('Hidden: a group under 5 people');
    for (const r of [...rows, ...en]) expect(r).toHaveLength(6);
    const text = new TextDecoder('utf-8').decode(utf8.bytes);
    for (const secret of [NOTE, TOPIC, REASON, '椎名', '渡辺', '黒田', boss.id, ...people.map((p) => p.id)]) expect(text).not.toContain(secret);
    // Only hr and admin; a bad encoding is refused.
    for (const viewer of ['self', 'partner', 'skipLevel'] as Viewer[]) expectError(await call(app, 'GET', `/api/analytics/departments/csv${query}`, { cookie: cookies[viewer] }), 403, 'forbidden');
    expectFields(await call(app, 'GET', `/api/analytics/departments/csv${query}&encoding=latin1`, { cookie: cookies.hr }), { encoding: expect.any(String) });
  });

  it('bad periods are refused in the caller’s language', async () => {
    const res = await call(app, 'GET', `/api/analytics/departments?from=${addMonths(closed, -1)}&to=${addMonths(closed, -3)}`, { cookie: cookies.hr, lang: 'en' });
    expectFields(res, { from: 'The first month of the period must not be after the last.' });
    expectFields(await get('hr', `?from=${addMonths(closed, -40)}&to=${closed}`), { from: '期間は36か月以内にしてください。' });
    expectFields(await get('hr', '?from=2026-13'), { from: expect.any(String) });
    expectError(await get('hr', '?department=00000000-0000-4000-8000-000000000000'), 404, 'not_found');
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { addDays, localDateOf } from '../../../domain/calendar.js';
import type { ActionItem, ActionItemList } from '../../../domain/followUp.js';
import { actionItems, employees } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { expectRefused, outsiders, UNKNOWN_ID, type Viewer } from '../../test/followUp.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

describe.skipIf(noDatabase)('action items', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  /** Read and refused only: a test that changes data builds its own with `world()`. */
  let shared: World;
  // Today as the report (Honolulu, UTC−10) and the manager (Kiritimati, UTC+14) see it: always one day apart.
  let honoluluToday: string;

  interface World {
    org: Organisation;
    cookies: Record<Viewer, string | null>;
    meetingId: string;
    otherMeetingId: string;
  }

  const add = (w: World, viewer: Viewer, body: object, meeting = w.meetingId) =>
    call<ActionItem>(app, 'POST', `/api/meetings/${meeting}/action-items`, { cookie: w.cookies[viewer], body });
  const list = (w: World, viewer: Viewer, query: string) => call<ActionItemList>(app, 'GET', `/api/action-items?${query}`, { cookie: w.cookies[viewer] });

  /** A fresh organisation: the report in Honolulu, the manager in Kiritimati, a series each for two reports. */
  async function world(): Promise<World> {
    const org = await buildOrganisation(database.db, auth);
    const cookies = await signInAll(app, org);
    await database.db.update(employees).set({ timeZone: 'Pacific/Honolulu' }).where(eq(employees.id, org.self.id));
    await database.db.update(employees).set({ timeZone: 'Pacific/Kiritimati' }).where(eq(employees.id, org.partner.id));
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    const s2 = await createSeries(database.db, { managerId: org.partner.id, reportId: org.otherReport.id });
    return { org, cookies, meetingId: (await meetingsOf(database.db, s.id))[0]!.id, otherMeetingId: (await meetingsOf(database.db, s2.id))[0]!.id };
  }

  /** The four items every scenario starts from: two of the report's, the manager's support, one of another pair. */
  async function addItems(w: World) {
    const { org } = w;
    const a = await add(w, 'self', { ownerId: org.self.id, title: '資料を作る', dueDate: honoluluToday });
    const b = await add(w, 'partner', { ownerId: org.partner.id, title: '研修の予算を確保する', support: true, dueDate: addDays(honoluluToday, 30) });
    const c = await add(w, 'partner', { ownerId: org.self.id, title: '上司が代わりに登録', dueDate: null });
    const d = await add(w, 'otherReport', { ownerId: org.otherReport.id, title: '別のペアの項目', dueDate: addDays(honoluluToday, -3) }, w.otherMeetingId);
    for (const res of [a, b, c, d]) expect(res.status).toBe(201);
    return [a, b, c, d] as const;
  }

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    honoluluToday = localDateOf(new Date(), 'Pacific/Honolulu');
    shared = await world();
    await addItems(shared);
  });

  it('either side adds items for either of the pair; support only for the manager’s own items', async () => {
    const w = await world();
    const { org } = w;
    const [a, b, c] = await addItems(w);
    expect(a.body).toMatchObject({
      title: '資料を作る',
      owner: { id: org.self.id },
      ownerRole: 'report',
      partner: { id: org.partner.id },
      support: false,
      status: 'open',
      abilities: { update: true, remove: true, handOver: true },
    });
    expect(b.body).toMatchObject({ support: true, ownerRole: 'manager', partner: { id: org.self.id }, abilities: { update: true, remove: true, handOver: true } });
    expect(c.body).toMatchObject({ owner: { id: org.self.id }, dueDate: null });
  });

  it('bad input: 400 with field messages, nothing written', async () => {
    const w = shared;
    const { org } = w;
    const before = await databaseSnapshot(database.db);
    expectFields(await add(w, 'self', { ownerId: org.otherReport.id, title: 'x' }), { ownerId: '担当者は、この1on1の2人のどちらかを指定してください。' });
    expectFields(await add(w, 'self', { ownerId: org.self.id, title: 'x', support: true }), {
      support: '上司のサポートにできるのは、上司が担当するアクションアイテムだけです。',
    });
    expectFields(await add(w, 'self', { ownerId: org.self.id, title: '  ' }), { title: '入力してください。' });
    expectFields(await add(w, 'self', { ownerId: org.self.id, title: 'x'.repeat(301) }), { title: '300文字以内で入力してください。' });
    expectFields(await add(w, 'self', { ownerId: org.self.id, title: 'x', dueDate: '2026-13-40' }), { dueDate: '日付の形式が正しくありません。' });
    expectFields(await add(w, 'self', { title: 'x' }), { ownerId: '入力してください。' });
    expectFields(await list(w, 'self', 'scope=everyone'), { scope: '次のいずれかを指定してください: mine, support, team' });
    expectFields(await list(w, 'self', 'pageSize=0'), { pageSize: '1以上の値を入力してください。' });
    const [item] = await database.db.select().from(actionItems).where(eq(actionItems.meetingId, w.meetingId)).limit(1);
    expectFields(await call(app, 'PATCH', `/api/action-items/${item!.id}`, { cookie: w.cookies.self, body: {} }), {
      _: '変更する項目を1つ以上指定してください。',
    });
    expectFields(await call(app, 'PATCH', `/api/action-items/${item!.id}`, { cookie: w.cookies.self, body: { status: 'closed' } }), {
      status: '次のいずれかを指定してください: open, done',
    });
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('"mine" lists what I own; "team" my direct reports’ series where I am the manager; overdue first in my own time zone', async () => {
    const w = shared;
    const { org } = w;
    const mine = await list(w, 'self', 'scope=mine');
    expect(mine.body.items.map((i) => [i.title, i.overdue])).toEqual([
      ['資料を作る', false],
      ['上司が代わりに登録', false],
    ]);
    expect(mine.body.total).toBe(2);
    const managerMine = await list(w, 'partner', 'scope=mine');
    expect(managerMine.body.items.map((i) => i.title)).toEqual(['研修の予算を確保する']);
    const team = await list(w, 'partner', 'scope=team');
    // For the manager in Kiritimati, the report's item due "today in Honolulu" is already overdue.
    expect(team.body.items.map((i) => [i.title, i.overdue, i.partner.id])).toEqual([
      ['別のペアの項目', true, org.otherReport.id],
      ['資料を作る', true, org.self.id],
      ['研修の予算を確保する', false, org.self.id],
      ['上司が代わりに登録', false, org.self.id],
    ]);
    const page2 = await list(w, 'partner', 'scope=team&pageSize=3&page=2');
    expect(page2.body).toMatchObject({ total: 4, page: 2, pageSize: 3 });
    expect(page2.body.items.map((i) => i.title)).toEqual(['上司が代わりに登録']);
    for (const viewer of ['skipLevel', 'hr', 'admin'] as Viewer[]) {
      for (const scope of ['mine', 'team']) {
        const res = await list(w, viewer, `scope=${scope}&status=all`);
        expect(res.status).toBe(200);
        expect(res.body.items).toEqual([]);
      }
    }
    expect((await list(w, 'otherReport', 'scope=team')).body.items).toEqual([]);
    expectError(await list(w, 'anonymous', 'scope=mine'), 401, 'unauthenticated');
    expectError(await list(w, 'anonymous', 'scope=support'), 401, 'unauthenticated');
  });

  it('"support": the report sees the support their manager committed to, and may not remove or hand it over', async () => {
    const w = shared;
    const support = await list(w, 'self', 'scope=support');
    expect(support.status).toBe(200);
    expect(support.body.items.map((i) => [i.title, i.ownerRole, i.support, i.abilities])).toEqual([
      ['研修の予算を確保する', 'manager', true, { update: true, remove: false, handOver: false }],
    ]);
    // Nobody else sees it as support for them: not the manager, another report, skip-level, hr or admin.
    for (const viewer of ['partner', 'otherReport', 'skipLevel', 'hr', 'admin'] as Viewer[]) {
      expect((await list(w, viewer, 'scope=support&status=all')).body.items.map((i) => i.title)).not.toContain('研修の予算を確保する');
    }
    // The manager may not remove a step the report owns and added; the report's own items stay theirs.
    const reportOwn = (await list(w, 'partner', 'scope=team')).body.items.find((i) => i.title === '資料を作る')!;
    expect(reportOwn.abilities).toEqual({ update: true, remove: false, handOver: false });
    const managerAdded = (await list(w, 'partner', 'scope=team')).body.items.find((i) => i.title === '上司が代わりに登録')!;
    expect(managerAdded.abilities).toEqual({ update: true, remove: true, handOver: true });
  });

  it('either side edits, hands over, completes and removes; outsiders get 404 and change nothing', async () => {
    const w = await world();
    await addItems(w);
    const { org } = w;
    const [support] = (await list(w, 'partner', 'scope=mine')).body.items;
    const [first] = (await list(w, 'self', 'scope=mine')).body.items;
    const before = await databaseSnapshot(database.db);
    for (const viewer of outsiders) {
      expectRefused(viewer, await call(app, 'PATCH', `/api/action-items/${first!.id}`, { cookie: w.cookies[viewer], body: { status: 'done' } }));
      expectRefused(viewer, await call(app, 'DELETE', `/api/action-items/${first!.id}`, { cookie: w.cookies[viewer] }));
      expectRefused(viewer, await add(w, viewer, { ownerId: org.self.id, title: '侵入' }));
    }
    expect(await databaseSnapshot(database.db)).toEqual(before);

    const done = await call<ActionItem>(app, 'PATCH', `/api/action-items/${first!.id}`, { cookie: w.cookies.partner, body: { status: 'done' } });
    expect(done.body).toMatchObject({ status: 'done', overdue: false, doneAt: expect.any(String) });
    expect((await list(w, 'self', 'scope=mine&status=done')).body.items.map((i) => i.id)).toEqual([first!.id]);
    expect((await list(w, 'self', 'scope=mine')).body.items.map((i) => i.id)).not.toContain(first!.id);
    const reopened = await call<ActionItem>(app, 'PATCH', `/api/action-items/${first!.id}`, {
      cookie: w.cookies.self,
      body: { status: 'open', title: '資料を作る(改)' },
    });
    expect(reopened.body).toMatchObject({ status: 'open', doneAt: null, title: '資料を作る(改)' });
    // The report can neither remove the manager's support commitment nor hand it over nor unmark it.
    const unchanged = await databaseSnapshot(database.db);
    expectError(await call(app, 'DELETE', `/api/action-items/${support!.id}`, { cookie: w.cookies.self }), 403, 'forbidden');
    expectError(await call(app, 'PATCH', `/api/action-items/${support!.id}`, { cookie: w.cookies.self, body: { ownerId: org.self.id } }), 403, 'forbidden');
    expectError(await call(app, 'PATCH', `/api/action-items/${support!.id}`, { cookie: w.cookies.self, body: { support: false } }), 403, 'forbidden');
    expectError(await call(app, 'DELETE', `/api/action-items/${first!.id}`, { cookie: w.cookies.partner }), 403, 'forbidden');
    expect(await databaseSnapshot(database.db)).toEqual(unchanged);
    // The manager hands their support item to the report: it ends being support.
    const handed = await call<ActionItem>(app, 'PATCH', `/api/action-items/${support!.id}`, { cookie: w.cookies.partner, body: { ownerId: org.self.id } });
    expect(handed.body).toMatchObject({ owner: { id: org.self.id }, support: false });
    expectFields(await call(app, 'PATCH', `/api/action-items/${support!.id}`, { cookie: w.cookies.self, body: { support: true } }), {
      support: '上司のサポートにできるのは、上司が担当するアクションアイテムだけです。',
    });
    expectFields(await call(app, 'PATCH', `/api/action-items/${support!.id}`, { cookie: w.cookies.self, body: { ownerId: org.otherReport.id } }), {
      ownerId: '担当者は、この1on1の2人のどちらかを指定してください。',
    });
    expect((await call(app, 'DELETE', `/api/action-items/${support!.id}`, { cookie: w.cookies.self })).status).toBe(200);
    expectError(await call(app, 'DELETE', `/api/action-items/${support!.id}`, { cookie: w.cookies.self }), 404, 'not_found');
    expectError(await call(app, 'PATCH', `/api/action-items/${UNKNOWN_ID}`, { cookie: w.cookies.self, body: { status: 'done' } }), 404, 'not_found');
  });

  it('no action item on a cancelled meeting (409)', async () => {
    const w = await world();
    const { org } = w;
    const cancel = await call(app, 'POST', `/api/meetings/${w.otherMeetingId}/cancel`, { cookie: w.cookies.partner, body: { reason: '出張' } });
    expect(cancel.status).toBe(200);
    expectError(await add(w, 'partner', { ownerId: org.partner.id, title: 'x' }, w.otherMeetingId), 409, 'conflict');
  });
});

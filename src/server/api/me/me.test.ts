import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Me } from '../../../domain/me.js';
import { employees, settings } from '../../db/schema.js';
import { call, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';

describe.skipIf(noDatabase)('me API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;

  beforeAll(async () => {
    const built = testApp(database);
    app = built.app;
    org = await buildOrganisation(database.db, built.services.auth);
    await database.db.insert(settings).values({ key: 'organisationName', value: '株式会社テスト' });
    cookies = await signInAll(app, org);
  });

  const expectedRoles: Record<Exclude<Viewer, 'anonymous'>, string[]> = {
    self: ['member'],
    partner: ['member', 'manager'],
    otherReport: ['member'],
    skipLevel: ['member', 'manager'],
    hr: ['member', 'hr'],
    admin: ['member', 'admin'],
  };

  it.each(Object.keys(expectedRoles) as Exclude<Viewer, 'anonymous'>[])('GET /api/me for %s: their own record, roles and abilities', async (viewer) => {
    const res = await call<Me>(app, 'GET', '/api/me', { cookie: cookies[viewer] });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id: org[viewer].id,
      email: org[viewer].email,
      roles: expectedRoles[viewer],
      locale: 'ja',
      timeZone: 'Asia/Tokyo',
      organisationName: '株式会社テスト',
      abilities: { manageEmployees: viewer === 'admin', manageDepartments: viewer === 'admin', viewDirectory: true, manageGuidance: viewer === 'admin' || viewer === 'hr' },
    });
    expect(Object.keys(res.body).sort()).toEqual(
      ['abilities', 'department', 'directReports', 'email', 'familyName', 'givenName', 'id', 'locale', 'manager', 'organisationName', 'roles', 'timeZone', 'title'].sort(),
    );
  });

  it('reporting lines: the manager lists active direct reports only; the report sees their manager', async () => {
    const partner = await call<Me>(app, 'GET', '/api/me', { cookie: cookies.partner });
    expect(partner.body.directReports.map((r) => r.id).sort()).toEqual([org.self.id, org.otherReport.id].sort());
    expect(partner.body.manager?.id).toBe(org.skipLevel.id);
    const skip = await call<Me>(app, 'GET', '/api/me', { cookie: cookies.skipLevel });
    expect(skip.body.directReports.map((r) => r.id)).toEqual([org.partner.id]);
    const self = await call<Me>(app, 'GET', '/api/me', { cookie: cookies.self });
    expect(self.body.manager).toEqual({ id: org.partner.id, familyName: '田中', givenName: '美咲', title: '部長' });
    expect(self.body.department?.id).toBe(org.departments.team);
    expect(self.body.directReports).toEqual([]);
  });

  it('anonymous: GET and PATCH /api/me → 401', async () => {
    expect(expectError(await call(app, 'GET', '/api/me'), 401, 'unauthenticated').message).toBe('サインインしてください。');
    expect(expectError(await call(app, 'GET', '/api/me', { lang: 'en' }), 401, 'unauthenticated').message).toBe('Please sign in.');
    expectError(await call(app, 'PATCH', '/api/me', { body: { locale: 'en' } }), 401, 'unauthenticated');
  });

  it.each(['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'] as Viewer[])(
    'GET /api/session for %s: their own record, or null without an error for nobody',
    async (viewer) => {
      const res = await call<{ me: Me | null }>(app, 'GET', '/api/session', { cookie: cookies[viewer] });
      expect(res.status).toBe(200);
      if (viewer === 'anonymous') return void expect(res.body).toEqual({ me: null });
      const me = (await call<Me>(app, 'GET', '/api/me', { cookie: cookies[viewer] })).body;
      expect(res.body.me).toEqual(me);
      expect(res.body.me?.id).toBe(org[viewer].id);
    },
  );

  it('GET /api/session with a forged cookie is nobody', async () => {
    expect((await call(app, 'GET', '/api/session', { cookie: 'taiwa.session_token=forged.value' })).body).toEqual({ me: null });
  });

  it('a forged or stale session cookie is anonymous', async () => {
    expectError(await call(app, 'GET', '/api/me', { cookie: 'taiwa.session_token=forged.value' }), 401, 'unauthenticated');
  });

  it('PATCH /api/me changes my language and time zone, and only mine', async () => {
    const res = await call<Me>(app, 'PATCH', '/api/me', { cookie: cookies.otherReport, body: { locale: 'en', timeZone: 'Europe/Paris' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: org.otherReport.id, locale: 'en', timeZone: 'Europe/Paris' });
    const rows = await database.db.select({ id: employees.id, locale: employees.locale }).from(employees).where(eq(employees.locale, 'en'));
    expect(rows.map((r) => r.id)).toEqual([org.otherReport.id]);
  });

  it('PATCH /api/me ignores fields it does not own: nobody grants themselves admin or a new manager', async () => {
    const res = await call<Me>(app, 'PATCH', '/api/me', {
      cookie: cookies.self,
      body: { timeZone: 'Asia/Tokyo', isAdmin: true, isHr: true, managerId: null, active: false, email: 'me@evil.test' },
    });
    expect(res.status).toBe(200);
    expect(res.body.roles).toEqual(['member']);
    const [row] = await database.db.select().from(employees).where(eq(employees.id, org.self.id));
    expect(row).toMatchObject({ isAdmin: false, isHr: false, managerId: org.partner.id, active: true, email: org.self.email });
  });

  it.each(['self', 'partner', 'skipLevel', 'hr', 'admin'] as const)('PATCH /api/me bad input by %s → 400 in ja and en, nothing changes', async (viewer) => {
    const before = await databaseSnapshot(database.db);
    const body = { locale: 'fr', timeZone: 'Mars/Olympus' };
    expectFields(await call(app, 'PATCH', '/api/me', { cookie: cookies[viewer], body }), {
      locale: '次のいずれかを指定してください: ja, en',
      timeZone: 'タイムゾーンが正しくありません(例: Asia/Tokyo)。',
    });
    expectFields(await call(app, 'PATCH', '/api/me', { cookie: cookies[viewer], body, lang: 'en' }), {
      locale: 'Use one of: ja, en',
      timeZone: 'Not a valid time zone (e.g. Asia/Tokyo).',
    });
    expectFields(await call(app, 'PATCH', '/api/me', { cookie: cookies[viewer], body: {} }), { _: '変更する項目を1つ以上指定してください。' });
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });
});

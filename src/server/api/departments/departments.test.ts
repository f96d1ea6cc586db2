import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Department, DepartmentList } from '../../../domain/departments.js';
import { departments } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
/** What a refused caller gets: 401 when anonymous, else 403. */
const expectRefused = (res: Parameters<typeof expectError>[0], viewer: Viewer) =>
  viewer === 'anonymous' ? expectError(res, 401, 'unauthenticated') : expectError(res, 403, 'forbidden');

describe.skipIf(noDatabase)('departments API', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;
  let cookies: Record<Viewer, string | null>;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
    cookies = await signInAll(app, org);
  });

  async function freshOrg() {
    const o = await buildOrganisation(database.db, auth);
    return { o, admin: await signIn(app, o.admin.email, TEST_PASSWORD) };
  }

  describe('GET /api/departments', () => {
    it.each(viewers)('%s', async (viewer) => {
      const res = await call<DepartmentList>(app, 'GET', '/api/departments', { cookie: cookies[viewer] });
      if (viewer === 'anonymous') {
        expectError(res, 401, 'unauthenticated');
        return;
      }
      expect(res.status).toBe(200);
      const mine = res.body.items.filter((d) => d.name.endsWith(org.tag));
      const seesInactive = viewer === 'hr' || viewer === 'admin';
      expect(mine.map((d) => d.path)).toEqual([
        [`本社-${org.tag}`],
        ...(seesInactive ? [[`本社-${org.tag}`, `旧部署-${org.tag}`]] : []),
        [`本社-${org.tag}`, `開発部-${org.tag}`],
      ].sort((a, b) => a.join('\u0000').localeCompare(b.join('\u0000'), 'ja')));
      const team = mine.find((d) => d.id === org.departments.team)!;
      expect(team).toMatchObject({ parentId: org.departments.top, active: true, employeeCount: 3 }); // the deactivated member does not count
      expect(res.body.abilities).toEqual({ create: viewer === 'admin' });
      for (const d of res.body.items) expect(d.abilities).toEqual({ update: viewer === 'admin' });
    });
  });

  describe('POST /api/departments', () => {
    it.each(viewers)('%s creating a department', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const res = await call<Department>(app, 'POST', '/api/departments', {
        cookie: cookies[viewer],
        body: { name: `  品質保証部-${viewer}  `, parentId: org.departments.team },
      });
      if (viewer !== 'admin') {
        expectRefused(res, viewer);
        expect(await databaseSnapshot(database.db)).toEqual(before);
        return;
      }
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        name: '品質保証部-admin',
        parentId: org.departments.team,
        active: true,
        path: [`本社-${org.tag}`, `開発部-${org.tag}`, '品質保証部-admin'],
        employeeCount: 0,
      });
      expect((await databaseSnapshot(database.db)).departments).toHaveLength(before.departments!.length + 1);
    });

    it('bad input → 400 in ja and en, nothing written', async () => {
      const before = await databaseSnapshot(database.db);
      const body = { name: '', parentId: 'top' };
      expectFields(await call(app, 'POST', '/api/departments', { cookie: cookies.admin, body }), {
        name: '入力してください。',
        parentId: 'IDの形式が正しくありません。',
      });
      expectFields(await call(app, 'POST', '/api/departments', { cookie: cookies.admin, body, lang: 'en' }), {
        name: 'Required.',
        parentId: 'Not a valid id.',
      });
      expectFields(await call(app, 'POST', '/api/departments', { cookie: cookies.admin, body: { name: 'あ'.repeat(101) } }), {
        name: '100文字以内で入力してください。',
      });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it.each([
      ['a parent that does not exist', () => '00000000-0000-4000-8000-000000000000', '親部署が見つかりません。'],
      ['a deactivated parent', (o: Organisation) => o.departments.inactive, '無効化された部署には所属させられません。'],
    ])('%s → 409 on parentId, nothing written', async (_label, parent, message) => {
      const before = await databaseSnapshot(database.db);
      const error = expectError(await call(app, 'POST', '/api/departments', { cookie: cookies.admin, body: { name: '新部署', parentId: parent(org) } }), 409, 'conflict');
      expect(error.fields).toEqual({ parentId: message });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('PATCH /api/departments/{id}', () => {
    it.each(viewers)('%s renaming a department', async (viewer) => {
      const { o } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const res = await call<Department>(app, 'PATCH', `/api/departments/${o.departments.team}`, { cookie: cookies[viewer], body: { name: '開発二部' } });
      if (viewer !== 'admin') {
        expectRefused(res, viewer);
        expect(await databaseSnapshot(database.db)).toEqual(before);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ name: '開発二部', path: [`本社-${o.tag}`, '開発二部'] });
    });

    it('moving a department under itself or its own sub-department → 409 in ja and en, nothing changes', async () => {
      const { o, admin } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const under = expectError(
        await call(app, 'PATCH', `/api/departments/${o.departments.top}`, { cookie: admin, body: { parentId: o.departments.team } }),
        409,
        'conflict',
      );
      expect(under.message).toBe('部署をその部署自身、または配下の部署の下に移すことはできません。');
      expect(under.fields).toEqual({ parentId: under.message });
      const en = expectError(
        await call(app, 'PATCH', `/api/departments/${o.departments.top}`, { cookie: admin, body: { parentId: o.departments.team }, lang: 'en' }),
        409,
        'conflict',
      );
      expect(en.message).toBe('A department cannot be moved under itself or one of its sub-departments.');
      expectError(await call(app, 'PATCH', `/api/departments/${o.departments.team}`, { cookie: admin, body: { parentId: o.departments.team } }), 409, 'conflict');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('deactivating a department with members → 409; an empty one can be deactivated and reactivated', async () => {
      const { o, admin } = await freshOrg();
      const busy = expectError(await call(app, 'PATCH', `/api/departments/${o.departments.team}`, { cookie: admin, body: { active: false } }), 409, 'conflict');
      expect(busy.fields).toEqual({ active: '所属する社員または有効な下位部署がある部署は無効化できません。' });
      const [row] = await database.db.select({ active: departments.active }).from(departments).where(eq(departments.id, o.departments.team));
      expect(row!.active).toBe(true);
      const created = await call<Department>(app, 'POST', '/api/departments', { cookie: admin, body: { name: `空-${o.tag}` } });
      const off = await call<Department>(app, 'PATCH', `/api/departments/${created.body.id}`, { cookie: admin, body: { active: false } });
      expect(off.body.active).toBe(false);
      const on = await call<Department>(app, 'PATCH', `/api/departments/${created.body.id}`, { cookie: admin, body: { active: true } });
      expect(on.body.active).toBe(true);
    });

    it('bad input → 400 in ja and en; unknown id → 404; nothing changes', async () => {
      const { o, admin } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'PATCH', `/api/departments/${o.departments.team}`, { cookie: admin, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
      expectFields(await call(app, 'PATCH', `/api/departments/${o.departments.team}`, { cookie: admin, body: { name: ' ', active: 1 }, lang: 'en' }), {
        name: 'Required.',
        active: 'Wrong format.',
      });
      expectError(
        await call(app, 'PATCH', '/api/departments/00000000-0000-4000-8000-000000000000', { cookie: admin, body: { name: 'x' } }),
        404,
        'not_found',
      );
      expectFields(await call(app, 'PATCH', '/api/departments/not-an-id', { cookie: admin, body: { name: 'x' } }), { id: 'IDの形式が正しくありません。' });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });
});

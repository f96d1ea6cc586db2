import { eq, inArray } from 'drizzle-orm';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import type { Employee, EmployeeList } from '../../../domain/employees.js';
import { employees, session } from '../../db/schema.js';
import { call, signIn, testApp } from '../../test/app.js';
import { countQueries, testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import {
  buildOrganisation,
  insertPeople,
  signInAll,
  TEST_PASSWORD,
  type Organisation,
} from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

type Viewer = 'self' | 'partner' | 'otherReport' | 'skipLevel' | 'hr' | 'admin' | 'anonymous';
const viewers: Viewer[] = ['self', 'partner', 'otherReport', 'skipLevel', 'hr', 'admin', 'anonymous'];
const seesAdminFields: Record<Viewer, boolean> = {
  self: false,
  partner: false,
  otherReport: false,
  skipLevel: false,
  hr: true,
  admin: true,
  anonymous: false,
};
const adminFields = ['isHr', 'isAdmin', 'canSignIn'] as const;

const newEmployee = (tag: string) => ({
  familyName: '新井',
  givenName: '花子',
  familyNameKana: 'アライ',
  givenNameKana: 'はなこ',
  email: `Arai.${tag}@Example.test`,
  employeeNumber: `N-${tag}`,
  title: '  エンジニア  ',
});

describe.skipIf(noDatabase)('employees API', () => {
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

  /** A fresh organisation and its admin's cookie, for tests that change things. */
  async function freshOrg() {
    const o = await buildOrganisation(database.db, auth);
    return { o, admin: await signIn(app, o.admin.email, TEST_PASSWORD) };
  }

  describe('GET /api/employees', () => {
    it.each(viewers)('%s: the right status, rows and fields', async (viewer) => {
      const res = await call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${org.departments.team}&status=all`, { cookie: cookies[viewer] });
      if (viewer === 'anonymous') {
        expectError(res, 401, 'unauthenticated');
        return;
      }
      expect(res.status).toBe(200);
      const names = res.body.items.map((e) => e.id).sort();
      const active = [org.self.id, org.otherReport.id, org.partner.id];
      // Inactive people are listed for hr and admin only, even when asked for.
      expect(names).toEqual((seesAdminFields[viewer] ? [...active, org.former.id] : active).sort());
      expect(res.body.total).toBe(names.length);
      for (const e of res.body.items) {
        for (const f of adminFields) expect(f in e, `${f} for ${viewer}`).toBe(seesAdminFields[viewer]);
        expect(e.abilities).toEqual({
          update: viewer === 'admin',
          deactivate: viewer === 'admin',
          setManager: viewer === 'admin',
          viewAdminFields: seesAdminFields[viewer],
          anonymise: viewer === 'admin',
        });
      }
      expect(res.body.abilities).toEqual({ create: viewer === 'admin' });
      const partner = res.body.items.find((e) => e.id === org.partner.id)!;
      expect(partner.directReportCount).toBe(2); // the deactivated report does not count
      expect(partner.manager).toEqual({ id: org.skipLevel.id, familyName: '高橋', givenName: '誠', title: '本部長' });
      expect(partner.department?.id).toBe(org.departments.team);
    });

    it('status=inactive lists only the deactivated for hr; a member asking for it is refused (403), not answered with others', async () => {
      const hr = await call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${org.departments.team}&status=inactive`, { cookie: cookies.hr });
      expect(hr.body.items.map((e) => [e.id, e.active, e.canSignIn])).toEqual([[org.former.id, false, false]]);
      const member = await call(app, 'GET', `/api/employees?departmentId=${org.departments.team}&status=inactive`, { cookie: cookies.self });
      expect(expectError(member, 403, 'forbidden').message).toMatch(/人事・管理者/);
    });

    it('filters by manager and by search text (name, with or without a space; LIKE wildcards are literal)', async () => {
      const byManager = await call<EmployeeList>(app, 'GET', `/api/employees?managerId=${org.partner.id}`, { cookie: cookies.self });
      expect(byManager.body.items.map((e) => e.id).sort()).toEqual([org.self.id, org.otherReport.id].sort());
      const byName = await call<EmployeeList>(app, 'GET', `/api/employees?q=${encodeURIComponent('鈴木 翔太')}&departmentId=${org.departments.team}`, {
        cookie: cookies.self,
      });
      expect(byName.body.items.map((e) => e.id)).toEqual([org.self.id]);
      const wildcard = await call<EmployeeList>(app, 'GET', `/api/employees?q=${encodeURIComponent('%')}`, { cookie: cookies.self });
      expect(wildcard.body.items).toEqual([]);
    });

    it.each([
      ['pageSize=0', 'pageSize', '1以上の値を入力してください。', 'Enter a value of at least 1.'],
      ['pageSize=201', 'pageSize', '200以下の値を入力してください。', 'Enter a value of at most 200.'],
      ['page=0', 'page', '1以上の値を入力してください。', 'Enter a value of at least 1.'],
      ['status=gone', 'status', '次のいずれかを指定してください: active, inactive, all', 'Use one of: active, inactive, all'],
      ['managerId=abc', 'managerId', 'IDの形式が正しくありません。', 'Not a valid id.'],
    ])('bad query %s → 400 on %s, in ja and en', async (query, field, ja, en) => {
      expectFields(await call(app, 'GET', `/api/employees?${query}`, { cookie: cookies.self }), { [field]: ja });
      expectFields(await call(app, 'GET', `/api/employees?${query}`, { cookie: cookies.self, lang: 'en' }), { [field]: en });
    });
  });

  describe('pagination', () => {
    let dept: string;
    beforeAll(async () => {
      const { o } = await freshOrg();
      dept = o.departments.team;
      const specs = Array.from({ length: 57 }, (_, i) => ({
        familyName: `頁${String(i).padStart(2, '0')}`,
        givenName: '太郎',
        familyNameKana: `ページ`,
        givenNameKana: `タロウ${'ア'.repeat(i)}`,
        departmentId: dept,
        managerId: o.partner.id,
      }));
      await insertPeople(database.db, auth, specs);
    });

    it('honours pageSize and page, and totals every row; pages do not overlap', async () => {
      // 57 inserted + self, otherReport, partner of the fresh org = 60 active in the department
      const seen = new Set<string>();
      for (const page of [1, 2, 3]) {
        const res = await call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${dept}&pageSize=25&page=${page}`, { cookie: cookies.self });
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({ page, pageSize: 25, total: 60 });
        expect(res.body.items).toHaveLength(page < 3 ? 25 : 10);
        for (const e of res.body.items) seen.add(e.id);
      }
      expect(seen.size).toBe(60);
      const beyond = await call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${dept}&pageSize=25&page=9`, { cookie: cookies.self });
      expect(beyond.body).toMatchObject({ items: [], total: 60, page: 9 });
    });

    it('sends the same number of SQL queries for a page of 5 and a page of 50', async () => {
      const page = (size: number) =>
        countQueries(database.pool, () => call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${dept}&pageSize=${size}`, { cookie: cookies.self }));
      await page(1); // warm up better-auth's lazy start
      const five = await page(5);
      const fifty = await page(50);
      expect(five.result.body.items).toHaveLength(5);
      expect(fifty.result.body.items).toHaveLength(50);
      expect(five.queries.length).toBeGreaterThan(0);
      expect(fifty.queries.length).toBe(five.queries.length);
    });
  });

  describe('keyset cursor (ADR 0222)', () => {
    let dept: string;
    let hr: string;
    let goneId: string;
    let formerId: string;
    beforeAll(async () => {
      const { o } = await freshOrg();
      dept = o.departments.team;
      formerId = o.former.id;
      hr = await signIn(app, o.hr.email, TEST_PASSWORD);
      // Nine people with the very same kana (only the id orders them) between others, and one
      // deactivated person in the middle of the order.
      const same = Array.from({ length: 9 }, (_, i) => ({
        familyName: `同${i}`,
        givenName: '名',
        familyNameKana: 'オナジ',
        givenNameKana: 'ナマエ',
        departmentId: dept,
      }));
      const others = Array.from({ length: 14 }, (_, i) => ({
        familyName: `順${i}`,
        givenName: '花子',
        familyNameKana: i % 2 ? 'アイダ' : 'ワダ',
        givenNameKana: `ハナコ${'ア'.repeat(i)}`,
        departmentId: dept,
      }));
      const [gone] = await insertPeople(database.db, auth, [{ familyName: '退', givenName: '職', familyNameKana: 'オナジ', givenNameKana: 'ナマエ', departmentId: dept }]);
      goneId = gone!.id;
      await database.db.update(employees).set({ active: false }).where(eq(employees.id, goneId));
      await insertPeople(database.db, auth, [...same, ...others]);
    });

    const list = (query: string, cookie: string | null = cookies.self) => call<EmployeeList>(app, 'GET', `/api/employees?departmentId=${dept}&${query}`, { cookie });

    async function walk(size: number, extra = '', cookie: string | null = cookies.self) {
      const pages: EmployeeList[] = [];
      let cursor: string | null = null;
      do {
        const res: Awaited<ReturnType<typeof list>> = await list(`pageSize=${size}${extra}${cursor ? `&cursor=${cursor}` : ''}`, cookie);
        expect(res.status).toBe(200);
        pages.push(res.body);
        cursor = res.body.nextCursor;
      } while (cursor && pages.length < 100);
      return pages;
    }

    it.each([1, 4, 7, 26])('pages of %i follow the directory order with no duplicate and no gap; the last has no nextCursor', async (size) => {
      const whole = await list('pageSize=200');
      // 23 inserted active + self, otherReport, partner of the fresh org
      expect(whole.body.total).toBe(26);
      expect(whole.body.nextCursor).toBeNull();
      const pages = await walk(size);
      expect(pages.flatMap((p) => p.items.map((e) => e.id))).toEqual(whole.body.items.map((e) => e.id));
      expect(pages).toHaveLength(Math.ceil(26 / size));
      expect(pages.at(-1)!.nextCursor).toBeNull();
      for (const p of pages.slice(0, -1)) expect(p.items).toHaveLength(size);
      // Counted on the first page only.
      expect(pages[0]!.total).toBe(26);
      for (const p of pages.slice(1)) expect(p.total).toBeNull();
    });

    it('the same kana are ordered by id, so a page boundary inside them neither repeats nor skips anyone', async () => {
      const ids = (await walk(2)).flatMap((p) => p.items.filter((e) => e.familyNameKana === 'オナジ').map((e) => e.id));
      expect(ids).toHaveLength(9);
      expect(ids).toEqual([...ids].sort());
    });

    it('a page by number hands over a cursor that continues right after it', async () => {
      const whole = await list('pageSize=200');
      const second = await list('pageSize=5&page=2');
      const next = await list(`pageSize=5&cursor=${second.body.nextCursor}`);
      expect(next.body.items.map((e) => e.id)).toEqual(whole.body.items.slice(10, 15).map((e) => e.id));
    });

    it('the cursor keeps the visibility filter: the deactivated person is in hr’s pages of all, never in a member’s', async () => {
      const member = (await walk(3, '&status=all')).flatMap((p) => p.items);
      expect(member.every((e) => e.active)).toBe(true);
      expect(member).toHaveLength(26);
      const forHr = (await walk(3, '&status=all', hr)).flatMap((p) => p.items);
      // and the fresh organisation's own former report
      expect(forHr).toHaveLength(28);
      expect(forHr.filter((e) => !e.active).map((e) => e.id).sort()).toEqual([goneId, formerId].sort());
    });

    it('a cursor page does not count the matching employees (only the page’s report counts remain)', async () => {
      const total = /count\(\*\)::int from "employees"/;
      const first = await list('pageSize=3');
      const counted = await countQueries(database.pool, () => list('pageSize=3'));
      const paged = await countQueries(database.pool, () => list(`pageSize=3&cursor=${first.body.nextCursor}`));
      expect(counted.queries.some((q) => total.test(q))).toBe(true);
      expect(paged.queries.some((q) => total.test(q))).toBe(false);
      expect(paged.result.body.items).toHaveLength(3);
    });

    const b64 = (v: string) => Buffer.from(v).toString('base64url');
    it.each([
      ['not base64url', '%%%'],
      ['not JSON', b64('オナジ')],
      ['not a triple', b64(JSON.stringify(['オナジ', 'ナマエ']))],
      ['not strings', b64(JSON.stringify(['オナジ', 1, '00000000-0000-4000-8000-000000000000']))],
      ['not an id', b64(JSON.stringify(['オナジ', 'ナマエ', 'x']))],
    ])('a cursor that is %s → 400 on cursor, in ja and en', async (_label, cursor) => {
      const query = `pageSize=3&cursor=${encodeURIComponent(cursor)}`;
      expectFields(await list(query), { cursor: '続きの位置(cursor)を読み取れません。前の応答の nextCursor をそのまま渡すか、cursor を付けずに最初から読み直してください。' });
      expectFields(await call(app, 'GET', `/api/employees?${query}`, { cookie: cookies.self, lang: 'en' }), {
        cursor: 'The cursor cannot be read. Pass the nextCursor of the previous answer as it is, or start again without a cursor.',
      });
    });
  });

  describe('GET /api/employees/{id}', () => {
    it.each(viewers)('%s reading a colleague', async (viewer) => {
      const res = await call<Employee>(app, 'GET', `/api/employees/${org.self.id}`, { cookie: cookies[viewer] });
      if (viewer === 'anonymous') {
        expectError(res, 401, 'unauthenticated');
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id: org.self.id, familyName: '鈴木', givenName: '翔太', active: true, directReportCount: 0 });
      for (const f of adminFields) expect(f in res.body, f).toBe(seesAdminFields[viewer]);
      if (seesAdminFields[viewer]) expect(res.body).toMatchObject({ isHr: false, isAdmin: false, canSignIn: true });
    });

    it.each(viewers)('%s reading a deactivated person: only hr and admin find them', async (viewer) => {
      const res = await call<Employee>(app, 'GET', `/api/employees/${org.former.id}`, { cookie: cookies[viewer] });
      if (viewer === 'anonymous') expectError(res, 401, 'unauthenticated');
      else if (seesAdminFields[viewer]) expect(res.body).toMatchObject({ id: org.former.id, active: false, canSignIn: false });
      else expect(expectError(res, 404, 'not_found').message).toBe('社員が見つかりません。');
    });

    it('an unknown id is 404 and a malformed one 400', async () => {
      expectError(await call(app, 'GET', '/api/employees/00000000-0000-4000-8000-000000000000', { cookie: cookies.admin }), 404, 'not_found');
      expectFields(await call(app, 'GET', '/api/employees/42', { cookie: cookies.admin }), { id: 'IDの形式が正しくありません。' });
    });
  });

  describe('POST /api/employees', () => {
    // This block writes: it works on an organisation of its own, so the reads above see the same
    // organisation whatever order the tests run in.
    let org: Organisation;
    let cookies: Record<Viewer, string | null>;
    beforeAll(async () => {
      org = await buildOrganisation(database.db, auth);
      cookies = await signInAll(app, org);
    });

    it.each(viewers)('%s creating an employee', async (viewer) => {
      const before = await databaseSnapshot(database.db);
      const res = await call<Employee>(app, 'POST', '/api/employees', {
        cookie: cookies[viewer],
        body: { ...newEmployee(`${viewer}-${org.tag}`), managerId: org.partner.id, departmentId: org.departments.team, password: 'initial-pass-1' },
      });
      if (viewer !== 'admin') {
        expectError(res, viewer === 'anonymous' ? 401 : 403, viewer === 'anonymous' ? 'unauthenticated' : 'forbidden');
        expect(await databaseSnapshot(database.db)).toEqual(before);
        return;
      }
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        familyName: '新井',
        email: `arai.admin-${org.tag}@example.test`, // trimmed and lower-cased
        title: 'エンジニア',
        manager: { id: org.partner.id },
        department: { id: org.departments.team },
        isHr: false,
        isAdmin: false,
        canSignIn: true,
        active: true,
      });
      const after = await databaseSnapshot(database.db);
      expect(after.employees).toHaveLength(before.employees!.length + 1);
      expect(after.auth_user).toHaveLength(before.auth_user!.length + 1);
      expect(after.auth_account).toHaveLength(before.auth_account!.length + 1);
      // The new person can sign in with the initial password.
      await signIn(app, `arai.admin-${org.tag}@example.test`, 'initial-pass-1');
    });

    it('without an e-mail address: no sign-in user and no password until an address is saved (ADR 0215)', async () => {
      const before = await databaseSnapshot(database.db);
      const withPassword = { ...newEmployee(`nomail-${org.tag}`), email: '', password: 'initial-pass-1' };
      const refused = await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: withPassword, lang: 'en' });
      expect(refused.status).toBe(400);
      expect(refused.text).toContain('Add an e-mail address before setting a password.');
      expect(await databaseSnapshot(database.db)).toEqual(before);

      const res = await call<Employee>(app, 'POST', '/api/employees', { cookie: cookies.admin, body: { ...newEmployee(`nomail-${org.tag}`), email: '  ' } });
      expect(res.status, res.text).toBe(201);
      expect(res.body).toMatchObject({ email: null, canSignIn: false });
      const after = await databaseSnapshot(database.db);
      expect(after.employees).toHaveLength(before.employees!.length + 1);
      expect(after.auth_user).toHaveLength(before.auth_user!.length);
      // An address may not be cleared by an update; it may be added, and then a password set.
      expect((await call(app, 'PATCH', `/api/employees/${res.body.id}`, { cookie: cookies.admin, body: { email: '' } })).status).toBe(400);
      const email = `genba.${org.tag}@example.test`;
      const added = await call<Employee>(app, 'PATCH', `/api/employees/${res.body.id}`, { cookie: cookies.admin, body: { email, password: 'initial-pass-1' } });
      expect(added.status, added.text).toBe(200);
      expect(added.body).toMatchObject({ email, canSignIn: true });
      await signIn(app, email, 'initial-pass-1');
    });

    it('without a password the employee exists but cannot sign in', async () => {
      const res = await call<Employee>(app, 'POST', '/api/employees', { cookie: cookies.admin, body: newEmployee(`nopw-${org.tag}`) });
      expect(res.status).toBe(201);
      expect(res.body.canSignIn).toBe(false);
    });

    const bad = {
      familyName: '   ',
      givenName: 'x'.repeat(101),
      familyNameKana: 'Arai',
      email: 'not-an-email',
      employeeNumber: 'N 1',
      managerId: 'nobody',
      isHr: 'yes',
      password: 'short',
    };
    it('bad input → 400 naming every field, in Japanese by default, and writes nothing', async () => {
      const before = await databaseSnapshot(database.db);
      expectFields(await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: bad }), {
        familyName: '入力してください。',
        givenName: '100文字以内で入力してください。',
        familyNameKana: 'カタカナまたはひらがなで入力してください。',
        givenNameKana: '入力してください。',
        email: 'メールアドレスの形式が正しくありません。',
        employeeNumber: '半角英数字・ハイフン・アンダースコアで入力してください。',
        managerId: 'IDの形式が正しくありません。',
        isHr: '形式が正しくありません。',
        password: '8文字以上で入力してください。',
      });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('bad input → the same fields in English with Accept-Language: en', async () => {
      const res = await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: bad, lang: 'en-US,en;q=0.9,ja;q=0.5' });
      const error = expectError(res, 400, 'validation');
      expect(error.message).toBe('Some fields are not valid. Please check them.');
      expect(error.fields).toEqual({
        familyName: 'Required.',
        givenName: 'Enter at most 100 characters.',
        familyNameKana: 'Use katakana or hiragana.',
        givenNameKana: 'Required.',
        email: 'Not a valid email address.',
        employeeNumber: 'Use letters, digits, hyphens and underscores.',
        managerId: 'Not a valid id.',
        isHr: 'Wrong format.',
        password: 'Enter at least 8 characters.',
      });
    });

    it.each([
      ['an email in use (any case)', (o: Organisation) => ({ email: o.self.email.toUpperCase() }), 'email', 'このメールアドレスはすでに使われています。'],
      ['an employee number in use', (o: Organisation) => ({ employeeNumber: o.self.employeeNumber }), 'employeeNumber', 'この社員番号はすでに使われています。'],
      ['a manager who does not exist', () => ({ managerId: '00000000-0000-4000-8000-000000000000' }), 'managerId', '上司に指定した社員が見つかりません。'],
      ['a deactivated manager', (o: Organisation) => ({ managerId: o.former.id }), 'managerId', '無効化された社員を上司に設定することはできません。'],
      ['a deactivated department', (o: Organisation) => ({ departmentId: o.departments.inactive }), 'departmentId', '無効化された部署には所属させられません。'],
    ])('%s → 409 on the field, nothing written', async (_label, change, field, message) => {
      const before = await databaseSnapshot(database.db);
      const res = await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: { ...newEmployee(`c-${Math.random().toString(36).slice(2)}`), ...change(org) } });
      const error = expectError(res, 409, 'conflict');
      expect(error.message).toBe(message);
      expect(error.fields).toEqual({ [field]: message });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });
  });

  describe('PATCH /api/employees/{id}', () => {
    // This block writes: it works on an organisation of its own, so the reads above see the same
    // organisation whatever order the tests run in.
    let org: Organisation;
    let cookies: Record<Viewer, string | null>;
    beforeAll(async () => {
      org = await buildOrganisation(database.db, auth);
      cookies = await signInAll(app, org);
    });

    it.each(viewers)('%s changing a title', async (viewer) => {
      const { o } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const res = await call<Employee>(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: cookies[viewer], body: { title: 'リーダー' } });
      if (viewer !== 'admin') {
        expectError(res, viewer === 'anonymous' ? 401 : 403, viewer === 'anonymous' ? 'unauthenticated' : 'forbidden');
        expect(await databaseSnapshot(database.db)).toEqual(before);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.title).toBe('リーダー');
    });

    it('a member cannot make themselves admin', async () => {
      const res = await call(app, 'PATCH', `/api/employees/${org.self.id}`, { cookie: cookies.self, body: { isAdmin: true } });
      expectError(res, 403, 'forbidden');
      const [row] = await database.db.select({ isAdmin: employees.isAdmin }).from(employees).where(eq(employees.id, org.self.id));
      expect(row!.isAdmin).toBe(false);
    });

    it('bad input → 400 with field messages in ja and en, nothing changed', async () => {
      const { o, admin } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const body = { email: 'x@', familyNameKana: '', active: 'no', departmentId: 5 };
      expectFields(await call(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: admin, body }), {
        email: 'メールアドレスの形式が正しくありません。',
        familyNameKana: '入力してください。',
        active: '形式が正しくありません。',
        departmentId: '形式が正しくありません。',
      });
      expectFields(await call(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: admin, body, lang: 'en' }), {
        email: 'Not a valid email address.',
        familyNameKana: 'Required.',
        active: 'Wrong format.',
        departmentId: 'Wrong format.',
      });
      expectFields(await call(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: admin, body: {} }), { _: '変更する項目を1つ以上指定してください。' });
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('an unknown employee → 404', async () => {
      const { admin } = await freshOrg();
      expectError(await call(app, 'PATCH', '/api/employees/00000000-0000-4000-8000-000000000000', { cookie: admin, body: { title: 'x' } }), 404, 'not_found');
    });

    it('a deactivated employee cannot sign in, and their open sessions end', async () => {
      const { o, admin } = await freshOrg();
      const theirCookie = await signIn(app, o.otherReport.email, TEST_PASSWORD);
      expect((await call(app, 'GET', '/api/me', { cookie: theirCookie })).status).toBe(200);
      const res = await call<Employee>(app, 'PATCH', `/api/employees/${o.otherReport.id}`, { cookie: admin, body: { active: false } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ active: false, canSignIn: false });
      const [row] = await database.db.select({ deactivatedAt: employees.deactivatedAt }).from(employees).where(eq(employees.id, o.otherReport.id));
      expect(row!.deactivatedAt).toBeInstanceOf(Date);
      expect(await database.db.select().from(session).where(eq(session.userId, o.otherReport.userId))).toEqual([]);
      expectError(await call(app, 'GET', '/api/me', { cookie: theirCookie }), 401, 'unauthenticated');
      const signInAgain = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: o.otherReport.email, password: TEST_PASSWORD } });
      expect(expectError(signInAgain, 403, 'forbidden').message).toBe('このアカウントは無効化されています。管理者に連絡してください。');
      expect(signInAgain.headers.getSetCookie().some((c) => /session_token=[^;]+/.test(c) && !/session_token=;/.test(c))).toBe(false);
      // Reactivated, they can sign in again.
      expect((await call(app, 'PATCH', `/api/employees/${o.otherReport.id}`, { cookie: admin, body: { active: true } })).status).toBe(200);
      await signIn(app, o.otherReport.email, TEST_PASSWORD);
    });

    it.each([
      ['deactivating oneself', (o: Organisation) => [o.admin.id, { active: false }], 'active', '自分自身を無効化することはできません。'],
      ['deactivating a manager with active reports', (o: Organisation) => [o.partner.id, { active: false }], 'active', '直属の部下がいる社員は無効化できません。先に部下の上司を変更してください。'],
      ['removing the last admin', (o: Organisation) => [o.admin.id, { isAdmin: false }], 'isAdmin', '最後の管理者の管理者権限は外せません。'],
    ] as const)('%s → 409, nothing changed', async (_label, make, field, message) => {
      // "The last admin" needs an installation with exactly one admin: every other admin is set aside
      // for this test and given back after it, so other tests' admins stay admins in any order.
      const { o, admin } = await freshOrg();
      const admins = await database.db.select({ id: employees.id }).from(employees).where(eq(employees.isAdmin, true));
      onTestFinished(async () => {
        await database.db.update(employees).set({ isAdmin: true }).where(inArray(employees.id, admins.map((a) => a.id)));
      });
      await database.db.update(employees).set({ isAdmin: false }).where(eq(employees.isAdmin, true));
      await database.db.update(employees).set({ isAdmin: true }).where(eq(employees.id, o.admin.id));
      const before = await databaseSnapshot(database.db);
      const [id, body] = make(o);
      const error = expectError(await call(app, 'PATCH', `/api/employees/${id}`, { cookie: admin, body }), 409, 'conflict');
      expect(error.fields).toEqual({ [field]: message });
      expect(await databaseSnapshot(database.db)).toEqual(before);
      await database.db.update(employees).set({ isAdmin: true }).where(eq(employees.id, org.admin.id));
    });

    it('changing the password lets the person sign in with the new one only', async () => {
      const { o, admin } = await freshOrg();
      expect((await call(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: admin, body: { password: 'brand-new-pass' } })).status).toBe(200);
      await signIn(app, o.self.email, 'brand-new-pass');
      expectError(await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: o.self.email, password: TEST_PASSWORD } }), 401, 'unauthenticated');
    });

    it('changing the email changes the sign-in email too', async () => {
      const { o, admin } = await freshOrg();
      const email = `renamed.${o.tag}@example.test`;
      const res = await call<Employee>(app, 'PATCH', `/api/employees/${o.self.id}`, { cookie: admin, body: { email } });
      expect(res.body.email).toBe(email);
      await signIn(app, email, TEST_PASSWORD);
    });
  });

  describe('PUT /api/employees/{id}/manager', () => {
    // This block writes: it works on an organisation of its own, so the reads above see the same
    // organisation whatever order the tests run in.
    let org: Organisation;
    let cookies: Record<Viewer, string | null>;
    beforeAll(async () => {
      org = await buildOrganisation(database.db, auth);
      cookies = await signInAll(app, org);
    });

    it.each(viewers)('%s moving a report to another manager', async (viewer) => {
      const { o } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const res = await call<Employee>(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: cookies[viewer], body: { managerId: o.skipLevel.id } });
      if (viewer !== 'admin') {
        expectError(res, viewer === 'anonymous' ? 401 : 403, viewer === 'anonymous' ? 'unauthenticated' : 'forbidden');
        expect(await databaseSnapshot(database.db)).toEqual(before);
        return;
      }
      expect(res.status).toBe(200);
      expect(res.body.manager?.id).toBe(o.skipLevel.id);
    });

    it('null clears the manager', async () => {
      const { o, admin } = await freshOrg();
      const res = await call<Employee>(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: admin, body: { managerId: null } });
      expect(res.status).toBe(200);
      expect(res.body.manager).toBeNull();
    });

    it("making someone their own manager's manager → 409 naming both people, in ja and en; nothing changes", async () => {
      const { o, admin } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      // skipLevel → partner → self: self as the manager of skipLevel would close the loop.
      const ja = expectError(await call(app, 'PUT', `/api/employees/${o.skipLevel.id}/manager`, { cookie: admin, body: { managerId: o.self.id } }), 409, 'conflict');
      expect(ja.reason).toBe('errors.reportingCycle');
      expect(ja.message).toBe('高橋 誠さんの上司を鈴木 翔太さんにすると、報告ラインが循環します(鈴木 翔太さんは高橋 誠さんの部下にあたります)。');
      expect(ja.fields?.managerId).toBe(ja.message);
      const en = expectError(
        await call(app, 'PUT', `/api/employees/${o.skipLevel.id}/manager`, { cookie: admin, body: { managerId: o.self.id }, lang: 'en' }),
        409,
        'conflict',
      );
      expect(en.message).toContain('鈴木 翔太');
      expect(en.message).toContain('高橋 誠');
      expect(en.message).toMatch(/reporting cycle/);
      // The direct case too, and through PATCH.
      const direct = expectError(await call(app, 'PATCH', `/api/employees/${o.partner.id}`, { cookie: admin, body: { managerId: o.self.id } }), 409, 'conflict');
      expect(direct.message).toContain('田中 美咲');
      expect(direct.message).toContain('鈴木 翔太');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('being one’s own manager → 409 in ja and en; nothing changes', async () => {
      const { o, admin } = await freshOrg();
      const before = await databaseSnapshot(database.db);
      const ja = expectError(await call(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: admin, body: { managerId: o.self.id } }), 409, 'conflict');
      expect(ja.message).toBe('自分自身を上司に設定することはできません。');
      const en = expectError(await call(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: admin, body: { managerId: o.self.id }, lang: 'en' }), 409, 'conflict');
      expect(en.message).toBe('Nobody can be their own manager.');
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('bad input → 400 in ja and en', async () => {
      const { o, admin } = await freshOrg();
      expectFields(await call(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: admin, body: {} }), { managerId: '入力してください。' });
      expectFields(await call(app, 'PUT', `/api/employees/${o.self.id}/manager`, { cookie: admin, body: { managerId: 'x' }, lang: 'en' }), { managerId: 'Not a valid id.' });
    });
  });
});

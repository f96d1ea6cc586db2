import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { account, session } from '../../db/schema.js';
import { call, cookieFrom, signIn, TEST_BASE_URL, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, insertPeople, relations, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';

describe.skipIf(noDatabase)('sign-in, sign-out, change-password', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
  });

  describe('POST /api/auth/sign-in/email', () => {
    it.each(relations)('%s signs in with the right password and gets an HttpOnly session cookie', async (who) => {
      const res = await call<{ user: { email: string } }>(app, 'POST', '/api/auth/sign-in/email', { body: { email: org[who].email, password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
      expect(res.body.user.email).toBe(org[who].email);
      const set = res.headers.getSetCookie().find((c) => c.startsWith('taiwa.session_token='))!;
      expect(set).toMatch(/HttpOnly/i);
      expect(set).toMatch(/SameSite=Lax/i);
      const me = await call<{ id: string }>(app, 'GET', '/api/me', { cookie: cookieFrom(res.headers) });
      expect(me.body.id).toBe(org[who].id);
    });

    it('a wrong password and an unknown email get the same 401, in ja and en, and no cookie', async () => {
      const wrong = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.self.email, password: 'not-the-password' } });
      const unknown = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: 'nobody@example.test', password: 'not-the-password' } });
      for (const res of [wrong, unknown]) {
        expect(expectError(res, 401, 'unauthenticated').message).toBe('メールアドレスまたはパスワードが正しくありません。');
        expect(cookieFrom(res.headers)).not.toMatch(/session_token=[^;]/);
      }
      const en = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.self.email, password: 'not-the-password' }, lang: 'en' });
      expect(expectError(en, 401, 'unauthenticated').message).toBe('The email address or password is not correct.');
    });

    it('someone without a password cannot sign in', async () => {
      const [nopw] = await insertPeople(database.db, auth, [{ familyName: '無', givenName: '鍵', withPassword: false }]);
      expectError(await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: nopw!.email, password: TEST_PASSWORD } }), 401, 'unauthenticated');
    });

    it('a deactivated employee cannot sign in (403, in ja and en) and no session is created', async () => {
      const ja = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.former.email, password: TEST_PASSWORD } });
      expect(expectError(ja, 403, 'forbidden').message).toBe('このアカウントは無効化されています。管理者に連絡してください。');
      const en = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.former.email, password: TEST_PASSWORD }, lang: 'en' });
      expect(expectError(en, 403, 'forbidden').message).toBe('This account has been deactivated. Please contact your administrator.');
      expect(await database.db.select().from(session).where(eq(session.userId, org.former.userId))).toEqual([]);
    });

    it('bad input → 400 in the error shape', async () => {
      const res = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: 'not-an-email', password: 'x' } });
      expectError(res, 400, 'validation');
    });

    it('sign-up is closed: accounts are made by admins only', async () => {
      const res = await call(app, 'POST', '/api/auth/sign-up/email', { body: { email: 'self-made@example.test', password: 'self-made-pass', name: 'x' } });
      expect(res.status).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
    });
  });

  describe('Origin check (CSRF)', () => {
    it('a cookie-carrying sign-out without Origin, or from another site, is refused and the session survives', async () => {
      const cookie = await signIn(app, org.hr.email, TEST_PASSWORD);
      for (const origin of [null, 'https://evil.example']) {
        const headers: Record<string, string> = { cookie, 'content-type': 'application/json' };
        if (origin) headers.origin = origin;
        const res = await app.request('/api/auth/sign-out', { method: 'POST', headers, body: '{}' });
        expect(res.status).toBe(403);
      }
      expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
      expect((await call(app, 'GET', '/api/me', { cookie, headers: { origin: TEST_BASE_URL } })).status).toBe(200);
    });
  });

  describe('POST /api/auth/sign-out', () => {
    it.each(relations)('%s signs out: the session row is gone and the cookie no longer works', async (who) => {
      const cookie = await signIn(app, org[who].email, TEST_PASSWORD);
      const before = await database.db.select().from(session).where(eq(session.userId, org[who].userId));
      const res = await call(app, 'POST', '/api/auth/sign-out', { cookie, body: {} });
      expect(res.status).toBe(200);
      const after = await database.db.select().from(session).where(eq(session.userId, org[who].userId));
      expect(after.length).toBe(before.length - 1);
      expectError(await call(app, 'GET', '/api/me', { cookie }), 401, 'unauthenticated');
    });

    it('anonymous sign-out changes nothing', async () => {
      const count = (await database.db.select().from(session)).length;
      const res = await call(app, 'POST', '/api/auth/sign-out', { body: {} });
      expect(res.status).toBeLessThan(500);
      expect((await database.db.select().from(session)).length).toBe(count);
    });
  });

  describe('POST /api/auth/change-password', () => {
    const passwordOf = async (userId: string) =>
      (await database.db.select({ p: account.password }).from(account).where(eq(account.userId, userId)))[0]!.p;

    it('anonymous → 401', async () => {
      expectError(await call(app, 'POST', '/api/auth/change-password', { body: { currentPassword: TEST_PASSWORD, newPassword: 'willow-harbor-123' } }), 401, 'unauthenticated');
    });

    it('a wrong current password → 400 on currentPassword in ja and en; the password stays', async () => {
      const cookie = await signIn(app, org.otherReport.email, TEST_PASSWORD);
      const before = await passwordOf(org.otherReport.userId);
      expectFields(await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: 'wrong-one-1', newPassword: 'willow-harbor-123' } }), {
        currentPassword: '現在のパスワードが正しくありません。',
      });
      expectFields(
        await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: 'wrong-one-1', newPassword: 'willow-harbor-123' }, lang: 'en' }),
        { currentPassword: 'The current password is not correct.' },
      );
      expect(await passwordOf(org.otherReport.userId)).toBe(before);
    });

    it('a too short new password → 400 on newPassword; the password stays', async () => {
      const cookie = await signIn(app, org.otherReport.email, TEST_PASSWORD);
      const before = await passwordOf(org.otherReport.userId);
      expectFields(await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'short' } }), {
        newPassword: '8文字以上で入力してください。',
      });
      expect(await passwordOf(org.otherReport.userId)).toBe(before);
    });

    it('the right current password changes it: the new one signs in, the old one no longer does', async () => {
      // A person of its own: the sign-in tests expect everyone of the organisation to keep TEST_PASSWORD.
      const [changer] = await insertPeople(database.db, auth, [{ familyName: '変更', givenName: '太郎', managerId: org.skipLevel.id }]);
      const cookie = await signIn(app, changer!.email, TEST_PASSWORD);
      const res = await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: 'a-new-password-9' } });
      expect(res.status).toBe(200);
      await signIn(app, changer!.email, 'a-new-password-9');
      expectError(await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: changer!.email, password: TEST_PASSWORD } }), 401, 'unauthenticated');
    });
  });
});

import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { session } from '../../db/schema.js';
import { call, cookieFrom, signIn, TEST_BASE_URL, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, meetingsOf } from '../../test/series.js';
import { databaseSnapshot } from '../../test/snapshot.js';

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

interface OpenApiDoc {
  paths: Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>;
}

/** Every state-changing operation the served API document lists, with its path parameters filled. */
async function writeOperations(app: ReturnType<typeof testApp>['app']): Promise<{ method: string; path: string; url: string }[]> {
  const doc = (await (await app.request('/api/openapi.json')).json()) as OpenApiDoc;
  const out: { method: string; path: string; url: string }[] = [];
  for (const [p, ops] of Object.entries(doc.paths)) {
    for (const method of Object.keys(ops)) {
      if (!['post', 'put', 'patch', 'delete'].includes(method)) continue;
      out.push({ method: method.toUpperCase(), path: p, url: p.replace(/\{[^}]+\}/g, UNKNOWN) });
    }
  }
  return out;
}

describe.skipIf(noDatabase)('cross-site writes, caching, passwords and sessions', () => {
  const database = testDatabase();
  let built: ReturnType<typeof testApp>;
  let app: ReturnType<typeof testApp>['app'];
  let org: Organisation;
  let cookies: Awaited<ReturnType<typeof signInAll>>;
  let seriesId: string;
  let meetingId: string;

  beforeAll(async () => {
    built = testApp(database);
    app = built.app;
    org = await buildOrganisation(database.db, built.services.auth);
    cookies = await signInAll(app, org);
    const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
    seriesId = s.id;
    meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
  });

  describe('Origin on every state-changing request', () => {
    it('the API document lists write operations to check', async () => {
      const ops = await writeOperations(app);
      expect(ops.length).toBeGreaterThan(30);
      expect(ops.map((o) => `${o.method} ${o.path}`)).toContain('PUT /api/meetings/{id}/private-note');
    });

    it.each([
      ['a foreign Origin', { origin: 'https://evil.example' }],
      ['Origin null', { origin: 'null' }],
      ['the right host on another scheme', { origin: TEST_BASE_URL.replace('http:', 'https:') }],
    ])('every write operation of the API document is refused with %s, changing nothing', async (_label, headers) => {
      const before = await databaseSnapshot(database.db);
      for (const op of await writeOperations(app)) {
        for (const cookie of [cookies.admin, cookies.self, null]) {
          const res = await call(app, op.method, op.url, { cookie, body: {}, headers });
          expect({ op: `${op.method} ${op.path}`, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, status: 403 });
          expect(res.body.error.reason).toBe('errors.foreignOrigin');
        }
      }
      expect(await databaseSnapshot(database.db)).toEqual(before);
    });

    it('every write operation is refused without an Origin', async () => {
      for (const op of await writeOperations(app)) {
        const res = await app.request(op.url, {
          method: op.method,
          headers: { cookie: cookies.self!, 'content-type': 'application/json' },
          body: '{}',
        });
        expect({ op: `${op.method} ${op.path}`, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, status: 403 });
      }
    });

    it('every write operation refuses a form or text/plain body even from the right Origin', async () => {
      for (const op of await writeOperations(app)) {
        for (const type of ['application/x-www-form-urlencoded', 'text/plain', 'multipart/form-data; boundary=x']) {
          const res = await call(app, op.method, op.url, { cookie: cookies.self, body: 'a=1', headers: { 'content-type': type } });
          expect({ op: `${op.method} ${op.path}`, type, status: res.status }).toEqual({ op: `${op.method} ${op.path}`, type, status: 415 });
        }
      }
    });

    it('the private note and pause stay as they were after cross-site attempts; the message is in the caller language', async () => {
      const put = await call(app, 'PUT', `/api/meetings/${meetingId}/private-note`, {
        cookie: cookies.self,
        body: { body: 'written by another site' },
        headers: { origin: 'https://evil.example' },
        lang: 'en',
      });
      expect(expectError(put, 403, 'forbidden').message).toMatch(/another site/);
      const pause = await call(app, 'POST', `/api/series/${seriesId}/pause`, {
        cookie: cookies.partner,
        body: 'x=1',
        headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(expectError(pause, 403, 'forbidden').message).toMatch(/ほかのサイト/);
      const note = await call<{ body: string }>(app, 'GET', `/api/meetings/${meetingId}/private-note`, { cookie: cookies.self });
      expect(note.body.body).toBe('');
      const s = await call<{ status: string }>(app, 'GET', `/api/series/${seriesId}`, { cookie: cookies.partner });
      expect(s.body.status).toBe('active');
      const textPause = await call(app, 'POST', `/api/series/${seriesId}/pause`, { cookie: cookies.partner, body: 'x', headers: { 'content-type': 'text/plain' } });
      expectError(textPause, 415, 'unsupported_media_type');
      expect((await call<{ status: string }>(app, 'GET', `/api/series/${seriesId}`, { cookie: cookies.partner })).body.status).toBe('active');
    });

    it('the same write from the right Origin with JSON works (the guard is not a wall)', async () => {
      // It writes, so it uses a pair of its own: the test above expects the shared note and series untouched.
      const [report] = await insertPeople(database.db, built.services.auth, [{ familyName: '別途', givenName: '一人', managerId: org.partner.id }]);
      const s = await createSeries(database.db, { managerId: org.partner.id, reportId: report!.id });
      const m = (await meetingsOf(database.db, s.id))[0]!.id;
      const put = await call(app, 'PUT', `/api/meetings/${m}/private-note`, { cookie: await signIn(app, report!.email, TEST_PASSWORD), body: { body: 'mine' } });
      expect(put.status).toBe(200);
      const bare = await app.request(`/api/series/${s.id}/pause`, { method: 'POST', headers: { origin: TEST_BASE_URL, cookie: cookies.partner! } });
      expect(bare.status, await bare.clone().text()).toBe(200);
      const resume = await call(app, 'POST', `/api/series/${s.id}/resume`, { cookie: cookies.partner });
      expect(resume.status).toBe(200);
    });
  });

  describe('caching and transport headers', () => {
    it('signed-in API answers, the private note included, are no-store; the web client shell is not', async () => {
      for (const url of [`/api/meetings/${meetingId}/private-note`, '/api/me', '/api/home', `/api/series/${seriesId}`]) {
        const res = await call(app, 'GET', url, { cookie: cookies.self });
        expect(res.status).toBe(200);
        expect(res.headers.get('cache-control')).toBe('no-store');
      }
      const session = await call(app, 'GET', '/api/auth/get-session', { cookie: cookies.self });
      expect(session.headers.get('cache-control')).toBe('no-store');
      const refused = await call(app, 'GET', '/api/me');
      expect(refused.headers.get('cache-control')).toBe('no-store');
    });

    it('HSTS only when the base URL is https', async () => {
      expect((await app.request('/healthz')).headers.get('strict-transport-security')).toBeNull();
      expect((await app.request('/api/me')).headers.get('strict-transport-security')).toBeNull();
      const https = testApp(database, { baseUrl: 'https://taiwa.example' }).app;
      expect((await https.request('/healthz')).headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
    });
  });

  describe('passwords', () => {
    const weak = ['        ', 'password', '12345678', 'qwertyuiop', 'iloveyou1'];

    it.each(weak)('change-password refuses %j with a field message in ja and en, and the old password still works', async (pw) => {
      const cookie = await signIn(app, org.otherReport.email, TEST_PASSWORD);
      const ja = await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: pw } });
      expect(expectError(ja, 400, 'validation').fields?.newPassword).toMatch(/パスワード/);
      const en = await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: pw }, lang: 'en' });
      expect(expectError(en, 400, 'validation').fields?.newPassword).toMatch(/password/i);
      await signIn(app, org.otherReport.email, TEST_PASSWORD);
    });

    it("change-password refuses the user's own e-mail and name", async () => {
      const cookie = await signIn(app, org.otherReport.email, TEST_PASSWORD);
      for (const pw of [org.otherReport.email, `${org.otherReport.familyName}${org.otherReport.givenName}2026`]) {
        const res = await call(app, 'POST', '/api/auth/change-password', { cookie, body: { currentPassword: TEST_PASSWORD, newPassword: pw }, lang: 'en' });
        expect(expectError(res, 400, 'validation').fields?.newPassword).toMatch(/name or email/);
      }
    });

    it('the admin cannot give an employee a common password or their own e-mail, on creation or later', async () => {
      const base = {
        familyName: '新規',
        givenName: '太郎',
        familyNameKana: 'シンキ',
        givenNameKana: 'タロウ',
        email: `new.${org.tag}@example.test`,
        employeeNumber: `N-${org.tag}`,
      };
      const before = await databaseSnapshot(database.db);
      const common = await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: { ...base, password: 'password' } });
      expect(expectError(common, 400, 'validation').fields?.password).toBeTruthy();
      const own = await call(app, 'POST', '/api/employees', { cookie: cookies.admin, body: { ...base, password: base.email } });
      expect(expectError(own, 400, 'validation').fields?.password).toBeTruthy();
      expect(await databaseSnapshot(database.db)).toEqual(before);
      const reset = await call(app, 'PATCH', `/api/employees/${org.otherReport.id}`, { cookie: cookies.admin, body: { password: '12345678' } });
      expect(expectError(reset, 400, 'validation').fields?.password).toBeTruthy();
      await signIn(app, org.otherReport.email, TEST_PASSWORD);
    });
  });

  describe('sessions', () => {
    it('a password change ends every other session; the changing one goes on', async () => {
      const [, phone, laptop] = await Promise.all([
        signIn(app, org.hr.email, TEST_PASSWORD),
        signIn(app, org.hr.email, TEST_PASSWORD),
        signIn(app, org.hr.email, TEST_PASSWORD),
      ]);
      const newPassword = 'tanuki-kitsune-mountain-42';
      const res = await call(app, 'POST', '/api/auth/change-password', {
        cookie: laptop,
        body: { currentPassword: TEST_PASSWORD, newPassword, revokeOtherSessions: false },
      });
      expect(res.status).toBe(200);
      expect(res.text).not.toMatch(/"token"/);
      expect((await call(app, 'GET', '/api/me', { cookie: phone })).status).toBe(401);
      expect((await call(app, 'GET', '/api/me', { cookie: cookies.hr })).status).toBe(401);
      const fresh = cookieFrom(res.headers) || laptop;
      expect((await call(app, 'GET', '/api/me', { cookie: fresh })).status).toBe(200);
      const rows = await database.db.select().from(session).where(eq(session.userId, org.hr.userId));
      expect(rows).toHaveLength(1);
    });

    it('an admin password reset ends every session of that person', async () => {
      const cookie = await signIn(app, org.skipLevel.email, TEST_PASSWORD);
      const res = await call(app, 'PATCH', `/api/employees/${org.skipLevel.id}`, { cookie: cookies.admin, body: { password: 'river-stone-lantern-88' } });
      expect(res.status).toBe(200);
      expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
    });

    it.each([
      ['no body and no content type', undefined, undefined],
      ['an empty JSON object', '{}', 'application/json'],
      ['an empty body with a JSON type', '', 'application/json'],
    ])('sign-out with %s ends the session', async (_label, body, type) => {
      const cookie = await signIn(app, org.self.email, TEST_PASSWORD);
      const headers: Record<string, string> = { origin: TEST_BASE_URL, cookie };
      if (type) headers['content-type'] = type;
      const res = await app.request('/api/auth/sign-out', { method: 'POST', headers, body });
      expect(res.status).toBe(200);
      expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
    });

    it('session tokens never appear in response bodies', async () => {
      const res = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email: org.self.email, password: TEST_PASSWORD } });
      expect(res.status).toBe(200);
      const token = decodeURIComponent(cookieFrom(res.headers).match(/session_token=([^;]+)/)![1]!).split('.')[0]!;
      expect(token.length).toBeGreaterThan(10);
      expect(res.text).not.toContain(token);
      expect(res.text).not.toMatch(/"token"/);
      const got = await call(app, 'GET', '/api/auth/get-session', { cookie: cookieFrom(res.headers) });
      expect(got.status).toBe(200);
      expect(got.text).toContain(org.self.email);
      expect(got.text).not.toContain(token);
      expect(got.text).not.toMatch(/"token"/);
    });

    it.each([
      ['GET', '/api/auth/list-sessions'],
      ['POST', '/api/auth/update-user'],
      ['POST', '/api/auth/revoke-sessions'],
      ['POST', '/api/auth/sign-up/email'],
      ['POST', '/api/auth/request-password-reset'],
      ['POST', '/api/auth/change-email'],
      ['POST', '/api/auth/delete-user'],
      ['GET', '/api/auth/list-accounts'],
    ])('%s %s is switched off (404) and changes nothing', async (method, url) => {
      const res = await call(app, method, url, { cookie: cookies.self, body: method === 'GET' ? undefined : { image: 'javascript:alert(1)', name: 'x' } });
      expectError(res, 404, 'not_found');
      const me = await call<{ familyName: string }>(app, 'GET', '/api/me', { cookie: cookies.self });
      expect(me.status).toBe(200);
    });
  });

  describe('the employee list', () => {
    it.each(['self', 'partner', 'otherReport'] as const)('%s asking for status=inactive is refused, not answered with active people', async (who) => {
      const res = await call(app, 'GET', '/api/employees?status=inactive', { cookie: cookies[who], lang: 'en' });
      expect(expectError(res, 403, 'forbidden').message).toMatch(/hr and admins/);
    });

    it('admin gets the deactivated people', async () => {
      const res = await call<{ items: { id: string }[] }>(app, 'GET', '/api/employees?status=inactive&pageSize=100', { cookie: cookies.admin });
      expect(res.status).toBe(200);
      expect(res.body.items.map((e) => e.id)).toContain(org.former.id);
    });
  });
});

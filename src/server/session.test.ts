import { createHmac } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { employees, session } from './db/schema.js';
import { verifiedCookieValue } from './session.js';
import { call, cookieFrom, testApp } from './test/app.js';
import { testDatabase } from './test/database.js';
import { buildOrganisation, TEST_PASSWORD, type Organisation } from './test/factories.js';
import { noDatabase } from './test/provided.js';

describe('verifiedCookieValue', () => {
  const secret = 'a-secret-of-the-installation';
  const sign = (v: string, s = secret) => encodeURIComponent(`${v}.${createHmac('sha256', s).update(v).digest('base64')}`);

  it('returns the value signed with the secret, and nothing for a missing, unsigned, tampered or foreign cookie', () => {
    expect(verifiedCookieValue(sign('tok123'), secret)).toBe('tok123');
    expect(verifiedCookieValue(undefined, secret)).toBeNull();
    expect(verifiedCookieValue('tok123', secret)).toBeNull();
    expect(verifiedCookieValue(sign('tok123').replace('tok123', 'tok124'), secret)).toBeNull();
    expect(verifiedCookieValue(sign('tok123', 'another-secret'), secret)).toBeNull();
  });
});

describe.skipIf(noDatabase)('the session cookie resolves the caller in one statement', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let auth: ReturnType<typeof testApp>['services']['auth'];
  let org: Organisation;

  beforeAll(async () => {
    ({ app, services: { auth } } = testApp(database));
    org = await buildOrganisation(database.db, auth);
  });

  async function signIn(email: string) {
    const res = await call(app, 'POST', '/api/auth/sign-in/email', { body: { email, password: TEST_PASSWORD } });
    expect(res.status).toBe(200);
    return cookieFrom(res.headers);
  }

  it('an expired session is anonymous; a session due for its daily extension is extended by better-auth and keeps working', async () => {
    const cookie = await signIn(org.partner.email);
    const [row] = await database.db.select().from(session).where(eq(session.userId, org.partner.userId));
    // Two days into a fourteen-day session: due for extension (updateAge one day).
    const due = new Date(Date.now() + 12 * 24 * 3600_000);
    await database.db.update(session).set({ expiresAt: due }).where(eq(session.id, row!.id));
    expect((await call<{ id: string }>(app, 'GET', '/api/me', { cookie })).body.id).toBe(org.partner.id);
    const [extended] = await database.db.select().from(session).where(eq(session.id, row!.id));
    expect(extended!.expiresAt.getTime()).toBeGreaterThan(due.getTime());
    await database.db.update(session).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(session.id, row!.id));
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('a deleted session row or a deactivated employee ends access on the next request', async () => {
    const cookie = await signIn(org.hr.email);
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
    await database.db.update(employees).set({ active: false }).where(eq(employees.id, org.hr.id));
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
    await database.db.update(employees).set({ active: true }).where(eq(employees.id, org.hr.id));
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(200);
    await database.db.delete(session).where(eq(session.userId, org.hr.userId));
    expect((await call(app, 'GET', '/api/me', { cookie })).status).toBe(401);
  });

  it('a tampered cookie is anonymous', async () => {
    const cookie = await signIn(org.self.email);
    const tampered = cookie.replace(/session_token=([^;.]+)/, (_, v: string) => `session_token=${v.slice(0, -1)}${v.endsWith('a') ? 'b' : 'a'}`);
    expect(tampered).not.toBe(cookie);
    expect((await call(app, 'GET', '/api/me', { cookie: tampered })).status).toBe(401);
  });
});

import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ApiTokenList, CreatedApiToken, TokenScope } from '../../../domain/apiTokens.js';
import type { Me } from '../../../domain/me.js';
import { apiTokens, employees, goals, minutes } from '../../db/schema.js';
import { authorisationMatrix, matrixRelations, type MatrixRelation } from '../../policies/matrix.js';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError, expectFields } from '../../test/expect.js';
import { buildOrganisation, insertPeople, signInAll, TEST_PASSWORD, type Organisation, type Relation } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { createSeries, insertTopic, meetingsOf } from '../../test/series.js';

const bearer = (secret: string) => ({ authorization: `Bearer ${secret}` });

describe.skipIf(noDatabase)('personal API tokens', () => {
  const database = testDatabase();
  let built: ReturnType<typeof testApp>;
  let app: ReturnType<typeof testApp>['app'];

  beforeAll(() => {
    built = testApp(database);
    app = built.app;
  });

  /** A person of their own (tests that change data do not share people), signed in. */
  async function person(spec: { isAdmin?: boolean } = {}) {
    const [p] = await insertPeople(database.db, built.services.auth, [{ familyName: '山田', givenName: '花子', ...spec }]);
    return { ...p!, cookie: await signIn(app, p!.email, TEST_PASSWORD) };
  }

  async function createToken(cookie: string, scope: TokenScope, name = `token-${scope}`): Promise<CreatedApiToken> {
    const res = await call<CreatedApiToken>(app, 'POST', '/api/me/api-tokens', { cookie, body: { name, scope, expiresInDays: 30 } });
    expect(res.status, res.text).toBe(201);
    return res.body;
  }

  /** A request exactly as given: no Origin, no cookie unless in `headers`. */
  async function raw(method: string, path: string, headers: Record<string, string>, body?: unknown) {
    const res = await app.request(path, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as unknown, headers: res.headers, text };
  }

  it('answers the secret once; lists never hold it; the table holds only its SHA-256', async () => {
    const me = await person();
    const created = await createToken(me.cookie, 'read', 'CI');
    expect(created.secret).toMatch(/^taiwa_[A-Za-z0-9_-]{43}$/);
    expect(created.secret.startsWith(created.prefix)).toBe(true);
    expect(created.prefix.length).toBeLessThan(16);
    expect(Date.parse(created.expiresAt) - Date.parse(created.createdAt)).toBe(30 * 24 * 60 * 60 * 1000);

    const list = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: me.cookie });
    expect(list.status).toBe(200);
    expect(list.body.items.map((t) => t.name)).toEqual(['CI']);
    expect(list.text).not.toContain(created.secret);
    expect(list.text).not.toContain(created.secret.slice(created.prefix.length));
    expect(Object.keys(list.body.items[0]!)).not.toContain('secret');

    const [row] = await database.db.select().from(apiTokens).where(eq(apiTokens.id, created.id));
    expect(row!.tokenHash).toBe(createHash('sha256').update(created.secret).digest('hex'));
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(created.prefix.length));

    // Someone else's list does not show it, and they cannot revoke it.
    const other = await person();
    const theirs = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: other.cookie });
    expect(theirs.body.items).toEqual([]);
    expectError(await call(app, 'DELETE', `/api/me/api-tokens/${created.id}`, { cookie: other.cookie }), 404, 'not_found');
    expect((await raw('GET', '/api/me', bearer(created.secret))).status).toBe(200);
  });

  it('acts as its owner: /api/me answers the owner, without a cookie', async () => {
    const me = await person();
    const { secret } = await createToken(me.cookie, 'read');
    const res = await raw('GET', '/api/me', bearer(secret));
    expect(res.status).toBe(200);
    expect((res.body as Me).id).toBe(me.id);
  });

  it('a read token cannot write; nothing changes', async () => {
    const me = await person();
    const { secret } = await createToken(me.cookie, 'read');
    const res = await call(app, 'PATCH', '/api/me', { headers: bearer(secret), body: { timeZone: 'Europe/Paris' }, lang: 'en' });
    const error = expectError(res, 403, 'forbidden');
    expect(error.reason).toBe('errors.tokenScope');
    expect(error.message).toContain('read');
    const [row] = await database.db.select({ tz: employees.timeZone }).from(employees).where(eq(employees.id, me.id));
    expect(row!.tz).toBe('Asia/Tokyo');
    // The same person with a write token may.
    const write = await createToken(me.cookie, 'write');
    const ok = await call<Me>(app, 'PATCH', '/api/me', { headers: bearer(write.secret), body: { timeZone: 'Europe/Paris' } });
    expect(ok.status).toBe(200);
    expect(ok.body.timeZone).toBe('Europe/Paris');
  });

  it('a revoked token answers 401, and revoking is for the owner', async () => {
    const me = await person();
    const token = await createToken(me.cookie, 'write');
    expect((await raw('GET', '/api/me', bearer(token.secret))).status).toBe(200);
    const revoked = await call(app, 'DELETE', `/api/me/api-tokens/${token.id}`, { cookie: me.cookie });
    expect(revoked.status).toBe(200);
    const res = await call(app, 'GET', '/api/me', { headers: bearer(token.secret), lang: 'en' });
    expect(expectError(res, 401, 'unauthenticated').reason).toBe('errors.tokenInvalid');
    // Gone from the list; revoking twice finds nothing.
    const list = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: me.cookie });
    expect(list.body.items).toEqual([]);
    expectError(await call(app, 'DELETE', `/api/me/api-tokens/${token.id}`, { cookie: me.cookie }), 404, 'not_found');
    // A write token may revoke itself.
    const self = await createToken(me.cookie, 'write');
    expect((await call(app, 'DELETE', `/api/me/api-tokens/${self.id}`, { headers: bearer(self.secret) })).status).toBe(200);
    expect((await raw('GET', '/api/me', bearer(self.secret))).status).toBe(401);
  });

  it('an expired token answers 401', async () => {
    const me = await person();
    const token = await createToken(me.cookie, 'read');
    await database.db.update(apiTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(apiTokens.id, token.id));
    expectError(await call(app, 'GET', '/api/me', { headers: bearer(token.secret) }), 401, 'unauthenticated');
    // Still listed (so its owner sees it expired and can remove it).
    const list = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: me.cookie });
    expect(list.body.items.map((t) => t.id)).toEqual([token.id]);
  });

  it('a deactivated employee’s tokens stop working', async () => {
    const me = await person();
    const token = await createToken(me.cookie, 'write');
    await database.db.update(employees).set({ active: false, deactivatedAt: new Date() }).where(eq(employees.id, me.id));
    expectError(await call(app, 'GET', '/api/me', { headers: bearer(token.secret) }), 401, 'unauthenticated');
    await database.db.update(employees).set({ active: true, deactivatedAt: null }).where(eq(employees.id, me.id));
    expect((await raw('GET', '/api/me', bearer(token.secret))).status).toBe(200);
  });

  it('unknown, malformed and empty bearer values answer 401, never falling back to the cookie', async () => {
    const me = await person();
    for (const value of ['Bearer taiwa_not-a-real-token', 'Bearer something-else', 'Bearer', 'bearer   ']) {
      const res = await call(app, 'GET', '/api/me', { cookie: me.cookie, headers: { authorization: value } });
      expectError(res, 401, 'unauthenticated');
    }
  });

  it('admin scope is needed for administration, and the owner must still be an administrator', async () => {
    const admin = await person({ isAdmin: true });
    const member = await person();
    const write = await createToken(admin.cookie, 'write');
    const adminToken = await createToken(admin.cookie, 'admin');
    const newEmployee = { familyName: '新人', givenName: '一郎', familyNameKana: 'シンジン', givenNameKana: 'イチロウ', email: `new-${admin.id}@example.test`, employeeNumber: `N-${admin.id.slice(0, 8)}` };

    // Administration with a write token: refused by scope, for reads and writes alike.
    for (const [method, path, body] of [
      ['GET', '/api/admin/outbox', undefined],
      ['GET', '/api/admin/webhooks', undefined],
      ['POST', '/api/employees', newEmployee],
    ] as const) {
      const res = await call(app, method, path, { headers: bearer(write.secret), body });
      expect(expectError(res, 403, 'forbidden').reason, `${method} ${path}`).toBe('errors.tokenScope');
    }
    // Spelling the path differently does not slip past the scope rule.
    for (const path of ['/api/%65mployees', '/api//employees', '/api/employees/', '/api/admin/../employees']) {
      const res = await call(app, 'POST', path, { headers: bearer(write.secret), body: newEmployee });
      expect(res.status, path).not.toBe(201);
    }
    // An ordinary write and read still work with it.
    expect((await call(app, 'GET', '/api/employees', { headers: bearer(write.secret) })).status).toBe(200);
    // With the admin token the administrator may.
    expect((await call(app, 'GET', '/api/admin/outbox', { headers: bearer(adminToken.secret) })).status).toBe(200);
    const created = await call(app, 'POST', '/api/employees', { headers: bearer(adminToken.secret), body: newEmployee });
    expect(created.status, created.text).toBe(201);

    // A member cannot make an admin token, and their tokens reach no administration.
    const refused = await call(app, 'POST', '/api/me/api-tokens', { cookie: member.cookie, lang: 'en', body: { name: 'x', scope: 'admin', expiresInDays: 30 } });
    expectFields(refused, { scope: 'Only administrators can create tokens with the admin scope.' });
    const memberWrite = await createToken(member.cookie, 'write');
    expectError(await call(app, 'GET', '/api/admin/outbox', { headers: bearer(memberWrite.secret) }), 403, 'forbidden');

    // An administrator who stops being one keeps a token that grants nothing of administration.
    await database.db.update(employees).set({ isAdmin: false }).where(eq(employees.id, admin.id));
    const demoted = await call(app, 'GET', '/api/admin/outbox', { headers: bearer(adminToken.secret) });
    expect(expectError(demoted, 403, 'forbidden').reason).not.toBe('errors.tokenScope');
    expect((await call(app, 'GET', '/api/me', { headers: bearer(adminToken.secret) })).status).toBe(200);
  });

  it('tokens are created from a session only, with a name, a scope and a lifetime of at most a year', async () => {
    const me = await person();
    const token = await createToken(me.cookie, 'write');
    const fromToken = await call(app, 'POST', '/api/me/api-tokens', { headers: bearer(token.secret), body: { name: 'x', scope: 'read', expiresInDays: 30 } });
    expect(expectError(fromToken, 403, 'forbidden').reason).toBe('errors.tokenFromToken');
    const bad = await call(app, 'POST', '/api/me/api-tokens', { cookie: me.cookie, lang: 'en', body: { name: ' ', scope: 'owner', expiresInDays: 366 } });
    const error = expectError(bad, 400, 'validation');
    expect(Object.keys(error.fields ?? {}).sort()).toEqual(['expiresInDays', 'name', 'scope']);
    const missing = await call(app, 'POST', '/api/me/api-tokens', { cookie: me.cookie, body: { name: 'x', scope: 'read' } });
    expect(Object.keys(expectError(missing, 400, 'validation').fields ?? {})).toEqual(['expiresInDays']);
    const list = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: me.cookie });
    expect(list.body.items).toHaveLength(1);
  });

  it('one person holds at most 20 unrevoked tokens', async () => {
    const me = await person();
    const made = await Promise.all(
      Array.from({ length: 22 }, (_, i) => call(app, 'POST', '/api/me/api-tokens', { cookie: me.cookie, body: { name: `t${i}`, scope: 'read', expiresInDays: 1 } })),
    );
    expect(made.filter((r) => r.status === 201)).toHaveLength(20);
    for (const r of made.filter((x) => x.status !== 201)) expectError(r, 409, 'conflict');
    const list = await call<ApiTokenList>(app, 'GET', '/api/me/api-tokens', { cookie: me.cookie });
    expect(list.body.items).toHaveLength(20);
  });

  it('records the last use, at most once a minute', async () => {
    const me = await person();
    const token = await createToken(me.cookie, 'read');
    const lastUsed = async () => (await database.db.select({ at: apiTokens.lastUsedAt }).from(apiTokens).where(eq(apiTokens.id, token.id)))[0]!.at;
    expect(await lastUsed()).toBeNull();
    await raw('GET', '/api/me', bearer(token.secret));
    const first = await lastUsed();
    expect(first).toBeInstanceOf(Date);
    await raw('GET', '/api/home', bearer(token.secret));
    expect(await lastUsed()).toEqual(first);
    const earlier = new Date(first!.getTime() - 2 * 60_000);
    await database.db.update(apiTokens).set({ lastUsedAt: earlier }).where(eq(apiTokens.id, token.id));
    await raw('GET', '/api/me', bearer(token.secret));
    expect((await lastUsed())!.getTime()).toBeGreaterThan(earlier.getTime());
  });

  describe('the Origin check', () => {
    it('a bearer write needs no Origin; a cookie write without one is still refused', async () => {
      const me = await person();
      const token = await createToken(me.cookie, 'write');
      const viaToken = await raw('PATCH', '/api/me', bearer(token.secret), { timeZone: 'Asia/Seoul' });
      expect(viaToken.status, viaToken.text).toBe(200);

      // The cookie alone, or with another Authorization scheme: Origin required.
      const cookieOnly: Record<string, string>[] = [{ cookie: me.cookie }, { cookie: me.cookie, authorization: 'Basic dXNlcjpwYXNz' }, { cookie: me.cookie, origin: 'https://evil.test' }];
      for (const headers of cookieOnly) {
        const res = await raw('PATCH', '/api/me', headers, { timeZone: 'Europe/Paris' });
        expect(res.status, JSON.stringify(headers)).toBe(403);
        expect((res.body as { error: { reason?: string } }).error.reason).toBe('errors.foreignOrigin');
      }
      // A cookie with a bad bearer value is judged by the token only: 401, the cookie unused.
      const forged = await raw('PATCH', '/api/me', { cookie: me.cookie, authorization: 'Bearer taiwa_forged' }, { timeZone: 'Europe/Paris' });
      expect(forged.status).toBe(401);
      const [row] = await database.db.select({ tz: employees.timeZone }).from(employees).where(eq(employees.id, me.id));
      expect(row!.tz).toBe('Asia/Seoul');
    });

    it('a request with a cookie and a token acts as the token’s owner', async () => {
      const me = await person();
      const other = await person();
      const token = await createToken(other.cookie, 'read');
      const res = await call<Me>(app, 'GET', '/api/me', { cookie: me.cookie, headers: bearer(token.secret) });
      expect(res.body.id).toBe(other.id);
    });

    it('better-auth’s routes keep the Origin check even with a bearer header', async () => {
      const me = await person();
      const token = await createToken(me.cookie, 'write');
      const res = await raw('POST', '/api/auth/sign-out', { cookie: me.cookie, ...bearer(token.secret) }, {});
      expect(res.status).toBe(403);
      // Still signed in.
      expect((await call(app, 'GET', '/api/me', { cookie: me.cookie })).status).toBe(200);
    });

    it('a bearer write must still send JSON', async () => {
      const me = await person();
      const token = await createToken(me.cookie, 'write');
      const res = await app.request('/api/me', { method: 'PATCH', headers: { ...bearer(token.secret), 'content-type': 'text/plain' }, body: '{"timeZone":"Europe/Paris"}' });
      expect(res.status).toBe(415);
    });
  });

  describe('every read of the API document, with tokens, answers as the authorisation matrix says', () => {
    let org: Organisation;
    let tokens: Record<Relation, string>;
    let ids: Record<string, string>;
    let operations: { method: string; path: string; key: string }[];

    beforeAll(async () => {
      org = await buildOrganisation(database.db, built.services.auth);
      const cookies = await signInAll(app, org);
      const s = await createSeries(database.db, { managerId: org.partner.id, reportId: org.self.id });
      const meetingId = (await meetingsOf(database.db, s.id))[0]!.id;
      await database.db.insert(minutes).values({ meetingId, body: '## 議事録', status: 'shared', sharedAt: new Date(), sharedById: org.partner.id });
      const topicId = await insertTopic(database.db, { meetingId, authorId: org.self.id, title: '来期の目標', visibility: 'pair' });
      const [goal] = await database.db.insert(goals).values({ ownerId: org.self.id, kind: 'okr', title: '顧客満足度を上げる' }).returning({ id: goals.id });
      ids = { series: s.id, meetings: meetingId, topics: topicId, employees: org.self.id, departments: org.departments.team, goals: goal!.id };
      const relations = matrixRelations.filter((r): r is Relation => r !== 'anonymous');
      const made = await Promise.all(relations.map((r) => createToken(cookies[r], r === 'admin' ? 'admin' : 'read')));
      tokens = Object.fromEntries(relations.map((r, i) => [r, made[i]!.secret])) as Record<Relation, string>;
      const doc = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, Record<string, unknown>> };
      operations = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => ({ method: m.toUpperCase(), path, key: `${m.toUpperCase()} ${path}` })));
    });

    it('read and admin tokens of every relation', { timeout: 120_000 }, async () => {
      const queries: Record<string, string> = { 'GET /api/search': '?q=目標' };
      const urlOf = (op: { path: string; key: string }) =>
        op.path.replace(/^\/api\/([^/]+)\/\{id\}/, (_all, seg: string) => `/api/${seg}/${ids[seg] ?? '00000000-0000-4000-8000-000000000000'}`) + (queries[op.key] ?? '');
      const wrong: string[] = [];
      let runs = 0;
      const reads = operations.filter(
        (o) => o.method === 'GET' && !o.path.startsWith('/api/auth/') && o.path !== '/api/meetings/{id}/events' && !urlOf(o).includes('{'),
      );
      for (const op of reads) {
        const allowed: readonly MatrixRelation[] = authorisationMatrix[op.key] ?? [];
        for (const rel of Object.keys(tokens) as Relation[]) {
          const res = await call(app, 'GET', urlOf(op), { headers: bearer(tokens[rel]) });
          runs++;
          const ok = allowed.includes(rel) ? res.status >= 200 && res.status < 300 : res.status === 403 || res.status === 404;
          if (!ok) wrong.push(`${op.key} as ${rel}: ${res.status} (allowed: ${allowed.join(', ') || 'nobody'})`);
        }
      }
      expect(wrong).toEqual([]);
      expect(runs).toBeGreaterThan(150);
    });
  });
});

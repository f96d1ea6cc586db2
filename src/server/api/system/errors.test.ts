import { beforeAll, describe, expect, it } from 'vitest';
import { call, signIn, testApp } from '../../test/app.js';
import { testDatabase } from '../../test/database.js';
import { expectError } from '../../test/expect.js';
import { buildOrganisation, TEST_PASSWORD } from '../../test/factories.js';
import { noDatabase } from '../../test/provided.js';
import { databaseSnapshot } from '../../test/snapshot.js';

describe.skipIf(noDatabase)('error answers', () => {
  const database = testDatabase();
  let app: ReturnType<typeof testApp>['app'];
  let admin: string;
  beforeAll(async () => {
    const built = testApp(database, { bodyLimitBytes: 2048 });
    app = built.app;
    const org = await buildOrganisation(database.db, built.services.auth);
    admin = await signIn(app, org.admin.email, TEST_PASSWORD);
  });

  it.each(['GET', 'POST', 'PATCH', 'DELETE'])('an unknown /api route (%s) → 404 in the error shape, ja and en', async (method) => {
    const ja = expectError(await call(app, method, '/api/nothing-here', { cookie: admin }), 404, 'not_found');
    expect(ja.message).toBe('このURLのAPIはありません。');
    const en = expectError(await call(app, method, '/api/employees/extra/segments', { cookie: admin, lang: 'en' }), 404, 'not_found');
    expect(en.message).toBe('There is no API at this URL.');
  });

  it('DELETE on an employee is not an endpoint (employees are deactivated, never deleted)', async () => {
    const before = await databaseSnapshot(database.db);
    expectError(await call(app, 'DELETE', '/api/employees/00000000-0000-4000-8000-000000000000', { cookie: admin }), 404, 'not_found');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it.each([
    ['POST', '/api/employees'],
    ['PATCH', '/api/me'],
    ['POST', '/api/departments'],
    ['POST', '/api/setup'],
  ])('malformed JSON to %s %s → 400 in ja and en, nothing written', async (method, path) => {
    const before = await databaseSnapshot(database.db);
    const ja = expectError(await call(app, method, path, { cookie: admin, body: '{"name": "unterminated' }), 400, 'validation');
    expect(ja.message).toBe('送信された内容をJSONとして読み取れません。');
    const en = expectError(await call(app, method, path, { cookie: admin, body: '{oops}', lang: 'en' }), 400, 'validation');
    expect(en.message).toBe('The request body is not valid JSON.');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('a body over the limit → 413 in the error shape with the limit, nothing written', async () => {
    const before = await databaseSnapshot(database.db);
    const body = JSON.stringify({ name: 'あ'.repeat(3000) });
    const ja = expectError(await call(app, 'POST', '/api/departments', { cookie: admin, body }), 413, 'payload_too_large');
    expect(ja.message).toBe('送信された内容が大きすぎます(2048バイトまで)。');
    const en = expectError(await call(app, 'POST', '/api/departments', { cookie: admin, body, lang: 'en' }), 413, 'payload_too_large');
    expect(en.message).toBe('The request is too large (limit 2048 bytes).');
    // Sign-in bodies are limited too.
    expectError(await call(app, 'POST', '/api/auth/sign-in/email', { body: JSON.stringify({ email: 'a@b.test', password: 'x'.repeat(5000) }) }), 413, 'payload_too_large');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('a non-JSON content type on a JSON endpoint → 415 in the error shape, nothing written', async () => {
    const before = await databaseSnapshot(database.db);
    const res = await call(app, 'POST', '/api/departments', { cookie: admin, body: 'name=x', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expectError(res, 415, 'unsupported_media_type');
    expect(await databaseSnapshot(database.db)).toEqual(before);
  });

  it('every answer carries security headers and a request id (echoed when sent)', async () => {
    const res = await call(app, 'GET', '/api/nothing-here', { headers: { 'x-request-id': 'trace-123' } });
    expect(res.headers.get('x-request-id')).toBe('trace-123');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('paths outside /api get the web client’s index.html (the SPA routes them)', async () => {
    const res = await call(app, 'GET', '/employees/some-id');
    expect(res.status).toBe(200);
    expect(res.text).toContain('<div id="root">');
  });
});
